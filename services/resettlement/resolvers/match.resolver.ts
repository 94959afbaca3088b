import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { parseNumberInRange, parseRadiusKm, parseYear } from '../../kernel/arguments.js';
import type { RequestContext } from '../../kernel/context.js';
import { todayInKazakhstan } from '../../kernel/domain/calendar.js';
import { sectorMatch, type WorkSector } from '../../kernel/domain/work-sectors.js';
import { BadInput } from '../../kernel/errors.js';
import { DateScalar, isoDateOf } from '../../kernel/graphql/date.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { parseUuid } from '../../kernel/ids.js';
import { officerOfZoneIfAny } from '../access.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { ResettlementRole } from '../graphql/enums.js';
import { ResettlementMatch, ResettlementMatchReport, ResettlementReturn, ReturnRate, SectorMatchShare } from '../graphql/match.types.js';
import type { ResettlementLoaders } from '../loaders.js';
import { applicantScopeKey, recordReturn, returnScopeKey } from '../queries/match.query.js';
import { REGION_CODES } from '../../kernel/domain/kato.js';
import { returnedApplicationZone, zoneOrNotFound } from './access-targets.js';

type Context = RequestContext<ResettlementLoaders>;

/** As `ResettlementZone.nearbyVacancies`: what a family can reach from the zone without moving again. */
const DEFAULT_MATCH_RADIUS_KM = 30;

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`${field} was not provided through @requires`);
  return value;
}

function matchOfZone(zone: ResettlementZone, year: number, radiusKm: number): ResettlementMatch {
  return { id: `zone:${zone.id}|${year}|${radiusKm}`, zone, region: null, year, radiusKm, area: zone.area, regionCodes: [zone.regionCode] };
}

function matchOfRegions(regionCodes: string[], year: number, region: string | null): ResettlementMatch {
  return { id: `regions:${regionCodes.join(',')}|${year}`, zone: null, region: region ? { code: region } : null, year, radiusKm: null, area: null, regionCodes };
}

/** Rebuilds a match from its key when the vacancies' side comes back (`_entities`); null for a malformed key. */
export async function matchOfKey(id: string, ctx: Context): Promise<ResettlementMatch | null> {
  const zone = /^zone:([0-9a-f-]{36})\|(\d{4})\|([0-9.]+)$/.exec(id);
  if (zone) {
    const found = await ctx.loaders.zoneById.load(zone[1]!);
    return found && matchOfZone(found, Number(zone[2]), Number(zone[3]));
  }
  const regions = /^regions:([A-Z0-9,-]+)\|(\d{4})$/.exec(id);
  if (!regions) return null;
  const codes = regions[1]!.split(',');
  return matchOfRegions(codes, Number(regions[2]), codes.length === 1 ? codes[0]! : null);
}

async function recipientRegions(ctx: Context): Promise<string[]> {
  const codes = REGION_CODES.map(({ iso }) => iso);
  const roles = await ctx.loaders.regionRole.loadMany(codes);
  return codes.filter((_, index) => {
    const role = roles[index];
    if (role instanceof Error) throw role;
    return role?.role === ResettlementRole.RECIPIENT;
  });
}

async function applicantCounts(match: ResettlementMatch, ctx: Context): Promise<Map<WorkSector, number>> {
  const scope = { zoneId: match.zone?.id ?? null, regionCodes: match.regionCodes, year: match.year };
  const rows = await ctx.loaders.intentionsBySector.load(applicantScopeKey(scope));
  return new Map(rows.map((row) => [row.sector, row.members]));
}

@Resolver(() => ResettlementMatch)
export class MatchResolver {
  @Query(() => ResettlementMatch, {
    nullable: true,
    description: crossSubgraph(
      'What the families applying to a zone in a year (pending and accepted) intend to work in, beside the sectors of the open ' +
        'vacancies within radiusKm of the zone (default 30), as shares side by side with a mismatch index (docs/domain.md §10). Public: ' +
        'counts only, no applicant.',
      'vacancies',
    ),
  })
  async resettlementMatch(
    @Arg('zoneId', () => ID) zoneId: string,
    @Arg('year', () => Int) year: number,
    @Arg('radiusKm', () => Float, { nullable: true, defaultValue: DEFAULT_MATCH_RADIUS_KM }) radiusKm: number | null,
    @Ctx() ctx: Context,
  ): Promise<ResettlementMatch> {
    const checked = { year: parseYear(year), radiusKm: parseRadiusKm(radiusKm ?? DEFAULT_MATCH_RADIUS_KM, 'radiusKm') };
    const zone = await zoneOrNotFound(ctx.loaders, zoneId, 'zoneId');
    return matchOfZone(zone, checked.year, checked.radiusKm);
  }

  @Query(() => ResettlementMatchReport, {
    nullable: true,
    description: crossSubgraph(
      'The match by recipient region (applicants to its zones, the open vacancies of the region) and for the country.',
      'vacancies',
    ),
  })
  async resettlementMatchByRegion(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<ResettlementMatchReport> {
    const checked = parseYear(year);
    const regions = await recipientRegions(ctx);
    return { national: matchOfRegions(regions, checked, null), regions: regions.map((code) => matchOfRegions([code], checked, code)) };
  }

  @FieldResolver(() => Int, { description: 'Able-bodied applicants with a stated intention.' })
  async applicants(@Root() match: ResettlementMatch, @Ctx() ctx: Context): Promise<number> {
    return [...(await applicantCounts(match, ctx)).values()].reduce((sum, count) => sum + count, 0);
  }

  @FieldResolver(() => [SectorMatchShare], { description: 'Every sector, applicants’ and vacancies’ shares side by side.' })
  @Directive('@requires(fields: "vacancySectors { sector vacancies }")')
  async sectors(@Root() match: ResettlementMatch, @Ctx() ctx: Context): Promise<SectorMatchShare[]> {
    const vacancies = new Map(required(match.vacancySectors, 'vacancySectors').map((row) => [row.sector, row.vacancies]));
    return sectorMatch(await applicantCounts(match, ctx), vacancies).sectors;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '½ Σ |applicantShare − vacancyShare| (the dissimilarity index): the share of applicants who would have to change their ' +
      'intended sector to fit the vacancies; 0 a perfect match, 1 none. Null when either side is empty.',
  })
  @Directive('@requires(fields: "vacancySectors { sector vacancies }")')
  async mismatchIndex(@Root() match: ResettlementMatch, @Ctx() ctx: Context): Promise<number | null> {
    const vacancies = new Map(required(match.vacancySectors, 'vacancySectors').map((row) => [row.sector, row.vacancies]));
    return sectorMatch(await applicantCounts(match, ctx), vacancies).mismatchIndex;
  }
}

// An argument class keeps the SDL's argument order (parameter decorators run last to first).
@ArgsType()
class ReturnArgs {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => DateScalar, { description: 'The day the family left the region again; not in the future.' })
  returnedOn!: Date;

  @Field(() => Int, { description: 'Family members who returned, 1 to the family’s size.' })
  members!: number;
}

@Resolver(() => ResettlementReturn)
export class ReturnResolver {
  @Mutation(() => ResettlementReturn, {
    description:
      "An officer of the zone's region records that a resettled (ACCEPTED) family returned: once per application (CONFLICT " +
      'otherwise), not before the acceptance, at most the family’s members.',
  })
  @Allow([officerOfZoneIfAny], { target: returnedApplicationZone })
  recordResettlementReturn(@Args(() => ReturnArgs) { applicationId, returnedOn, members }: ReturnArgs, @Ctx() ctx: Context): Promise<ResettlementReturn> {
    const day = isoDateOf(returnedOn);
    if (day > todayInKazakhstan()) throw new BadInput('returnedOn', 'must not be in the future');
    const record = {
      applicationId: parseUuid(applicationId, 'applicationId'),
      returnedOn: day,
      members: parseNumberInRange(members, 'members', { min: 1, max: 20, whole: true, what: 'a number of members' }),
    };
    return recordReturn(ctx.em, record);
  }

  @Query(() => ReturnRate, { description: 'Resettled people and those who returned, across every zone, in a year or (without year) all years. Public.' })
  async resettlementReturnRate(@Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: Context): Promise<ReturnRate> {
    const scope = { zoneId: null, year: year == null ? null : parseYear(year) };
    return toRate(scope.year, await ctx.loaders.returnFigures.load(returnScopeKey(scope)));
  }
}

function toRate(year: number | null, figures: { resettledPersons: number; returnedPersons: number } | null): ReturnRate {
  const resettledPersons = figures?.resettledPersons ?? 0;
  const returnedPersons = figures?.returnedPersons ?? 0;
  return { year, resettledPersons, returnedPersons, rate: resettledPersons > 0 ? returnedPersons / resettledPersons : null };
}

@Resolver(() => ResettlementZone)
export class ZoneReturnResolver {
  @FieldResolver(() => ReturnRate, { description: 'Resettled people of the zone in the year and those who returned. Public.' })
  async returnRate(@Root() zone: ResettlementZone, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<ReturnRate> {
    const checked = parseYear(year);
    return toRate(checked, await ctx.loaders.returnFigures.load(returnScopeKey({ zoneId: zone.id, year: checked })));
  }
}

