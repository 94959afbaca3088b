import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ContractType } from '../../kernel/domain/money.js';
import { DateScalar } from '../../kernel/graphql/date.js';

/** A declared employment contract is permanent or fixed-term (docs/architecture.md §4, EmploymentContractInput). */
export type DeclaredContractType = Exclude<ContractType, 'SEASONAL'>;

export const DeclaredContractTypeEnum = { PERMANENT: 'PERMANENT', FIXED_TERM: 'FIXED_TERM' } as const satisfies Record<DeclaredContractType, DeclaredContractType>;
registerEnumType(DeclaredContractTypeEnum, { name: 'ContractType', description: 'PERMANENT: open-ended; FIXED_TERM: with an end date.' });

/**
 * A declared employment contract (docs/domain.md §1): the source of headcount, quality jobs and the
 * special payment figures. The worker's IIN leaves the subgraph in full only to the declaring
 * employer (`iinAsSeenBy`).
 */
@ObjectType({ description: 'An employment contract in force, as declared by the employer.' })
export class EmploymentContract {
  id!: string;

  enterpriseId!: string;

  /** The declaration that declared it; null for contracts loaded before declarations existed (demo data). */
  declarationId!: string | null;

  /** Read with the contract (not a column) so the IIN can be shown to the declaring employer only. */
  enterpriseBin!: string;

  iin!: string;

  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based) unit group.' })
  occupationCode!: string;

  @Field(() => String, { nullable: true })
  workplaceCode!: string | null;

  @Field(() => DeclaredContractTypeEnum)
  contractType!: DeclaredContractType;

  @Field(() => Int)
  monthlySalaryTenge!: number;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  endDate!: string | null;

  @Field(() => Int)
  weeklyHours!: number;
}
