import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { BadInput } from '../../kernel/errors.js';
import { connectionTypes, pageRequest, toConnection, type Connection, type CursorKey } from '../../kernel/pagination.js';
import { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { ApplicationStatus } from '../graphql/enums.js';
import { Region } from '../graphql/region.stub.js';
import type { ResettlementLoaders } from '../loaders.js';
import { applicationsPage } from '../queries/applications.query.js';
import { isUuid } from '../queries/uuid.js';

type Context = RequestContext<ResettlementLoaders>;

const { NodeConnection: ApplicationConnection } = connectionTypes(ResettlementApplication, 'Application');

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A cursor is opaque to clients but decoded here: a tampered one must fail as bad input, not in SQL. */
function applicationCursor(key: CursorKey): [string, string] {
  const [createdAt, id] = key;
  if (key.length !== 2 || typeof createdAt !== 'string' || typeof id !== 'string' || !CURSOR_TIME.test(createdAt) || !isUuid(id)) {
    throw new BadInput('after', 'is not a cursor of resettlementApplications');
  }
  return [createdAt, id];
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

@Resolver(() => ResettlementApplication)
export class ApplicationResolver {
  @Query(() => ApplicationConnection, { description: 'Applications, newest first.' })
  async resettlementApplications(
    @Args(() => ApplicationsArgs) { status, first, after }: ApplicationsArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<ResettlementApplication>> {
    const page = pageRequest(first, after);
    const keyset = { ...page, after: page.after && applicationCursor(page.after) };
    const result = await applicationsPage(ctx.em, { status: status ?? null }, keyset);
    return toConnection(result.rows, page, result.totalCount, (row) => ({ node: row.application, key: row.cursorKey }));
  }

  @FieldResolver(() => ResettlementZone)
  async zone(@Root() application: ResettlementApplication, @Ctx() ctx: Context): Promise<ResettlementZone> {
    const zone = await ctx.loaders.zoneById.load(application.zoneId);
    if (!zone) throw new Error(`zone ${application.zoneId} of application ${application.id} missing`);
    return zone;
  }

  @FieldResolver(() => Region, { description: 'The region the family moves from.' })
  fromRegion(@Root() application: ResettlementApplication): Region {
    return { code: application.fromRegionCode };
  }
}
