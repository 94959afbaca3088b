import { createHash } from 'node:crypto';
import { Field, InputType, Int } from 'type-graphql';
import { loadConfig } from '../../kernel/config.js';
import { parseBin, parseIin, parseKatoRegion, parseNumberInRange, parseOccupationCode, parseText } from '../../kernel/arguments.js';
import type { RegionCode } from '../../kernel/domain/kato.js';
import { isBelowMinimumWage, moneyFactsFor, UnknownYear } from '../../kernel/domain/money.js';
import { classRank } from '../../kernel/domain/working-conditions.js';
import { BadInput, LimitExceeded } from '../../kernel/errors.js';
import { GeoPointInput, validateGeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { okedCodeProblem } from '../domain/oked.js';
import { DeclaredContractTypeEnum, type DeclaredContractType } from '../entities/employment-contract.entity.js';
import { InspectionKind } from '../entities/inspection.entity.js';
import { todayInKazakhstan } from '../../kernel/domain/calendar.js';
import { DateScalar, isoDateOf } from '../../kernel/graphql/date.js';

/**
 * The mutations' inputs and their validation: every check that needs no data runs here, before
 * any SQL, and names the offending argument path (`input.contracts.3.iin`).
 */

const MAX_TEXT = 500;
const MAX_FINDINGS = 5_000;
/** Workplaces of one assessment: as many as contracts of one declaration. */
const maxWorkplaces = () => loadConfig().MAX_CONTRACTS_PER_DECLARATION;

function requiredText(value: string, argument: string, maxLength = MAX_TEXT): string {
  return parseText(value, argument, { maxLength, required: true });
}

function notInFuture(date: Date, argument: string): string {
  const iso = isoDateOf(date);
  if (iso > todayInKazakhstan()) throw new BadInput(argument, 'must not be in the future');
  return iso;
}

@InputType({ description: 'A new enterprise. The region comes from the KATO code; the location must lie inside that region.' })
export class RegisterEnterpriseInput {
  @Field(() => String)
  bin!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'OKED code, 2 to 5 digits, of a known division (e.g. "05100").' })
  okedCode!: string;

  @Field(() => String)
  address!: string;

  @Field(() => String, { description: 'Nine-digit KATO code of the address; its first two digits name the region.' })
  katoCode!: string;

  @Field(() => GeoPointInput)
  location!: GeoPointInput;
}

export interface NewEnterprise {
  bin: string;
  name: string;
  okedCode: string;
  address: string;
  katoCode: string;
  regionCode: RegionCode;
  location: LatLon;
}

export function parseRegistration(input: RegisterEnterpriseInput): NewEnterprise {
  const okedProblem = okedCodeProblem(input.okedCode);
  if (okedProblem) throw new BadInput('input.okedCode', okedProblem);
  const regionCode = parseKatoRegion(input.katoCode, 'input.katoCode');
  return {
    bin: parseBin(input.bin, 'input.bin'),
    name: requiredText(input.name, 'input.name'),
    okedCode: input.okedCode,
    address: requiredText(input.address, 'input.address'),
    katoCode: input.katoCode,
    regionCode,
    location: validateGeoPoint(input.location, 'input.location'),
  };
}

@InputType({ description: 'One employment contract in force on the reporting date.' })
class EmploymentContractInput {
  @Field(() => String, { description: "The worker's IIN (12 digits, checksum-valid); unique within a declaration." })
  iin!: string;

  @Field(() => String)
  occupationCode!: string;

  @Field(() => String, { nullable: true, description: 'The assessed workplace the worker holds; its class drives quality-job and special payment figures.' })
  workplaceCode?: string | null;

  @Field(() => DeclaredContractTypeEnum)
  contractType!: DeclaredContractType;

  @Field(() => Int, { description: 'At least the minimum wage of the reporting year, pro rata to weeklyHours / 40.' })
  monthlySalaryTenge!: number;

  @Field(() => DateScalar, { description: 'On or before the reporting date.' })
  startDate!: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Null for open-ended; otherwise on or after the reporting date (the contract is in force).' })
  endDate?: Date | null;

  @Field(() => Int, { defaultValue: 40, description: '1 to 60.' })
  weeklyHours!: number;
}

@InputType({ description: 'Every employment contract in force at the enterprise on the reporting date.' })
export class DeclareLaborRelationsInput {
  @Field(() => String)
  bin!: string;

  @Field(() => String, {
    description: 'Chosen by the caller, 1–200 characters. The same key with the same body returns the first result; with another body CONFLICT.',
  })
  idempotencyKey!: string;

  @Field(() => DateScalar, { description: 'Not in the future; a year with known minimum wage.' })
  reportingDate!: Date;

  @Field(() => [EmploymentContractInput], { description: 'The full list (up to MAX_CONTRACTS_PER_DECLARATION, 10 000 by default); it replaces the declared state.' })
  contracts!: EmploymentContractInput[];
}

export interface DeclaredContract {
  iin: string;
  occupationCode: string;
  workplaceCode: string | null;
  contractType: DeclaredContractType;
  monthlySalaryTenge: number;
  startDate: string;
  endDate: string | null;
  weeklyHours: number;
}

export interface Declaration {
  bin: string;
  idempotencyKey: string;
  reportingDate: string;
  contracts: DeclaredContract[];
  /** SHA-256 of the canonical body (everything but the key, defaults filled in). */
  bodyHash: string;
}

function parseContract(input: EmploymentContractInput, reportingDate: string, year: number, path: string): DeclaredContract {
  const iin = parseIin(input.iin, `${path}.iin`);
  const workplaceCode = input.workplaceCode == null ? null : requiredText(input.workplaceCode, `${path}.workplaceCode`, 50);
  parseNumberInRange(input.weeklyHours, `${path}.weeklyHours`, { min: 1, max: 60, whole: true, what: 'a number of hours' });
  if (input.monthlySalaryTenge <= 0 || isBelowMinimumWage(input.monthlySalaryTenge, input.weeklyHours, year)) {
    throw new BadInput(`${path}.monthlySalaryTenge`, `is below the minimum wage of ${year} for ${input.weeklyHours} hours a week`);
  }
  const startDate = isoDateOf(input.startDate);
  if (startDate > reportingDate) throw new BadInput(`${path}.startDate`, 'must be on or before the reporting date: the contract must be in force');
  const endDate = input.endDate ? isoDateOf(input.endDate) : null;
  if (endDate !== null && endDate < startDate) throw new BadInput(`${path}.endDate`, 'must be on or after the start date');
  if (endDate !== null && endDate < reportingDate) throw new BadInput(`${path}.endDate`, 'must be on or after the reporting date: the contract must be in force');
  if (input.contractType === 'FIXED_TERM' && endDate === null) throw new BadInput(`${path}.endDate`, 'a fixed-term contract needs an end date');
  return {
    iin,
    occupationCode: parseOccupationCode(input.occupationCode, `${path}.occupationCode`),
    workplaceCode,
    contractType: input.contractType,
    monthlySalaryTenge: input.monthlySalaryTenge,
    startDate,
    endDate,
    weeklyHours: input.weeklyHours,
  };
}

export function parseDeclaration(input: DeclareLaborRelationsInput): Declaration {
  const bin = parseBin(input.bin, 'input.bin');
  const idempotencyKey = requiredText(input.idempotencyKey, 'input.idempotencyKey', 200);
  const reportingDate = notInFuture(input.reportingDate, 'input.reportingDate');
  const year = Number(reportingDate.slice(0, 4));
  try {
    moneyFactsFor(year);
  } catch (error) {
    if (error instanceof UnknownYear) throw new BadInput('input.reportingDate', `no minimum wage is known for ${year}`);
    throw error;
  }
  const limit = loadConfig().MAX_CONTRACTS_PER_DECLARATION;
  if (input.contracts.length > limit) throw new LimitExceeded('input.contracts', limit);
  const seen = new Set<string>();
  const contracts = input.contracts.map((contract, index) => {
    const parsed = parseContract(contract, reportingDate, year, `input.contracts.${index}`);
    if (seen.has(parsed.iin)) throw new BadInput(`input.contracts.${index}.iin`, 'appears twice in the declaration');
    seen.add(parsed.iin);
    return parsed;
  });
  // Canonical: defaults filled in, contracts in IIN order, so a replay that lists the same
  // contracts in another order is the same body.
  const canonical = JSON.stringify({ bin, reportingDate, contracts: [...contracts].sort((a, b) => a.iin.localeCompare(b.iin)) });
  return { bin, idempotencyKey, reportingDate, contracts, bodyHash: createHash('sha256').update(canonical).digest('hex') };
}

@InputType('WorkplaceInput', { description: 'The attestation result of one workplace.' })
class WorkplaceInput {
  @Field(() => String, { description: "The workplace's code at the enterprise, 1–50 characters; unique within an assessment." })
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  occupationCode!: string;

  @Field(() => WorkingConditionsClass)
  conditionsClass!: WorkingConditionsClass;

  @Field(() => Int, { description: 'Workers on the workplace, ≥ 0.' })
  workers!: number;
}

@InputType({ description: 'A workplace attestation: the results of the assessed workplaces, as of one day.' })
export class AssessmentInput {
  @Field(() => String)
  bin!: string;

  @Field(() => DateScalar, { description: 'Not in the future.' })
  assessedOn!: Date;

  @Field(() => [WorkplaceInput])
  workplaces!: WorkplaceInput[];
}

export interface Assessment {
  bin: string;
  assessedOn: string;
  workplaces: { code: string; title: string; occupationCode: string; classRank: number; workers: number }[];
}

export function parseAssessment(input: AssessmentInput): Assessment {
  const bin = parseBin(input.bin, 'input.bin');
  const assessedOn = notInFuture(input.assessedOn, 'input.assessedOn');
  if (input.workplaces.length === 0) throw new BadInput('input.workplaces', 'must list at least one workplace');
  if (input.workplaces.length > maxWorkplaces()) throw new LimitExceeded('input.workplaces', maxWorkplaces());
  const codes = new Set<string>();
  const workplaces = input.workplaces.map((workplace, index) => {
    const path = `input.workplaces.${index}`;
    const code = requiredText(workplace.code, `${path}.code`, 50);
    if (codes.has(code)) throw new BadInput(`${path}.code`, 'appears twice in the assessment');
    codes.add(code);
    parseNumberInRange(workplace.workers, `${path}.workers`, { min: 0, whole: true, what: 'a number of workers' });
    return {
      code,
      title: requiredText(workplace.title, `${path}.title`),
      occupationCode: parseOccupationCode(workplace.occupationCode, `${path}.occupationCode`),
      classRank: classRank(workplace.conditionsClass),
      workers: workplace.workers,
    };
  });
  return { bin, assessedOn, workplaces };
}

@InputType({ description: 'A state labour inspection carried out at an enterprise.' })
export class InspectionInput {
  @Field(() => String)
  bin!: string;

  @Field(() => DateScalar, { description: 'Not in the future.' })
  inspectedOn!: Date;

  @Field(() => InspectionKind)
  kind!: InspectionKind;

  @Field(() => Int, { description: 'Violations found, ≥ 0.' })
  violations!: number;

  @Field(() => String, { nullable: true, description: `At most ${MAX_FINDINGS} characters.` })
  findings?: string | null;
}

export interface NewInspection {
  bin: string;
  inspectedOn: string;
  kind: InspectionKind;
  violations: number;
  findings: string | null;
}

export function parseInspection(input: InspectionInput): NewInspection {
  const bin = parseBin(input.bin, 'input.bin');
  const inspectedOn = notInFuture(input.inspectedOn, 'input.inspectedOn');
  parseNumberInRange(input.violations, 'input.violations', { min: 0, whole: true, what: 'a number of violations' });
  const findings = parseText(input.findings, 'input.findings', { maxLength: MAX_FINDINGS });
  return { bin, inspectedOn, kind: input.kind, violations: input.violations, findings };
}
