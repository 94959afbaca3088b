import type { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import type { ApplicationStatus } from '../graphql/enums.js';

/** Every column of `resettlement.resettlement_application a`, read back by `toApplication`. */
export const APPLICATION_COLUMNS = `a.id, a.zone_id, a.year, a.status, a.from_kato_code, a.from_region_code, a.applicant_iin,
  a.family_members, a.able_bodied_members, a.relocation_subsidy_tenge, a.monthly_rent_subsidy_tenge, a.commitment_years,
  a.decided_at, a.reason, a.created_at`;

export interface ApplicationRow {
  id: string;
  zone_id: string;
  year: number;
  status: ApplicationStatus;
  from_kato_code: string;
  from_region_code: string;
  applicant_iin: string;
  family_members: number;
  able_bodied_members: number;
  relocation_subsidy_tenge: number;
  monthly_rent_subsidy_tenge: number;
  commitment_years: number;
  decided_at: Date | string | null;
  reason: string | null;
  created_at: Date | string;
}

export function toApplication(row: ApplicationRow): ResettlementApplication {
  return {
    id: row.id,
    zoneId: row.zone_id,
    year: row.year,
    status: row.status,
    fromKatoCode: row.from_kato_code,
    fromRegionCode: row.from_region_code,
    applicantIin: row.applicant_iin,
    familyMembers: row.family_members,
    ableBodiedMembers: row.able_bodied_members,
    relocationSubsidyTenge: row.relocation_subsidy_tenge,
    monthlyRentSubsidyTenge: row.monthly_rent_subsidy_tenge,
    commitmentYears: row.commitment_years,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
    reason: row.reason,
    createdAt: new Date(row.created_at),
  };
}
