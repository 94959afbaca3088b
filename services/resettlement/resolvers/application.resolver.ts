import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { parseText } from '../../kernel/arguments.js';
import { BadInput } from '../../kernel/errors.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { connectionTypes, pageRequest, toConnection, type Connection } from '../../kernel/pagination.js';
import { applicantIinOf, applicantOf, applicationScope, isCitizenWithIin, officerOfZoneIfAny, seesApplications } from '../access.js';
import { maskIin } from '../../kernel/domain/identifiers.js';
import { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { ApplicationStatus, Decision } from '../graphql/enums.js';
import { Region } from '../entities/region.stub.js';
import type { ResettlementLoaders } from '../loaders.js';
import { decideApplication, fileApplication, type ApplicationDecision } from '../queries/application-writes.query.js';
import { applicationsPage } from '../queries/applications.query.js';
import { parseUuid } from '../../kernel/ids.js';
import { ApplyForResettlementInput, parseApplication } from '../graphql/application-input.js';
import { IntendedWork, ResettlementReturn } from '../graphql/match.types.js';

import { decidedApplicationZone } from './access-targets.js';

type Context = RequestContext<ResettlementLoaders>;

const { NodeConnection: ApplicationConnection } = connectionTypes(ResettlementApplication, 'Application');

/** Long enough for a paragraph citing the rule applied; longer is a paste accident. */
const MAX_REASON_LENGTH = 2000;

/** A rejection must say why (the family is told); an acceptance may carry a note. */
function parseDecision(id: string, decision: Decision, reason: string | null | undefined): ApplicationDecision {
  const text = parseText(reason, 'reason', { maxLength: MAX_REASON_LENGTH });
  if (decision === Decision.REJECT && !text) throw new BadInput('reason', 'is required to reject an application');
  return { id: parseUuid(id, 'id'), decision, reason: text };
}

@ArgsType()
class ApplicationsArgs {
  @Field(() => ApplicationStatus, { nullable: true })
  status?: ApplicationStatus | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

// Argument classes keep the SDL's argument order (parameter decorators run last to first).
@ArgsType()
class DecisionArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Decision)
  decision!: Decision;

  @Field(() => String, { nullable: true, description: `Required to reject (the family is told); at most ${MAX_REASON_LENGTH} characters.` })
  reason?: string | null;
}

@Resolver(() => ResettlementApplication)
export class ApplicationResolver {
  @Query(() => ApplicationConnection, {
    description:
      'Applications the caller may see, newest first: an officer those to zones of their regions, a citizen their own. ' +
      'Anonymous callers get UNAUTHENTICATED, other roles FORBIDDEN.',
  })
  @Allow([seesApplications])
  async resettlementApplications(
    @Args(() => ApplicationsArgs) { status, first, after }: ApplicationsArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<ResettlementApplication>> {
    const page = pageRequest(first, after);
    const result = await applicationsPage(ctx.em, { status: status ?? null, scope: applicationScope(ctx.principal) }, page);
    return toConnection(result.rows, page, result.totalCount, (row) => ({ node: row.application, key: row.cursorKey }));
  }

  @Mutation(() => ResettlementApplication, {
    description:
      'A citizen applies for their own family (the IIN comes from the token). One pending or accepted application per ' +
      'citizen and year (CONFLICT otherwise); subsidies are computed from the MCI of the year.',
  })
  @Allow([isCitizenWithIin])
  applyForResettlement(
    @Arg('input', () => ApplyForResettlementInput) input: ApplyForResettlementInput,
    @Ctx() ctx: Context,
  ): Promise<ResettlementApplication> {
    return fileApplication(ctx.em, parseApplication(input, applicantIinOf(ctx.principal)));
  }

  @Mutation(() => ResettlementApplication, {
    description:
      "An officer of the zone's region accepts or rejects a PENDING application (CONFLICT when it is decided already). " +
      "ACCEPT needs a free family in the zone's quota of the application year (CONFLICT when full); REJECT needs a reason.",
  })
  @Allow([officerOfZoneIfAny], { target: decidedApplicationZone })
  decideResettlementApplication(
    @Args(() => DecisionArgs) { id, decision, reason }: DecisionArgs,
    @Ctx() ctx: Context,
  ): Promise<ResettlementApplication> {
    return decideApplication(ctx.em, parseDecision(id, decision, reason));
  }

  @FieldResolver(() => ResettlementZone)
  async zone(@Root() application: ResettlementApplication, @Ctx() ctx: Context): Promise<ResettlementZone> {
    const zone = await ctx.loaders.zoneById.load(application.zoneId);
    if (!zone) throw new Error(`zone ${application.zoneId} of application ${application.id} missing`);
    return zone;
  }

  @FieldResolver(() => Region, { nullable: true, description: crossSubgraph('The region the family moves from.', 'regions') })
  fromRegion(@Root() application: ResettlementApplication): Region {
    return { code: application.fromRegionCode };
  }

  // Nullable so that a FORBIDDEN here nulls this field only, not the whole application or page.
  @FieldResolver(() => String, {
    nullable: true,
    description: "The applicant's IIN, in full: only the applicant may read it (FORBIDDEN for others).",
  })
  @Allow([applicantOf])
  applicantIin(@Root() application: ResettlementApplication): string {
    return application.applicantIin;
  }

  @FieldResolver(() => String, { description: "The applicant's IIN masked after the birth date (`791028******`), for officers telling families apart." })
  applicantIinMasked(@Root() application: ResettlementApplication): string {
    return maskIin(application.applicantIin);
  }

  @FieldResolver(() => [IntendedWork], { description: 'Each able-bodied member’s intended sector and occupation; empty when the family did not say.' })
  intendedWork(@Root() application: ResettlementApplication, @Ctx() ctx: Context): Promise<IntendedWork[]> {
    return ctx.loaders.intentionsOfApplication.load(application.id);
  }

  @FieldResolver(() => ResettlementReturn, { nullable: true, description: 'The family’s return, when an officer recorded one.' })
  returned(@Root() application: ResettlementApplication, @Ctx() ctx: Context): Promise<ResettlementReturn | null> {
    return ctx.loaders.returnOfApplication.load(application.id);
  }
}
