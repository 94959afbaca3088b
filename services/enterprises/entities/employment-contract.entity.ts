import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
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
@Entity({ tableName: 'employment_contract' })
@ObjectType({ description: 'An employment contract in force, as declared by the employer.' })
export class EmploymentContract {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  enterpriseId!: string;

  /** The declaration that declared it; null for contracts loaded before declarations existed (demo data). */
  @Property({ type: 'uuid', nullable: true })
  declarationId!: string | null;

  /** Read with the contract (not a column) so the IIN can be shown to the declaring employer only. */
  enterpriseBin!: string;

  @Property({ type: 'string', length: 12 })
  iin!: string;

  @Property({ type: 'string', length: 4 })
  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based) unit group.' })
  occupationCode!: string;

  @Property({ type: 'string', length: 50, nullable: true })
  @Field(() => String, { nullable: true })
  workplaceCode!: string | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => DeclaredContractTypeEnum)
  contractType!: DeclaredContractType;

  @Property({ type: 'integer' })
  @Field(() => Int)
  monthlySalaryTenge!: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar)
  startDate!: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  endDate!: string | null;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  weeklyHours!: number;
}
