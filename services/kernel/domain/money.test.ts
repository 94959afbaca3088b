import { describe, it, expect } from 'vitest';
import { UnknownYear, isBelowMinimumWage, isQualityJob, moneyFactsFor, type JobTerms } from './money.js';

describe('moneyFactsFor', () => {
  it('gives the published 2024 figures', () => {
    expect(moneyFactsFor(2024)).toEqual({
      year: 2024,
      mciTenge: 3_692,
      minimumWageTenge: 85_000,
      subsistenceMinimumTenge: 43_407,
      medianWageTenge: 285_677,
      medianWageSurveyYear: 2024,
      carriedForwardFrom: null,
    });
  });

  it('gives the published 2025 figures', () => {
    expect(moneyFactsFor(2025)).toEqual({
      year: 2025,
      mciTenge: 3_932,
      minimumWageTenge: 85_000,
      subsistenceMinimumTenge: 46_228,
      medianWageTenge: 317_512,
      medianWageSurveyYear: 2025,
      carriedForwardFrom: null,
    });
  });

  it('gives the 2026 thresholds with the 2025 median, the latest survey published', () => {
    expect(moneyFactsFor(2026)).toEqual({
      year: 2026,
      mciTenge: 4_325,
      minimumWageTenge: 85_000,
      subsistenceMinimumTenge: 50_851,
      medianWageTenge: 317_512,
      medianWageSurveyYear: 2025,
      carriedForwardFrom: null,
    });
  });

  it.each([2023, 1990, 2025.5, 2027.5, Number.NaN])('throws UnknownYear for %d', (year) => {
    expect(() => moneyFactsFor(year)).toThrow(UnknownYear);
  });

  it('names the unknown year in the error', () => {
    expect(() => moneyFactsFor(2023)).toThrow(expect.objectContaining({ name: 'UnknownYear', year: 2023 }));
  });

  it('marks the table years as not carried forward', () => {
    expect(moneyFactsFor(2024).carriedForwardFrom).toBeNull();
    expect(moneyFactsFor(2026).carriedForwardFrom).toBeNull();
  });

  it('carries the last table year forward into the years after it, saying so', () => {
    expect(moneyFactsFor(2027)).toEqual({ ...moneyFactsFor(2026), year: 2027, carriedForwardFrom: 2026 });
    expect(moneyFactsFor(2030)).toMatchObject({ year: 2030, mciTenge: 4_325, carriedForwardFrom: 2026 });
  });
});

describe('isQualityJob', () => {
  const qualityJob2025: JobTerms = { contractType: 'PERMANENT', monthlySalaryTenge: 317_512, conditionsClass: 'ACCEPTABLE_2' };

  it('holds for a permanent contract paying exactly the median on an acceptable workplace', () => {
    expect(isQualityJob(qualityJob2025, 2025)).toBe(true);
  });

  it('holds on an optimal workplace', () => {
    expect(isQualityJob({ ...qualityJob2025, conditionsClass: 'OPTIMAL_1' }, 2025)).toBe(true);
  });

  it('fails one tenge below the median of the year', () => {
    expect(isQualityJob({ ...qualityJob2025, monthlySalaryTenge: 317_511 }, 2025)).toBe(false);
  });

  it('measures the salary against the median of the given year', () => {
    const paidAbove2024Median = { ...qualityJob2025, monthlySalaryTenge: 290_000 };
    expect(isQualityJob(paidAbove2024Median, 2024)).toBe(true);
    expect(isQualityJob(paidAbove2024Median, 2025)).toBe(false);
  });

  it.each(['FIXED_TERM', 'SEASONAL'] as const)('fails for a %s contract', (contractType) => {
    expect(isQualityJob({ ...qualityJob2025, contractType }, 2025)).toBe(false);
  });

  it.each(['HARMFUL_3_1', 'HARMFUL_3_4', 'DANGEROUS_4'] as const)('fails on a %s workplace, however well paid', (conditionsClass) => {
    expect(isQualityJob({ ...qualityJob2025, monthlySalaryTenge: 1_000_000, conditionsClass }, 2025)).toBe(false);
  });

  it('throws UnknownYear for a year without a median', () => {
    expect(() => isQualityJob(qualityJob2025, 2023)).toThrow(UnknownYear);
  });
});

describe('isBelowMinimumWage', () => {
  it('holds for a full-time salary one tenge below the minimum wage', () => {
    expect(isBelowMinimumWage(84_999, 40, 2026)).toBe(true);
  });

  it('does not hold for a full-time salary of exactly the minimum wage', () => {
    expect(isBelowMinimumWage(85_000, 40, 2026)).toBe(false);
  });

  it('scales the minimum for part time: 20 h/week needs 42 500', () => {
    expect(isBelowMinimumWage(42_500, 20, 2026)).toBe(false);
    expect(isBelowMinimumWage(42_499, 20, 2026)).toBe(true);
  });

  it('does not raise the minimum for more than 40 h/week', () => {
    expect(isBelowMinimumWage(85_000, 48, 2026)).toBe(false);
  });

  it('treats 36 h/week on a shortened harmful-work week as full time when told so', () => {
    expect(isBelowMinimumWage(80_000, 36, 2026)).toBe(false);
    expect(isBelowMinimumWage(80_000, 36, 2026, 36)).toBe(true);
  });

  it.each([0, -8, Number.NaN])('rejects %d weekly hours', (hours) => {
    expect(() => isBelowMinimumWage(85_000, hours, 2026)).toThrow(RangeError);
  });

  it('throws UnknownYear before the table', () => {
    expect(() => isBelowMinimumWage(85_000, 40, 2023)).toThrow(UnknownYear);
  });

  it('checks a year after the table against the last known minimum wage', () => {
    expect(isBelowMinimumWage(84_999, 40, 2027)).toBe(true);
    expect(isBelowMinimumWage(85_000, 40, 2027)).toBe(false);
  });
});
