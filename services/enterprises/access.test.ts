import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../kernel/auth.js';
import { iinAsSeenBy } from './access.js';

const principal = (roles: Role[], bin: string | null = null): Principal => ({
  subject: 'test',
  roles: new Set(roles),
  bin,
  iin: null,
  regions: new Set(['KZ-35']),
});

const contract = { iin: '791028302728', enterpriseBin: '940140000385' };

describe('iinAsSeenBy', () => {
  it('shows the full IIN to the employer who declared it', () => {
    expect(iinAsSeenBy(principal(['employer'], '940140000385'), contract)).toBe('791028302728');
  });

  it.each([
    ['an inspector', principal(['inspector'])],
    ['an admin', principal(['admin'])],
    ['another employer', principal(['employer'], '990140004654')],
    ['an anonymous caller', null],
  ])('masks it after the birth date for %s', (_who, caller) => {
    expect(iinAsSeenBy(caller, contract)).toBe('791028******');
  });
});
