import type { ResolverData } from 'type-graphql';
import { parseBin } from '../../kernel/arguments.js';
import type { RequestContext } from '../../kernel/context.js';
import { NotFound } from '../../kernel/errors.js';
import type { Enterprise } from '../entities/enterprise.entity.js';
import type { EnterpriseLoaders } from '../loaders.js';

/** What `@Allow` hands a target function in this subgraph. */
type Action = ResolverData<RequestContext<EnterpriseLoaders>>;

/**
 * A mutation on an existing enterprise is judged on that enterprise, found by `input.bin`
 * through the request's DataLoader. The public card already tells anyone whether a BIN is
 * registered, so an unknown one is NOT_FOUND for every caller.
 */
export async function enterpriseOfBin(loaders: EnterpriseLoaders, bin: string): Promise<Enterprise> {
  const enterprise = await loaders.enterpriseByBin.load(parseBin(bin, 'input.bin'));
  if (!enterprise) throw new NotFound('enterprise with BIN', bin);
  return enterprise;
}

/** The same enterprise, judged by `@Allow` (the resolver then gets it from the same loader, no second statement). */
export const enterpriseOfInput = (action: Action): Promise<Enterprise> =>
  enterpriseOfBin(action.context.loaders, (action.args.input as { bin: string }).bin);

/** `registerEnterprise` is judged on the BIN it registers. */
export const registeredBin = (action: Action): { bin: string } => ({ bin: (action.args.input as { bin: string }).bin });
