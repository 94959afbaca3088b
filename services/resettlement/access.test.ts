import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../kernel/auth.js';
import { applicationScope, isCitizenWithIin, seesApplications } from './access.js';

const principal = (roles: Role[], claims: Partial<Pick<Principal, 'iin' | 'bin'>> & { regions?: string[] } = {}): Principal => ({
  subject: 'someone',
  roles: new Set(roles),
  bin: claims.bin ?? null,
  iin: claims.iin ?? null,
  regions: new Set(claims.regions ?? []),
});

describe('the application scope a caller gets', () => {
  it('is nothing for an anonymous caller, and everything for an admin', () => {
    expect(applicationScope(null)).toEqual({ everything: false, zoneRegions: [], applicantIin: null });
    expect(applicationScope(principal(['admin'])).everything).toBe(true);
  });

  it("is the officer's regions and the citizen's own IIN, together for a caller with both roles", () => {
    const both = principal(['resettlement_officer', 'citizen'], { regions: ['KZ-59', 'KZ-55'], iin: '791028302728' });
    expect(applicationScope(both)).toEqual({ everything: false, zoneRegions: ['KZ-55', 'KZ-59'], applicantIin: '791028302728' });
  });

  it('ignores claims that do not belong to the role: regions of an inspector, the IIN of an employer', () => {
    const inspector = principal(['inspector'], { regions: ['KZ-55'] });
    const employer = principal(['employer'], { iin: '791028302728', bin: '940140000385' });
    for (const caller of [inspector, employer]) {
      expect(applicationScope(caller)).toEqual({ everything: false, zoneRegions: [], applicantIin: null });
      expect(seesApplications(caller, undefined)).toBe(false);
    }
  });

  it('leaves out a citizen whose IIN fails its checksum, and an officer without regions', () => {
    expect(seesApplications(principal(['citizen'], { iin: '791028302729' }), undefined)).toBe(false);
    expect(isCitizenWithIin(principal(['citizen'], { iin: '791028302729' }), undefined)).toBe(false);
    expect(seesApplications(principal(['resettlement_officer']), undefined)).toBe(false);
    expect(isCitizenWithIin(principal(['citizen'], { iin: '791028302728' }), undefined)).toBe(true);
  });
});

