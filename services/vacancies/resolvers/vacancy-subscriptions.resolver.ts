import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { eventStream } from '../../kernel/events/subscription.js';
import { AreaInput, areaMatcher, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { matchesVacancyFilter } from '../domain/vacancy-rules.js';
import { Vacancy } from '../entities/vacancy.entity.js';
import { parseVacancyFilter, VacancyFilter } from '../graphql/vacancy-filter.js';
import type { VacancyLoaders } from '../loaders.js';
import { VACANCY_CLOSED, VACANCY_POSTED } from '../queries/vacancy-writes.query.js';
import { type VacancyRow, toVacancy } from '../queries/vacancy-rows.js';

type Context = RequestContext<VacancyLoaders>;
type Subscribing = SubscribeResolverData<unknown, { area?: AreaInput | null; filter?: VacancyFilter | null }, Context>;

const decodeVacancy = (payload: Record<string, unknown>): Vacancy => toVacancy(payload as unknown as VacancyRow);

/**
 * Vacancies are public, like `Query.vacancies`: anyone may subscribe. The arguments are
 * validated by the same functions as the query's arguments of the same name, before the
 * subscription starts (a bad one is BAD_USER_INPUT naming it, and nothing is subscribed).
 */
async function vacancyEvents({ args, context }: Subscribing, topic: string, withFilter: boolean) {
  const area = parseArea(args.area);
  const filter = withFilter ? parseVacancyFilter(args.filter) : null;
  await assertValidArea(context.em, area);
  const inArea = areaMatcher(area);
  return eventStream(context, topic, {
    decode: decodeVacancy,
    accepts: (vacancy) => inArea(vacancy.location, vacancy.regionCode) && (!filter || matchesVacancyFilter(filter, vacancy)),
  });
}

@Resolver(() => Vacancy)
export class VacancySubscriptionsResolver {
  @Subscription(() => Vacancy, {
    description: 'Each vacancy posted from now on, in the area (everywhere when omitted) and matching the filter, as committed.',
    subscribe: (data: Subscribing) => vacancyEvents(data, VACANCY_POSTED, true),
  })
  vacancyPosted(
    @Root() vacancy: Vacancy,
    @Arg('area', () => AreaInput, { nullable: true }) _area: AreaInput | null,
    @Arg('filter', () => VacancyFilter, { nullable: true }) _filter: VacancyFilter | null,
  ): Vacancy {
    return vacancy;
  }

  @Subscription(() => Vacancy, {
    description: 'Each vacancy closed from now on (filled or withdrawn), in the area (everywhere when omitted), as committed.',
    subscribe: (data: Subscribing) => vacancyEvents(data, VACANCY_CLOSED, false),
  })
  vacancyClosed(@Root() vacancy: Vacancy, @Arg('area', () => AreaInput, { nullable: true }) _area: AreaInput | null): Vacancy {
    return vacancy;
  }
}
