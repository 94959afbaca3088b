import { describe, expect, it } from 'vitest';
import { OCCUPATION_UNIT_GROUPS, occupationCodeProblem, occupationName } from './occupations.js';

describe('occupation classifier', () => {
  it.each(['7212', '8111', '2512', '4110'])('accepts %s, a known unit group', (code) => {
    expect(occupationCodeProblem(code)).toBeNull();
  });

  it.each([
    ['721', 'not a 4-digit occupation code'],
    ['72120', 'not a 4-digit occupation code'],
    ['72 2', 'not a 4-digit occupation code'],
    ['', 'not a 4-digit occupation code'],
    ['0000', 'not an occupation unit group this map knows'],
    ['9999', 'not an occupation unit group this map knows'],
  ])('refuses "%s"', (code, reason) => {
    expect(occupationCodeProblem(code)).toContain(reason);
  });

  it('names unit groups, and nothing for an unknown code', () => {
    expect(occupationName('7212')).toBe('Welders and flame cutters');
    expect(occupationName('9999')).toBeNull();
  });

  it('lists 4-digit codes whose first digit is an ISCO-08 major group (1 to 9), each named', () => {
    for (const [code, name] of OCCUPATION_UNIT_GROUPS) {
      expect(code).toMatch(/^[1-9]\d{3}$/);
      expect(name.length).toBeGreaterThan(3);
    }
  });
});
