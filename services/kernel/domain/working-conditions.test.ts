import { describe, it, expect } from 'vitest';
import {
  WORKING_CONDITIONS_CLASSES,
  classRank,
  compensationsOf,
  isAssessmentOverdue,
  isHarmful,
  worstClass,
} from './working-conditions.js';

describe('classRank', () => {
  it('orders the classes from optimal (0) to dangerous (6)', () => {
    expect(WORKING_CONDITIONS_CLASSES.map(classRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(classRank('OPTIMAL_1')).toBe(0);
    expect(classRank('HARMFUL_3_4')).toBe(5);
    expect(classRank('DANGEROUS_4')).toBe(6);
  });
});

describe('worstClass', () => {
  it('picks the worst of the current workplace assessments', () => {
    expect(worstClass(['ACCEPTABLE_2', 'HARMFUL_3_2', 'OPTIMAL_1', 'HARMFUL_3_1'])).toBe('HARMFUL_3_2');
  });

  it('picks dangerous over every harmful degree', () => {
    expect(worstClass(['HARMFUL_3_4', 'DANGEROUS_4', 'HARMFUL_3_3'])).toBe('DANGEROUS_4');
  });

  it('returns the only class of a single assessment', () => {
    expect(worstClass(['OPTIMAL_1'])).toBe('OPTIMAL_1');
  });

  it('does not depend on the order of the assessments', () => {
    expect(worstClass(['HARMFUL_3_3', 'ACCEPTABLE_2'])).toBe(worstClass(['ACCEPTABLE_2', 'HARMFUL_3_3']));
  });

  it('is unknown (null) without any assessment rather than presumed safe', () => {
    expect(worstClass([])).toBeNull();
  });
});

describe('isHarmful', () => {
  it('holds from class 3.1 up, including dangerous', () => {
    expect(WORKING_CONDITIONS_CLASSES.filter(isHarmful)).toEqual(['HARMFUL_3_1', 'HARMFUL_3_2', 'HARMFUL_3_3', 'HARMFUL_3_4', 'DANGEROUS_4']);
  });

  it('does not hold for optimal and acceptable workplaces', () => {
    expect(isHarmful('OPTIMAL_1')).toBe(false);
    expect(isHarmful('ACCEPTABLE_2')).toBe(false);
  });
});

describe('compensationsOf', () => {
  it('grants a 36-hour week, extra leave, higher pay, therapeutic food and protective equipment from class 3.1', () => {
    expect(compensationsOf('HARMFUL_3_1')).toEqual({
      shortenedWeekHours: 36,
      extraPaidLeave: true,
      higherPay: true,
      therapeuticFood: true,
      protectiveEquipment: true,
    });
    expect(compensationsOf('DANGEROUS_4')).toEqual(compensationsOf('HARMFUL_3_1'));
  });

  it.each(['OPTIMAL_1', 'ACCEPTABLE_2'] as const)('grants nothing for class %s', (c) => {
    expect(compensationsOf(c)).toEqual({
      shortenedWeekHours: null,
      extraPaidLeave: false,
      higherPay: false,
      therapeuticFood: false,
      protectiveEquipment: false,
    });
  });
});

describe('isAssessmentOverdue', () => {
  it('is overdue when there has never been an assessment', () => {
    expect(isAssessmentOverdue(null, '2025-06-01')).toBe(true);
  });

  it('is not overdue on the fifth anniversary, and overdue the day after', () => {
    expect(isAssessmentOverdue('2020-03-15', '2025-03-15')).toBe(false);
    expect(isAssessmentOverdue('2020-03-15', '2025-03-16')).toBe(true);
  });

  it('ends the period of a 29 February assessment on 28 February', () => {
    expect(isAssessmentOverdue('2020-02-29', '2025-02-28')).toBe(false);
    expect(isAssessmentOverdue('2020-02-29', '2025-03-01')).toBe(true);
  });

  it('keeps 29 February as the end when the final year is a leap year', () => {
    expect(isAssessmentOverdue('2020-02-29', '2024-02-29', 4)).toBe(false);
    expect(isAssessmentOverdue('2020-02-29', '2024-03-01', 4)).toBe(true);
  });

  it('is not overdue for a recent assessment', () => {
    expect(isAssessmentOverdue('2024-11-30', '2025-06-01')).toBe(false);
  });

  it('honours a shorter period', () => {
    expect(isAssessmentOverdue('2022-01-10', '2025-01-11', 3)).toBe(true);
    expect(isAssessmentOverdue('2022-01-10', '2025-01-11')).toBe(false);
  });

  it.each([
    ['2020-02-30', '2025-01-01'],
    ['2020-01-01', '2025-13-01'],
  ])('rejects the malformed dates %s, %s', (last, on) => {
    expect(() => isAssessmentOverdue(last, on)).toThrow(RangeError);
  });

  it('rejects a malformed date even without a last assessment', () => {
    expect(() => isAssessmentOverdue(null, '1 June 2025')).toThrow(RangeError);
  });

  it.each([0, -5, 2.5])('rejects the period %d', (periodYears) => {
    expect(() => isAssessmentOverdue('2020-01-01', '2025-01-01', periodYears)).toThrow(RangeError);
  });
});
