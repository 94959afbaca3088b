import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { parseNumberInRange, parseRegionCode } from '../../kernel/arguments.js';
import { BadInput } from '../../kernel/errors.js';
import type { ProjectFilter } from '../queries/projects.query.js';
import { ProjectStatus } from './enums.js';

@InputType({ description: 'Every field set narrows the result (AND).' })
export class InvestmentProjectFilter {
  @Field(() => String, { nullable: true, description: 'OKED prefix of the sector: "24" basic metals, "061" crude oil, "35110" …' })
  sectorPrefix?: string | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Total investment at least this, whole tenge.' })
  minInvestmentTenge?: number | null;

  @Field(() => ID, { nullable: true, description: 'ISO 3166-2:KZ region code, e.g. "KZ-35".' })
  regionCode?: string | null;
}

/** Validates a filter before any SQL; `argument` is the path of the filter argument. */
export function parseProjectFilter(filter: InvestmentProjectFilter | null | undefined, argument = 'filter'): ProjectFilter {
  const { sectorPrefix, status, minInvestmentTenge, regionCode } = filter ?? {};
  if (sectorPrefix != null && !/^\d{1,5}$/.test(sectorPrefix)) {
    throw new BadInput(`${argument}.sectorPrefix`, 'must be 1 to 5 digits of an OKED code, e.g. "24"');
  }
  return {
    sectorPrefix: sectorPrefix ?? null,
    status: status ?? null,
    minInvestmentTenge: minInvestmentTenge == null ? null : parseNumberInRange(minInvestmentTenge, `${argument}.minInvestmentTenge`, { min: 0 }),
    regionCode: regionCode == null ? null : parseRegionCode(regionCode, `${argument}.regionCode`),
  };
}
