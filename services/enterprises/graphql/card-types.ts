import { Field, Float, Int, ObjectType } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { Region } from '../entities/region.stub.js';

@ObjectType({
  description:
    'Special social payment for long harmful work (docs/domain.md §5, model): a worker is eligible at age ≥ 55, below pension age ' +
    '(men 63, women 61), with ≥ 84 months since 2014 on workplaces of class 3.1 or worse; the monthly estimate is ' +
    '4 × the subsistence minimum of the year + 5 % of salary × those months spread over the months left to pension age (at least 12).',
})
export class SpecialPaymentSummary {
  @Field(() => Int)
  eligibleWorkers!: number;

  @Field(() => Int, { description: 'Sum of the eligible workers\' monthly estimates, tenge.' })
  monthlyTotalTenge!: number;
}

@ObjectType({ description: 'Enterprises of one hazard class (their worst current workplace class).' })
class ClassCount {
  @Field(() => WorkingConditionsClass)
  conditionsClass!: WorkingConditionsClass;

  @Field(() => Int)
  enterprises!: number;

  @Field(() => Int, { description: 'Headcount of those enterprises.' })
  workers!: number;
}

@ObjectType({ description: 'Working conditions of a region\'s enterprises, by their hazard class.' })
export class HazardSummary {
  @Field(() => Int)
  enterprises!: number;

  @Field(() => Int, { description: 'Enterprises of hazard class 3.1 or worse.' })
  hazardousEnterprises!: number;

  @Field(() => Int)
  workersInHarmfulConditions!: number;

  @Field(() => Int)
  eligibleWorkers!: number;

  @Field(() => [ClassCount])
  byClass!: ClassCount[];
}

@ObjectType({ description: 'Figures of the enterprises counted in a hazardous-work payment report, or in one group of it.' })
class HazardousWorkPaymentFigures {
  @Field(() => Int)
  enterprises!: number;

  @Field(() => Int)
  workersInHarmfulConditions!: number;

  @Field(() => Int)
  eligibleWorkers!: number;

  @Field(() => Float, {
    description:
      'Sum of the monthly special payment estimates, whole tenge. A Float, unlike single amounts, because totals over ' +
      'many enterprises pass the 32-bit range of Int (national estimates are in the billions); exact up to 2^53.',
  })
  monthlyTotalTenge!: number;
}

@ObjectType()
class HazardousWorkPaymentsByRegion extends HazardousWorkPaymentFigures {
  @Field(() => Region, { nullable: true, description: crossSubgraph('', 'regions') })
  region!: Region;
}

@ObjectType({ description: 'Grouped by the enterprises\' hazard class.' })
class HazardousWorkPaymentsByClass extends HazardousWorkPaymentFigures {
  @Field(() => WorkingConditionsClass)
  conditionsClass!: WorkingConditionsClass;
}

@ObjectType({ description: 'Special payment figures of the enterprises in an area whose hazard class is at least minClass.' })
export class HazardousWorkPaymentReport extends HazardousWorkPaymentFigures {
  @Field(() => [HazardousWorkPaymentsByRegion])
  byRegion!: HazardousWorkPaymentsByRegion[];

  @Field(() => [HazardousWorkPaymentsByClass])
  byClass!: HazardousWorkPaymentsByClass[];
}
