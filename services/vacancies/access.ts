import { type AccessRule, employerOf } from '../kernel/auth.js';
import type { Vacancy } from './entities/vacancy.entity.js';
import type { PostVacancyInput } from './graphql/post-vacancy-input.js';

/**
 * Who may change what in this subgraph (docs/architecture.md §5): vacancies are public; an
 * employer posts and closes the vacancies of its own enterprise (the token's BIN). Resolvers
 * declare these with `@Allow`, nothing else looks at the caller.
 */

/** `postVacancy`: the employer of the BIN the vacancy is posted for. */
export const employerOfPostedVacancy: AccessRule<PostVacancyInput> = employerOf((input) => input.bin);

/** `closeVacancy`: the employer of the vacancy's enterprise. */
export const employerOfVacancy: AccessRule<Vacancy> = employerOf((vacancy) => vacancy.enterpriseBin);
