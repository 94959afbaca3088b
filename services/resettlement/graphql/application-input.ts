import { Field, ID, InputType, Int } from 'type-graphql';
import { parseKatoRegion, parseNumberInRange, parseOccupationCode, parseYear } from '../../kernel/arguments.js';
import type { WorkSector } from '../../kernel/domain/work-sectors.js';
import { WorkSectorEnum } from '../../kernel/graphql/work-sector.js';
import { YEARLY_THRESHOLDS } from '../../kernel/domain/money.js';
import { BadInput } from '../../kernel/errors.js';
import { monthlyRentSubsidyTenge, relocationSubsidyTenge, RESETTLEMENT_COMMITMENT_YEARS } from '../domain/subsidies.js';
import type { NewApplication } from '../queries/application-writes.query.js';
import { parseUuid } from '../../kernel/ids.js';

/** A family larger than this is a typing mistake, not a family (the column is a smallint). */
const MAX_FAMILY_MEMBERS = 20;

@InputType({ description: 'What one able-bodied member of the family intends to work as.' })
export class IntendedWorkInput {
  @Field(() => WorkSectorEnum)
  sector!: WorkSector;

  @Field(() => String, { nullable: true, description: '4-digit occupation code (ISCO-08 based), when the member knows it.' })
  occupationCode?: string | null;
}

@InputType({ description: "A family's application; the applicant is the citizen whose token signs the request." })
export class ApplyForResettlementInput {
  @Field(() => ID, { description: 'The zone the family wants to move to; it must be in a recipient region that year.' })
  zoneId!: string;

  @Field(() => Int, {
    description:
      'The programme year. Only a year whose MCI is published (subsidies are computed from it) and for which the regions’ ' +
      'resettlement roles are known.',
  })
  year!: number;

  @Field(() => String, { description: 'Nine-digit KATO code of the settlement the family moves from; it must be in a donor region.' })
  fromKatoCode!: string;

  @Field(() => Int, { description: `Family members, 1–${MAX_FAMILY_MEMBERS}.` })
  familyMembers!: number;

  @Field(() => Int, { description: 'Members able to work, at least 1 and at most familyMembers.' })
  ableBodiedMembers!: number;

  @Field(() => [IntendedWorkInput], {
    nullable: true,
    description:
      'One entry per able-bodied member: the sector (and occupation) they intend to work in, so the zone’s vacancies can be ' +
      'matched to it before the family moves (resettlementMatch). When given, exactly ableBodiedMembers entries.',
  })
  intendedWork?: IntendedWorkInput[] | null;
}

/** Everything about the input that needs no database: shapes, ranges, the year's MCI, the subsidies. */
export function parseApplication(input: ApplyForResettlementInput, applicantIin: string): NewApplication {
  const zoneId = parseUuid(input.zoneId, 'input.zoneId');
  const year = parseYear(input.year, 'input.year');
  if (YEARLY_THRESHOLDS[year] === undefined) {
    const known = Object.keys(YEARLY_THRESHOLDS).join(', ');
    throw new BadInput('input.year', `subsidies are computed from the MCI of the application year; no MCI is published for ${year} (known: ${known})`);
  }
  const fromRegionCode = parseKatoRegion(input.fromKatoCode, 'input.fromKatoCode');
  const familyMembers = parseNumberInRange(input.familyMembers, 'input.familyMembers', { min: 1, max: MAX_FAMILY_MEMBERS, whole: true });
  const ableBodiedMembers = parseNumberInRange(input.ableBodiedMembers, 'input.ableBodiedMembers', {
    min: 1,
    max: familyMembers,
    whole: true,
    what: 'a number of members (at most familyMembers)',
  });
  const intendedWork = input.intendedWork ?? [];
  if (input.intendedWork && intendedWork.length !== ableBodiedMembers) {
    throw new BadInput('input.intendedWork', `must have one entry per able-bodied member (${ableBodiedMembers}), got ${intendedWork.length}`);
  }
  return {
    zoneId,
    year,
    intendedWork: intendedWork.map((work, index) => ({
      sector: work.sector,
      occupationCode: work.occupationCode == null ? null : parseOccupationCode(work.occupationCode, `input.intendedWork.${index}.occupationCode`),
    })),
    fromKatoCode: input.fromKatoCode,
    fromRegionCode,
    familyMembers,
    ableBodiedMembers,
    applicantIin,
    relocationSubsidyTenge: relocationSubsidyTenge(familyMembers, year),
    monthlyRentSubsidyTenge: monthlyRentSubsidyTenge(familyMembers, year),
    commitmentYears: RESETTLEMENT_COMMITMENT_YEARS,
  };
}
