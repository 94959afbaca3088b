import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { parseOccupationCode, parsePageSize } from '../../kernel/arguments.js';
import type { RequestContext } from '../../kernel/context.js';
import { AreaInput, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { Enterprise } from '../entities/enterprise.stub.js';
import { Region } from '../entities/region.stub.js';
import { StaffingShortage } from '../graphql/staffing-shortage.js';
import { ShortageGrouping } from '../graphql/enums.js';
import { parseOpenDays } from '../graphql/vacancy-filter.js';
import { DEFAULT_SHORTAGE_MIN_OPEN_DAYS, type VacancyLoaders } from '../loaders.js';
import { cachedStaffingShortages } from '../queries/shortages.query.js';

type Context = RequestContext<VacancyLoaders>;

const DEFAULT_SHORTAGES = 50;

@Resolver(() => StaffingShortage)
export class ShortageResolver {
  @Query(() => [StaffingShortage], {
    description:
      'Groups of OPEN vacancies, the largest shortageIndex first. An aggregate over every open vacancy: each distinct request is ' +
      'answered from a result at most twice SHORTAGES_CACHE_SECONDS old (default 60: fresh for that long, then served for as long ' +
      'again while one refresh runs); a vacancy posted or closed through the same service instance counts at once, through ' +
      'another instance within that bound.',
  })
  async staffingShortages(
    @Arg('area', () => AreaInput, { nullable: true }) areaInput: AreaInput | null,
    @Arg('groupBy', () => ShortageGrouping, { nullable: true, defaultValue: ShortageGrouping.REGION }) groupBy: ShortageGrouping | null,
    @Arg('minOpenDays', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_SHORTAGE_MIN_OPEN_DAYS,
      description: 'A vacancy open at least this many days (1–3650) counts as long open.',
    })
    minOpenDays: number | null,
    @Arg('occupationCode', () => String, { nullable: true }) occupationCode: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_SHORTAGES }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<StaffingShortage[]> {
    const area = parseArea(areaInput);
    const request = {
      area,
      groupBy: groupBy ?? ShortageGrouping.REGION,
      // The index divides by the threshold, so it is at least one day.
      minOpenDays: parseOpenDays(minOpenDays ?? DEFAULT_SHORTAGE_MIN_OPEN_DAYS, 'minOpenDays', 1),
      occupationCode: occupationCode != null ? parseOccupationCode(occupationCode, 'occupationCode') : null,
      enterpriseBins: null,
      first: parsePageSize(first ?? DEFAULT_SHORTAGES),
    };
    await assertValidArea(ctx.em, area);
    return cachedStaffingShortages(ctx.em, request);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Set when grouped by REGION.' })
  region(@Root() shortage: StaffingShortage): Region | null {
    return shortage.regionCode ? { code: shortage.regionCode } : null;
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: 'Set when grouped by ENTERPRISE.' })
  enterprise(@Root() shortage: StaffingShortage): Enterprise | null {
    return shortage.enterpriseBin ? { bin: shortage.enterpriseBin } : null;
  }
}
