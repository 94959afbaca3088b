import { Arg, Ctx, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { type AccessRule, authorize } from '../../kernel/auth.js';
import type { RequestContext } from '../../kernel/context.js';
import { classRank } from '../../kernel/domain/working-conditions.js';
import { BadInput } from '../../kernel/errors.js';
import { eventStream } from '../../kernel/events/subscription.js';
import { AreaInput, areaMatcher, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { Inspection, InspectionKind } from '../entities/inspection.entity.js';
import type { EnterpriseLoaders } from '../loaders.js';
import {
  type ConditionsChangedEvent,
  INSPECTION_RECORDED,
  type InspectionRecordedEvent,
  WORKING_CONDITIONS_CHANGED,
} from '../queries/writes.query.js';

type Context = RequestContext<EnterpriseLoaders>;
type Subscribing<Args> = SubscribeResolverData<unknown, Args, Context>;

/** Any labour inspector may subscribe; each then sees the inspections of their own regions only (as `Enterprise.inspections`). */
const anyInspector: AccessRule<null> = (principal) => principal.roles.has('inspector');

async function inspectionEvents({ args, context }: Subscribing<{ area?: AreaInput | null; kinds?: InspectionKind[] | null }>) {
  const principal = authorize(context.principal, null, [anyInspector], 'Subscription.inspectionRecorded');
  const area = parseArea(args.area);
  if (args.kinds && args.kinds.length === 0) throw new BadInput('kinds', 'must name at least one kind (omit it for every kind)');
  await assertValidArea(context.em, area);
  const inArea = areaMatcher(area);
  const kinds = args.kinds ? new Set(args.kinds) : null;
  const seesRegion = (regionCode: string) => principal.roles.has('admin') || principal.regions.has(regionCode);
  return eventStream(context, INSPECTION_RECORDED, {
    decode: (payload) => payload as unknown as InspectionRecordedEvent,
    accepts: (event) => seesRegion(event.regionCode) && (!kinds || kinds.has(event.kind)) && inArea(event, event.regionCode),
  });
}

async function conditionsEvents({ args, context }: Subscribing<{ area?: AreaInput | null; minClass?: WorkingConditionsClass | null }>) {
  const area = parseArea(args.area);
  await assertValidArea(context.em, area);
  const inArea = areaMatcher(area);
  const minRank = args.minClass ? classRank(args.minClass) : null;
  return eventStream(context, WORKING_CONDITIONS_CHANGED, {
    decode: (payload) => payload as unknown as ConditionsChangedEvent,
    accepts: (event) => (minRank === null || event.hazardRank >= minRank) && inArea(event, event.regionCode),
  });
}

@Resolver()
export class EnterpriseSubscriptionsResolver {
  @Subscription(() => Inspection, {
    description:
      'Each labour inspection recorded from now on in the area (everywhere when omitted) and of the given kinds (ACCIDENT for an ' +
      "emergency dashboard), as committed: for labour inspectors, each seeing their own regions' inspections.",
    subscribe: (data: Subscribing<{ area?: AreaInput | null; kinds?: InspectionKind[] | null }>) => inspectionEvents(data),
  })
  inspectionRecorded(
    @Root() event: InspectionRecordedEvent,
    @Arg('area', () => AreaInput, { nullable: true }) _area: AreaInput | null,
    @Arg('kinds', () => [InspectionKind], { nullable: true }) _kinds: InspectionKind[] | null,
  ): Inspection {
    const { id, enterpriseId, inspectedOn, kind, violations, findings } = event;
    return Object.assign(new Inspection(), { id, enterpriseId, inspectedOn, kind, violations, findings });
  }

  @Subscription(() => Enterprise, {
    description:
      'Each enterprise in the area (everywhere when omitted) whose working conditions were assessed or inspected from now on, as ' +
      'committed, when its hazard class is at least minClass. Its fields obey the same rules as in queries (workplaces and ' +
      "inspections for the region's inspectors and the own employer).",
    subscribe: (data: Subscribing<{ area?: AreaInput | null; minClass?: WorkingConditionsClass | null }>) => conditionsEvents(data),
  })
  async workingConditionsChanged(
    @Root() event: ConditionsChangedEvent,
    @Arg('area', () => AreaInput, { nullable: true }) _area: AreaInput | null,
    @Arg('minClass', () => WorkingConditionsClass, { nullable: true }) _minClass: WorkingConditionsClass | null,
    @Ctx() ctx: Context,
  ): Promise<Enterprise> {
    const enterprise = await ctx.loaders.enterpriseById.load(event.enterpriseId);
    if (!enterprise) throw new Error(`enterprise ${event.enterpriseId} of a conditions event is gone`);
    return enterprise;
  }
}
