import type { ResolverData } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { NotFound } from '../../kernel/errors.js';
import type { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { parseUuid } from '../../kernel/ids.js';
import type { ResettlementLoaders } from '../loaders.js';

/** What `@Allow` hands a target function in this subgraph. */
type Action = ResolverData<RequestContext<ResettlementLoaders>>;

/** Zones are public, so an unknown one is NOT_FOUND for any caller, before the rules are asked. */
export async function zoneOrNotFound(loaders: ResettlementLoaders, zoneId: string, argument: string): Promise<ResettlementZone> {
  const zone = await loaders.zoneById.load(parseUuid(zoneId, argument));
  if (!zone) throw new NotFound('resettlement zone', zoneId);
  return zone;
}

/** `setZoneQuota` is judged on the zone it changes. */
export const quotaZone = (action: Action): Promise<ResettlementZone> => zoneOrNotFound(action.context.loaders, String(action.args.zoneId), 'zoneId');

/**
 * A decision is judged on the zone of the application; null when the application does not
 * exist, which the rules refuse like an application of another region. Read before the
 * decision's transaction, which is sound because an application never changes its zone.
 */
export async function decidedApplicationZone(action: Action): Promise<ResettlementZone | null> {
  const { loaders } = action.context;
  const application = await loaders.applicationById.load(parseUuid(String(action.args.id), 'id'));
  return application && loaders.zoneById.load(application.zoneId);
}

/** A return is judged like a decision, on the zone of the application it is recorded for. */
export async function returnedApplicationZone(action: Action): Promise<ResettlementZone | null> {
  const { loaders } = action.context;
  const application = await loaders.applicationById.load(parseUuid(String(action.args.applicationId), 'applicationId'));
  return application && loaders.zoneById.load(application.zoneId);
}
