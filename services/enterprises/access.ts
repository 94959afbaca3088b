import { employerOf, roleInRegion, type AccessRule, type Principal } from '../kernel/auth.js';
import { maskIin } from '../kernel/domain/identifiers.js';
import type { Enterprise } from './entities/enterprise.entity.js';

/**
 * Who may see and change what in this subgraph (docs/architecture.md §5). The public card is for anyone;
 * an enterprise's workplaces, inspections and declarations are for the labour inspectors of its
 * region and for its own employer; an admin passes every rule (kernel `authorize`). Resolvers
 * declare these with `@Allow`, nothing else looks at the caller.
 */

/** A labour inspector whose regions include the enterprise's. */
export const inspectorOfRegion: AccessRule<Enterprise> = roleInRegion('inspector', (enterprise) => enterprise.regionCode);

/** The employer acting for this enterprise (the token's BIN is the enterprise's). */
export const ownEmployer: AccessRule<Enterprise> = employerOf((enterprise) => enterprise.bin);

/** `registerEnterprise`: an employer registers the enterprise of their own BIN. */
export const employerOfNewEnterprise: AccessRule<{ bin: string }> = employerOf((input) => input.bin);

/**
 * A declared worker's IIN in full goes only to the employer who declared it (docs/architecture.md §4),
 * not even to an admin; everyone else who may see the declaration gets it masked.
 */
export function iinAsSeenBy(principal: Principal | null, contract: { iin: string; enterpriseBin: string }): string {
  const declaringEmployer = principal !== null && employerOf<string>((bin) => bin)(principal, contract.enterpriseBin);
  return declaringEmployer ? contract.iin : maskIin(contract.iin);
}
