import { describe, expect, it } from 'vitest';
import { okedCodeProblem } from './oked.js';

describe('okedCodeProblem', () => {
  it.each(['05', '051', '05100', '24420', '86100'])('accepts %s, a code of a known division', (code) => {
    expect(okedCodeProblem(code)).toBeNull();
  });

  it.each([
    ['5', 'must be 2 to 5 digits'],
    ['051000', 'must be 2 to 5 digits'],
    ['A0510', 'must be 2 to 5 digits'],
    ['99100', 'division 99'],
  ])('refuses %s', (code, reason) => {
    expect(okedCodeProblem(code)).toContain(reason);
  });
});
