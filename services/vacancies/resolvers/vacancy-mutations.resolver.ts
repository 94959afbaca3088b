import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver, type ResolverData } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { BadInput, Conflict, NotFound } from '../../kernel/errors.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { parseUuid } from '../../kernel/ids.js';
import { employerOfPostedVacancy, employerOfVacancy } from '../access.js';
import { Vacancy } from '../entities/vacancy.entity.js';
import { STATUS_AFTER_CLOSE, VacancyCloseReason } from '../graphql/enums.js';
import { parsePostVacancy, PostVacancyInput } from '../graphql/post-vacancy-input.js';
import type { VacancyLoaders } from '../loaders.js';
import { closeOpenVacancy, insertVacancy } from '../queries/vacancy-writes.query.js';

type Context = RequestContext<VacancyLoaders>;
type Action = ResolverData<Context>;

/** `postVacancy` is judged on the BIN it posts for. */
const postedFor = (action: Action): PostVacancyInput => action.args.input as PostVacancyInput;

/**
 * `closeVacancy` is judged on the vacancy it closes, read through the request's loader.
 * Vacancies are public, so an unknown id is NOT_FOUND for any caller, before the rules are asked.
 */
async function closedVacancy(action: Action): Promise<Vacancy> {
  const id = String(action.args.id);
  const vacancy = await action.context.loaders.vacancyById.load(parseUuid(id, 'id'));
  if (!vacancy) throw new NotFound('vacancy', id);
  return vacancy;
}

@ArgsType()
class CloseVacancyArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => VacancyCloseReason)
  reason!: VacancyCloseReason;
}

@Resolver(() => Vacancy)
export class VacancyMutationsResolver {
  @Mutation(() => Vacancy, {
    description:
      "An employer posts an OPEN vacancy for its own enterprise (input.bin = the token's bin). " +
      "Without a location the vacancy takes that of the employer's latest vacancy (BAD_USER_INPUT on input.location for a first one).",
  })
  @Allow([employerOfPostedVacancy], { target: postedFor })
  async postVacancy(@Arg('input', () => PostVacancyInput) input: PostVacancyInput, @Ctx() ctx: Context): Promise<Vacancy> {
    const posted = await insertVacancy(ctx.em, parsePostVacancy(input));
    if (!posted) throw new BadInput('input.location', "is required: the employer has no earlier vacancy whose location it could take");
    return posted;
  }

  @Mutation(() => Vacancy, {
    description:
      'The employer of the vacancy closes it: FILLED → status FILLED, WITHDRAWN → status CLOSED, closedAt now. ' +
      'CONFLICT when it is not OPEN (closed already, also by a concurrent request).',
  })
  @Allow([employerOfVacancy], { target: closedVacancy })
  async closeVacancy(@Args(() => CloseVacancyArgs) { id, reason }: CloseVacancyArgs, @Ctx() ctx: Context): Promise<Vacancy> {
    const closed = await closeOpenVacancy(ctx.em, parseUuid(id, 'id'), STATUS_AFTER_CLOSE[reason]);
    if (!closed) throw new Conflict(`vacancy ${id} is not OPEN`);
    return closed;
  }
}
