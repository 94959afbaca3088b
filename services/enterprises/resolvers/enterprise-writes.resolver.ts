import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { employerOfNewEnterprise, inspectorOfRegion, ownEmployer } from '../access.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { Inspection } from '../entities/inspection.entity.js';
import {
  AssessmentInput,
  InspectionInput,
  parseAssessment,
  parseInspection,
  parseRegistration,
  RegisterEnterpriseInput,
} from '../graphql/mutation-inputs.js';
import type { EnterpriseLoaders } from '../loaders.js';
import { recordAssessment, recordInspection, registerEnterprise } from '../queries/writes.query.js';
import { enterpriseOfBin, enterpriseOfInput, registeredBin } from './access-targets.js';

type Context = RequestContext<EnterpriseLoaders>;

@Resolver()
export class EnterpriseWritesResolver {
  @Mutation(() => Enterprise, {
    description:
      "An employer registers their own enterprise (the token's BIN), or an admin any. The region comes from the KATO code; " +
      'the location must lie inside Kazakhstan and inside that region. A BIN already registered is CONFLICT.',
  })
  @Allow([employerOfNewEnterprise], { target: registeredBin })
  registerEnterprise(@Arg('input', () => RegisterEnterpriseInput) input: RegisterEnterpriseInput, @Ctx() ctx: Context): Promise<Enterprise> {
    return registerEnterprise(ctx.em, parseRegistration(input));
  }

  @Mutation(() => Enterprise, {
    description:
      "A workplace attestation, recorded by the enterprise's own employer or a labour inspector of its region. Its workplaces " +
      'become the current ones; hazardClass, workersInHarmfulConditions, assessmentOverdue and the special payment figures are recomputed.',
  })
  @Allow([ownEmployer, inspectorOfRegion], { target: enterpriseOfInput })
  async recordWorkingConditionsAssessment(@Arg('input', () => AssessmentInput) input: AssessmentInput, @Ctx() ctx: Context): Promise<Enterprise> {
    const assessment = parseAssessment(input);
    const enterprise = await enterpriseOfBin(ctx.loaders, assessment.bin);
    await recordAssessment(ctx.em, enterprise, assessment);
    // The loader holds the card as it was before the write.
    ctx.loaders.enterpriseById.clear(enterprise.id);
    const recomputed = await ctx.loaders.enterpriseById.load(enterprise.id);
    if (!recomputed) throw new Error(`enterprise ${enterprise.id} vanished after its assessment`);
    return recomputed;
  }

  @Mutation(() => Inspection, { description: "A labour inspection, recorded by an inspector of the enterprise's region." })
  @Allow([inspectorOfRegion], { target: enterpriseOfInput })
  async recordInspection(@Arg('input', () => InspectionInput) input: InspectionInput, @Ctx() ctx: Context): Promise<Inspection> {
    const inspection = parseInspection(input);
    return recordInspection(ctx.em, await enterpriseOfBin(ctx.loaders, inspection.bin), inspection);
  }
}
