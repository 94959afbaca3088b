import { describe, it, expect } from 'vitest';
import { InvalidIdentifier, makeIin } from '../../kernel/domain/identifiers.js';
import { UnknownYear } from '../../kernel/domain/money.js';
import {
  DEFAULT_SPECIAL_PAYMENT_PARAMETERS,
  employerShare,
  estimateMonthlyPayment,
  harmfulMonths,
  isEligible,
  type DeclaredWorker,
} from './special-payment.js';

const FROM_2014 = '2014-01-01';

function workerWith(birthDate: string, sex: 'MALE' | 'FEMALE', harmfulMonthsSince2014: number, monthlySalaryTenge = 400_000): DeclaredWorker {
  return { iin: makeIin(birthDate, sex, 1), monthlySalaryTenge, harmfulMonthsSince2014 };
}

describe('DEFAULT_SPECIAL_PAYMENT_PARAMETERS', () => {
  it('holds the criteria of docs/domain.md §5', () => {
    expect(DEFAULT_SPECIAL_PAYMENT_PARAMETERS).toEqual({
      eligibleAge: 55,
      requiredHarmfulMonths: 84,
      pensionAgeMale: 63,
      pensionAgeFemale: 61,
      oppvRate: 0.05,
      countFrom: '2014-01-01',
      minPayoutMonths: 12,
    });
  });
});

describe('harmfulMonths', () => {
  it('counts whole months from the contract start', () => {
    expect(harmfulMonths('2015-03-20', '2022-03-20', FROM_2014)).toBe(84);
    expect(harmfulMonths('2015-03-20', '2022-03-19', FROM_2014)).toBe(83);
  });

  it('counts a contract that started before 2014 from 2014-01-01', () => {
    expect(harmfulMonths('2005-06-01', '2021-01-01', FROM_2014)).toBe(84);
    expect(harmfulMonths('2013-12-31', '2014-12-31', FROM_2014)).toBe(11);
  });

  it('completes a month from the 31st on the last day of a shorter month', () => {
    expect(harmfulMonths('2015-01-31', '2015-02-27', FROM_2014)).toBe(0);
    expect(harmfulMonths('2015-01-31', '2015-02-28', FROM_2014)).toBe(1);
    expect(harmfulMonths('2016-01-31', '2016-02-28', FROM_2014)).toBe(0);
    expect(harmfulMonths('2016-01-31', '2016-02-29', FROM_2014)).toBe(1);
  });

  it('is 0 on the start day and for a contract that has not started yet', () => {
    expect(harmfulMonths('2020-05-01', '2020-05-01', FROM_2014)).toBe(0);
    expect(harmfulMonths('2026-05-01', '2025-01-01', FROM_2014)).toBe(0);
  });

  it('follows a configured start of counting', () => {
    expect(harmfulMonths('2005-06-01', '2021-01-01', '2020-01-01')).toBe(12);
  });

  it.each([
    ['2015-02-30', '2022-01-01'],
    ['2015-01-01', '2022/01/01'],
  ])('rejects the malformed dates %s, %s', (start, on) => {
    expect(() => harmfulMonths(start, on, FROM_2014)).toThrow(RangeError);
  });
});

describe('isEligible', () => {
  it('makes a worker born 1970-01-01 eligible on 2025-01-01, the day they turn 55, and not the day before', () => {
    const worker = workerWith('1970-01-01', 'MALE', 120);
    expect(isEligible(worker, '2024-12-31')).toBe(false);
    expect(isEligible(worker, '2025-01-01')).toBe(true);
  });

  it('requires 84 harmful months: 83 are not enough', () => {
    expect(isEligible(workerWith('1965-05-05', 'MALE', 84), '2025-01-01')).toBe(true);
    expect(isEligible(workerWith('1965-05-05', 'MALE', 83), '2025-01-01')).toBe(false);
  });

  it('counts harmful months from the contract of a worker on a class 3.1+ workplace', () => {
    const worker: DeclaredWorker = { iin: makeIin('1965-05-05', 'MALE', 1), monthlySalaryTenge: 400_000, contractStart: '2005-06-01', workplaceIsHarmful: true };
    expect(isEligible(worker, '2020-12-31')).toBe(false);
    expect(isEligible(worker, '2021-01-01')).toBe(true);
  });

  it('counts no harmful months on a workplace below class 3.1', () => {
    const worker: DeclaredWorker = { iin: makeIin('1965-05-05', 'MALE', 1), monthlySalaryTenge: 400_000, contractStart: '2005-06-01', workplaceIsHarmful: false };
    expect(isEligible(worker, '2025-01-01')).toBe(false);
  });

  it('ends for a man on his 63rd birthday', () => {
    const man = workerWith('1962-03-10', 'MALE', 120);
    expect(isEligible(man, '2025-03-09')).toBe(true);
    expect(isEligible(man, '2025-03-10')).toBe(false);
  });

  it('ends for a woman on her 61st birthday', () => {
    const woman = workerWith('1964-03-10', 'FEMALE', 120);
    expect(isEligible(woman, '2025-03-09')).toBe(true);
    expect(isEligible(woman, '2025-03-10')).toBe(false);
  });

  it('keeps a 62-year-old man eligible but not a 62-year-old woman', () => {
    expect(isEligible(workerWith('1963-01-01', 'MALE', 120), '2025-06-01')).toBe(true);
    expect(isEligible(workerWith('1963-01-01', 'FEMALE', 120), '2025-06-01')).toBe(false);
  });

  it('ends for a woman born on 29 February on 1 March of her non-leap 61st year', () => {
    const woman = workerWith('1964-02-29', 'FEMALE', 120);
    expect(isEligible(woman, '2025-02-28')).toBe(true);
    expect(isEligible(woman, '2025-03-01')).toBe(false);
  });

  it('follows a configured pension age', () => {
    const params = { ...DEFAULT_SPECIAL_PAYMENT_PARAMETERS, pensionAgeFemale: 63 };
    expect(isEligible(workerWith('1963-01-01', 'FEMALE', 120), '2025-06-01', params)).toBe(true);
  });

  it('rejects a worker whose IIN is invalid', () => {
    expect(() => isEligible({ iin: '791028302729', monthlySalaryTenge: 400_000, harmfulMonthsSince2014: 120 }, '2025-01-01')).toThrow(
      InvalidIdentifier,
    );
  });

  it.each([-1, 84.5])('rejects %d declared harmful months', (months) => {
    expect(() => isEligible(workerWith('1965-05-05', 'MALE', months), '2025-01-01')).toThrow(RangeError);
  });
});

describe('estimateMonthlyPayment', () => {
  it('adds 4 subsistence minimums to the OPPV savings spread over the months left to pension age', () => {
    // 2025: 4 × 46 228 = 184 912; 0.05 × 600 000 × 120 = 3 600 000 over 96 months (to 2033-01-01) = 37 500
    expect(estimateMonthlyPayment(workerWith('1970-01-01', 'MALE', 120, 600_000), '2025-01-01')).toBe(222_412);
  });

  it('spreads a woman’s savings up to her pension age of 61', () => {
    // 2026: 4 × 50 851 = 203 404; 0.05 × 420 000 × 100 = 2 100 000 over 42 months (to 2029-07-01) = 50 000
    expect(estimateMonthlyPayment(workerWith('1968-07-01', 'FEMALE', 100, 420_000), '2026-01-01')).toBe(253_404);
  });

  it('spreads the savings over at least 12 months close to pension age', () => {
    // 5 months left to 2025-06-01, so 12: 0.05 × 400 000 × 132 = 2 640 000 / 12 = 220 000; + 184 912
    expect(estimateMonthlyPayment(workerWith('1962-06-01', 'MALE', 132, 400_000), '2025-01-01')).toBe(404_912);
  });

  it('rounds to the nearest whole tenge', () => {
    // 0.05 × 500 000 × 100 = 2 500 000 / 96 = 26 041.67; + 184 912 = 210 953.67
    expect(estimateMonthlyPayment(workerWith('1970-01-01', 'MALE', 100, 500_000), '2025-01-01')).toBe(210_954);
    // 0.05 × 500 000 × 101 = 2 525 000 / 96 = 26 302.08; + 184 912 = 211 214.08
    expect(estimateMonthlyPayment(workerWith('1970-01-01', 'MALE', 101, 500_000), '2025-01-01')).toBe(211_214);
  });

  it('follows a configured OPPV rate', () => {
    const params = { ...DEFAULT_SPECIAL_PAYMENT_PARAMETERS, oppvRate: 0.1 };
    expect(estimateMonthlyPayment(workerWith('1970-01-01', 'MALE', 120, 600_000), '2025-01-01', params)).toBe(184_912 + 75_000);
  });

  it('is null for a worker who is not eligible', () => {
    expect(estimateMonthlyPayment(workerWith('1970-01-01', 'MALE', 83, 600_000), '2025-01-01')).toBeNull();
  });

  it('throws UnknownYear for a year before the money table', () => {
    expect(() => estimateMonthlyPayment(workerWith('1965-01-01', 'MALE', 120), '2023-06-01')).toThrow(UnknownYear);
  });

  it('uses the last published subsistence minimum in a year after the table', () => {
    // 4 × 50 851 (2026) + 0.05 × 600 000 × 120 months / 72 months to the 63rd birthday.
    expect(estimateMonthlyPayment(workerWith('1970-01-01', 'MALE', 120, 600_000), '2027-01-01')).toBe(203_404 + 50_000);
  });
});

describe('employerShare', () => {
  it('is one subsistence minimum of the year', () => {
    expect(employerShare(2024)).toBe(43_407);
    expect(employerShare(2026)).toBe(50_851);
  });

  it('throws UnknownYear outside the table', () => {
    expect(() => employerShare(2023)).toThrow(UnknownYear);
  });
});
