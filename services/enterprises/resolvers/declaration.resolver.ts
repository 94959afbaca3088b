import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { iinAsSeenBy, ownEmployer } from '../access.js';
import { EmploymentContract } from '../entities/employment-contract.entity.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { LaborRelationsDeclaration } from '../entities/labor-relations-declaration.entity.js';
import { ContractConnection } from '../graphql/declaration-connection.js';
import { DeclareLaborRelationsInput, parseDeclaration } from '../graphql/mutation-inputs.js';
import type { EnterpriseLoaders } from '../loaders.js';
import { declareLaborRelations } from '../queries/writes.query.js';
import { enterpriseOfBin, enterpriseOfInput } from './access-targets.js';

type Context = RequestContext<EnterpriseLoaders>;

@Resolver(() => LaborRelationsDeclaration)
export class DeclarationResolver {
  @Mutation(() => LaborRelationsDeclaration, {
    description:
      "The employer declares every employment contract in force at their own enterprise (the token's BIN) on the reporting date. " +
      'It replaces the declared state and recomputes headcount, qualityJobs and the special payment figures at once. ' +
      'The same idempotencyKey with the same body returns the first declaration; with another body CONFLICT.',
  })
  @Allow([ownEmployer], { target: enterpriseOfInput })
  async declareLaborRelations(
    @Arg('input', () => DeclareLaborRelationsInput) input: DeclareLaborRelationsInput,
    @Ctx() ctx: Context,
  ): Promise<LaborRelationsDeclaration> {
    const declaration = parseDeclaration(input);
    const enterprise = await enterpriseOfBin(ctx.loaders, declaration.bin);
    return declareLaborRelations(ctx.em, enterprise, declaration);
  }

  @FieldResolver(() => Enterprise)
  async enterprise(@Root() declaration: LaborRelationsDeclaration, @Ctx() ctx: Context): Promise<Enterprise> {
    const enterprise = await ctx.loaders.enterpriseById.load(declaration.enterpriseId);
    if (!enterprise) throw new Error(`enterprise ${declaration.enterpriseId} of declaration ${declaration.id} missing`);
    return enterprise;
  }

  @FieldResolver(() => ContractConnection, {
    description:
      "The contracts it declared, in declaration order. Only the newest declaration's are in force (the card's figures); a superseded declaration still lists its own.",
  })
  contracts(
    @Root() declaration: LaborRelationsDeclaration,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<EmploymentContract>> {
    return ctx.loaders.contractsOfDeclaration(pageRequest(first, after)).load(declaration.id);
  }
}

@Resolver(() => EmploymentContract)
export class EmploymentContractResolver {
  @FieldResolver(() => String, {
    description: "The worker's IIN: in full for the declaring employer only, otherwise masked after the birth date (`791028******`).",
  })
  iin(@Root() contract: EmploymentContract, @Ctx() ctx: Context): string {
    return iinAsSeenBy(ctx.principal, contract);
  }
}
