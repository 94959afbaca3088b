import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { Enterprise } from '../entities/enterprise.stub.js';
import { StaffingShortage } from '../graphql/staffing-shortage.js';
import { VacancyConnection } from '../graphql/vacancy-connection.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import { VacancyStatus } from '../graphql/enums.js';
import { NO_FILTER } from '../graphql/vacancy-filter.js';
import { DEFAULT_SHORTAGE_MIN_OPEN_DAYS, type VacancyLoaders } from '../loaders.js';

type Context = RequestContext<VacancyLoaders>;

@Resolver(() => Enterprise)
export class EnterpriseVacanciesResolver {
  @FieldResolver(() => VacancyConnection, {
    nullable: true,
    description: crossSubgraph('The employer\'s vacancies of one status, newest first.', 'vacancies'),
  })
  vacancies(
    @Root() enterprise: Enterprise,
    @Arg('status', () => VacancyStatus, { nullable: true, defaultValue: VacancyStatus.OPEN }) status: VacancyStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Vacancy>> {
    return ctx.loaders.vacanciesOf(enterprise.bin, { parent: 'enterprise', status: status ?? VacancyStatus.OPEN, filter: NO_FILTER }, pageRequest(first, after));
  }

  @FieldResolver(() => Int, { nullable: true, description: crossSubgraph('The employer\'s OPEN vacancies.', 'vacancies') })
  openVacancyCount(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.countOf(enterprise.bin, { parent: 'enterprise', status: 'OPEN', filter: NO_FILTER });
  }

  @FieldResolver(() => StaffingShortage, {
    nullable: true,
    description: crossSubgraph(`The employer's OPEN vacancies as a shortage (minOpenDays = ${DEFAULT_SHORTAGE_MIN_OPEN_DAYS}); null without any.`, 'vacancies'),
  })
  staffingShortage(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<StaffingShortage | null> {
    return ctx.loaders.shortageOfEnterprise.load(enterprise.bin);
  }
}
