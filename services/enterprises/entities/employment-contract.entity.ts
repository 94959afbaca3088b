import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ContractType } from '../../kernel/domain/money.js';

/** A declared employment contract is permanent or fixed-term (design.md, EmploymentContractInput). */
export type DeclaredContractType = Exclude<ContractType, 'SEASONAL'>;

/**
 * A declared employment contract (domain.md §1): the source of headcount, quality jobs and the
 * special payment figures. Not exposed yet; IINs never leave the subgraph in full.
 */
@Entity({ tableName: 'employment_contract' })
export class EmploymentContract {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  enterpriseId!: string;

  @Property({ type: 'string', length: 12 })
  iin!: string;

  @Property({ type: 'string', length: 4 })
  occupationCode!: string;

  @Property({ type: 'string', length: 50, nullable: true })
  workplaceCode!: string | null;

  @Property({ type: 'string', length: 10 })
  contractType!: DeclaredContractType;

  @Property({ type: 'integer' })
  monthlySalaryTenge!: number;

  @Property({ type: 'string', columnType: 'date' })
  startDate!: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  endDate!: string | null;

  @Property({ type: 'smallint' })
  weeklyHours!: number;
}
