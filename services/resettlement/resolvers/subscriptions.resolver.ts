import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { parseRegionCode } from '../../kernel/arguments.js';
import { authorize } from '../../kernel/auth.js';
import type { RequestContext } from '../../kernel/context.js';
import { eventStream } from '../../kernel/events/subscription.js';
import { isCitizenWithIin } from '../access.js';
import { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import type { ResettlementLoaders } from '../loaders.js';
import type { ApplicationDecidedEvent } from '../queries/application-writes.query.js';
import { APPLICATION_DECIDED, ZONE_QUOTA_CHANGED, type ZoneQuotaChangedEvent } from '../queries/zones.query.js';

type Context = RequestContext<ResettlementLoaders>;
type Subscribing<Args> = SubscribeResolverData<unknown, Args, Context>;

/** Zones and their quotas are public, as in `Query.resettlementZones`; regionCode is checked as there. */
function quotaEvents({ args, context }: Subscribing<{ regionCode?: string | null }>) {
  const regionCode = args.regionCode == null ? null : parseRegionCode(args.regionCode, 'regionCode');
  return eventStream(context, ZONE_QUOTA_CHANGED, {
    decode: (payload) => payload as unknown as ZoneQuotaChangedEvent,
    accepts: (event) => regionCode === null || event.regionCode === regionCode,
  });
}

/** A citizen hears of their own applications only: the events are matched on the token's IIN, never on input. */
function decisionEvents({ context }: Subscribing<Record<string, never>>) {
  const principal = authorize(context.principal, null, [isCitizenWithIin], 'Subscription.myApplicationDecided');
  return eventStream(context, APPLICATION_DECIDED, {
    decode: (payload) => payload as unknown as ApplicationDecidedEvent,
    accepts: (event) => principal.iin !== null && event.applicantIin === principal.iin,
  });
}

@Resolver()
export class ResettlementSubscriptionsResolver {
  @Subscription(() => ResettlementZone, {
    description: 'Each zone (of the region, everywhere when omitted) whose quota was set or which accepted a family, from now on, as committed.',
    subscribe: (data: Subscribing<{ regionCode?: string | null }>) => quotaEvents(data),
  })
  async zoneQuotaChanged(
    @Root() event: ZoneQuotaChangedEvent,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<ResettlementZone> {
    const zone = await ctx.loaders.zoneById.load(event.zoneId);
    if (!zone) throw new Error(`zone ${event.zoneId} of a quota event is gone`);
    return zone;
  }

  @Subscription(() => ResettlementApplication, {
    description: "Each of the signed-in citizen's own applications as an officer decides it (accepted or rejected), as committed.",
    subscribe: (data: Subscribing<Record<string, never>>) => decisionEvents(data),
  })
  async myApplicationDecided(@Root() event: ApplicationDecidedEvent, @Ctx() ctx: Context): Promise<ResettlementApplication> {
    const application = await ctx.loaders.applicationById.load(event.applicationId);
    if (!application) throw new Error(`application ${event.applicationId} of a decision event is gone`);
    return application;
  }
}
