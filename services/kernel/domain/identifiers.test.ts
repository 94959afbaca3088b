import { describe, it, expect } from 'vitest';
import {
  InvalidIdentifier,
  ageOn,
  checkDigit12,
  isValidBin,
  isValidIin,
  makeBin,
  makeIin,
  maskIin,
  binFacts,
  iinFacts,
  type EntityType,
  type UnitKind,
} from './identifiers.js';

/** Appends the lowest serial (and its check digit) that makes `prefix` a checksum-correct 12-digit number. */
function checksummed(prefix: string): string {
  for (let serial = 0; serial < 10 ** (11 - prefix.length); serial++) {
    const body = prefix + String(serial).padStart(11 - prefix.length, '0');
    const check = checkDigit12(body);
    if (check !== null) return `${body}${check}`;
  }
  throw new Error(`no serial completes ${prefix}`);
}

function invalidIdentifierFrom(action: () => unknown): InvalidIdentifier {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidIdentifier) return error;
    throw error;
  }
  throw new Error('expected an InvalidIdentifier to be thrown');
}

const PUBLISHED_BINS = ['940140000385', '990140004654'];
const PUBLISHED_IINS = ['791028302728', '061211600012'];

describe('checkDigit12', () => {
  it.each([...PUBLISHED_BINS, ...PUBLISHED_IINS])('gives the published check digit of %s', (number) => {
    expect(checkDigit12(number.slice(0, 11))).toBe(Number(number.slice(11)));
  });

  it('uses the second weights 3..11,1,2 when the first pass gives 10', () => {
    // 0·1+6·2+1·3+2·4+1·5+1·6+6·7+0·8+0·9+0·10+1·11 = 87 ≡ 10 (mod 11)
    // 0·3+6·4+1·5+2·6+1·7+1·8+6·9+0·10+0·11+0·1+1·2 = 112 ≡ 2 (mod 11)
    expect(checkDigit12('06121160001')).toBe(2);
  });

  it('returns null when both weight passes give 10', () => {
    // first pass 252 ≡ 10, second pass 186 ≡ 10 (mod 11)
    expect(checkDigit12('79102830095')).toBeNull();
  });

  it.each(['0612116000', '061211600012', '0612116000a', ' 6121160001'])('rejects %j, which is not 11 digits', (digits) => {
    expect(() => checkDigit12(digits)).toThrow(RangeError);
  });
});

describe('isValidIin and isValidBin', () => {
  it.each(PUBLISHED_IINS)('accept the published IIN %s', (iin) => {
    expect(isValidIin(iin)).toBe(true);
  });

  it.each(PUBLISHED_BINS)('accept the published BIN %s', (bin) => {
    expect(isValidBin(bin)).toBe(true);
  });

  it('reject a published number with any other last digit', () => {
    for (const number of [...PUBLISHED_IINS, ...PUBLISHED_BINS]) {
      const body = number.slice(0, 11);
      const wrongDigits = [...'0123456789'].filter((d) => d !== number.charAt(11));
      const validate = PUBLISHED_IINS.includes(number) ? isValidIin : isValidBin;
      expect(wrongDigits.map((d) => validate(body + d))).toEqual(Array(9).fill(false));
    }
  });

  it('reject an IIN whose both weight passes give 10, whatever its last digit', () => {
    expect([...'0123456789'].filter((d) => isValidIin(`79102830095${d}`))).toEqual([]);
  });

  it('reject a BIN whose both weight passes give 10, whatever its last digit', () => {
    expect([...'0123456789'].filter((d) => isValidBin(`94014000096${d}`))).toEqual([]);
  });

  it.each(['', '79102830272', '7910283027281', '79102830272 ', '7910-8302728', '７９１０２８３０２７２８'])(
    'reject %j, which is not 12 ASCII digits',
    (s) => {
      expect(isValidIin(s)).toBe(false);
      expect(isValidBin(s)).toBe(false);
    },
  );

  it('reject an IIN with a correct check digit but an impossible birth date', () => {
    const iin = checksummed('3102303');
    expect(checkDigit12(iin.slice(0, 11))).toBe(Number(iin.charAt(11)));
    expect(isValidIin(iin)).toBe(false);
  });

  it('do not take a BIN for an IIN or an IIN for a BIN', () => {
    expect(isValidIin('940140000385')).toBe(false); // day 40
    expect(isValidBin('791028302728')).toBe(false); // type digit 3
  });
});

describe('iinFacts', () => {
  it('reads birth date and sex of the published IINs', () => {
    expect(iinFacts('791028302728')).toEqual({ birthDate: '1979-10-28', sex: 'MALE' });
    expect(iinFacts('061211600012')).toEqual({ birthDate: '2006-12-11', sex: 'FEMALE' });
  });

  it.each([
    ['1', '1899-12-31', 'MALE'],
    ['2', '1899-12-31', 'FEMALE'],
    ['3', '1999-12-31', 'MALE'],
    ['4', '1999-12-31', 'FEMALE'],
    ['5', '2099-12-31', 'MALE'],
    ['6', '2099-12-31', 'FEMALE'],
  ])('reads century digit %s as born %s, %s', (digit, birthDate, sex) => {
    expect(iinFacts(checksummed(`991231${digit}`))).toEqual({ birthDate, sex });
  });

  it('accepts 29 February of a leap year (2000)', () => {
    expect(iinFacts(checksummed('0002295')).birthDate).toBe('2000-02-29');
  });

  it('rejects 29 February of 1900, which was not a leap year', () => {
    expect(invalidIdentifierFrom(() => iinFacts(checksummed('0002293'))).reason).toMatch(/calendar date/);
  });

  it.each(['310230', '790230', '791300', '790000', '791032', '790431'])('rejects the impossible birth date %s', (yymmdd) => {
    const error = invalidIdentifierFrom(() => iinFacts(checksummed(`${yymmdd}3`)));
    expect(error.kind).toBe('IIN');
    expect(error.reason).toMatch(/calendar date/);
  });

  it.each(['0', '7', '8', '9'])('rejects the century digit %s', (digit) => {
    expect(invalidIdentifierFrom(() => iinFacts(checksummed(`791028${digit}`))).reason).toMatch(/digit 7/);
  });

  it('rejects a wrong check digit', () => {
    const error = invalidIdentifierFrom(() => iinFacts('791028302729'));
    expect(error).toMatchObject({ kind: 'IIN', name: 'InvalidIdentifier' });
    expect(error.reason).toMatch(/check digit/);
  });

  it('rejects a string that is not 12 digits', () => {
    expect(invalidIdentifierFrom(() => iinFacts('79102830272')).reason).toMatch(/12 digits/);
  });

  it('keeps the number out of the error message, as an IIN is personal data', () => {
    expect(invalidIdentifierFrom(() => iinFacts('791028302729')).message).not.toContain('791028302729');
  });
});

describe('ageOn', () => {
  it('counts the birthday on the day itself', () => {
    expect(ageOn('1970-01-01', '2025-01-01')).toBe(55);
    expect(ageOn('1970-01-01', '2024-12-31')).toBe(54);
  });

  it('is 0 on the day of birth', () => {
    expect(ageOn('2025-06-15', '2025-06-15')).toBe(0);
  });

  it('makes a 29 February birthday a year older on 1 March of a non-leap year', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
  });

  it('makes a 29 February birthday a year older on 29 February of a leap year', () => {
    expect(ageOn('2000-02-29', '2004-02-28')).toBe(3);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
  });

  it('rejects a date before the birth date', () => {
    expect(() => ageOn('1970-01-02', '1970-01-01')).toThrow(RangeError);
  });

  it.each(['2025-02-29', '2025-1-01', '01.01.2025', ''])('rejects the malformed date %j', (date) => {
    expect(() => ageOn('1970-01-01', date)).toThrow(RangeError);
  });
});

describe('binFacts', () => {
  it('reads the published BINs', () => {
    expect(binFacts('940140000385', 2026)).toEqual({
      registeredYearMonth: '1994-01',
      entityType: 'RESIDENT_LEGAL_ENTITY',
      unitKind: 'HEAD_OFFICE',
    });
    expect(binFacts('990140004654', 2026).registeredYearMonth).toBe('1999-01');
  });

  it.each([
    ['4', 'RESIDENT_LEGAL_ENTITY'],
    ['5', 'NON_RESIDENT_LEGAL_ENTITY'],
    ['6', 'JOINT_INDIVIDUAL_ENTREPRENEUR'],
  ])('reads type digit %s as %s', (digit, entityType) => {
    expect(binFacts(checksummed(`2401${digit}0`), 2026).entityType).toBe(entityType);
  });

  it.each([
    ['0', 'HEAD_OFFICE'],
    ['1', 'BRANCH'],
    ['2', 'REPRESENTATIVE_OFFICE'],
    ['3', 'PEASANT_FARM'],
  ])('reads unit digit %s as %s', (digit, unitKind) => {
    expect(binFacts(checksummed(`24014${digit}`), 2026).unitKind).toBe(unitKind);
  });

  it('reads a two-digit year up to the reference year as 20YY and any later one as 19YY', () => {
    expect(binFacts(checksummed('000140'), 2026).registeredYearMonth).toBe('2000-01');
    expect(binFacts(checksummed('261240'), 2026).registeredYearMonth).toBe('2026-12');
    expect(binFacts(checksummed('270140'), 2026).registeredYearMonth).toBe('1927-01');
    expect(binFacts(checksummed('270140'), 2030).registeredYearMonth).toBe('2027-01');
  });

  it('takes the current year as the reference year by default', () => {
    const currentYear = new Date().getUTCFullYear();
    const bin = makeBin(`${currentYear}-01`, 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', 1);
    expect(binFacts(bin).registeredYearMonth).toBe(`${currentYear}-01`);
  });

  it.each([
    ['240040', /month/],
    ['241340', /month/],
    ['240130', /digit 5/],
    ['240170', /digit 5/],
    ['240144', /digit 6/],
  ])('rejects the checksum-correct BIN starting %s', (prefix, reason) => {
    const error = invalidIdentifierFrom(() => binFacts(checksummed(prefix), 2026));
    expect(error.kind).toBe('BIN');
    expect(error.reason).toMatch(reason);
  });

  it('rejects a wrong check digit', () => {
    expect(invalidIdentifierFrom(() => binFacts('940140000386', 2026)).reason).toMatch(/check digit/);
  });
});

describe('makeIin', () => {
  it('reproduces the published IINs from their birth date, sex and serial', () => {
    expect(makeIin('1979-10-28', 'MALE', 272)).toBe('791028302728');
    expect(makeIin('2006-12-11', 'FEMALE', 1)).toBe('061211600012');
  });

  it.each([
    ['1850-07-04', 'FEMALE', 0],
    ['1964-02-29', 'MALE', 4321],
    ['1999-12-31', 'FEMALE', 9998],
    ['2000-01-01', 'MALE', 17],
  ] as const)('round-trips %s %s serial %i through iinFacts', (birthDate, sex, serial) => {
    const iin = makeIin(birthDate, sex, serial);
    expect(isValidIin(iin)).toBe(true);
    expect(iinFacts(iin)).toEqual({ birthDate, sex });
  });

  it('moves to the next serial when the asked one gives no check digit', () => {
    expect(checkDigit12('79102830095')).toBeNull();
    expect(makeIin('1979-10-28', 'MALE', 95)).toBe('791028300961');
  });

  it('fails when no serial up to 9999 gives a check digit', () => {
    expect(checkDigit12('90032239999')).toBeNull();
    expect(() => makeIin('1990-03-22', 'MALE', 9999)).toThrow(/no serial from 9999 to 9999/);
  });

  it.each([-1, 10_000, 1.5])('rejects the serial %d', (serial) => {
    expect(() => makeIin('1990-03-22', 'MALE', serial)).toThrow(RangeError);
  });

  it.each(['1799-12-31', '2100-01-01', '1990-02-30'])('rejects the birth date %s', (birthDate) => {
    expect(() => makeIin(birthDate, 'FEMALE', 1)).toThrow(RangeError);
  });
});

describe('makeBin', () => {
  it('reproduces the published BINs from their month, type, unit and serial', () => {
    expect(makeBin('1994-01', 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', 38)).toBe('940140000385');
    expect(makeBin('1999-01', 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', 465)).toBe('990140004654');
  });

  const entityTypes: EntityType[] = ['RESIDENT_LEGAL_ENTITY', 'NON_RESIDENT_LEGAL_ENTITY', 'JOINT_INDIVIDUAL_ENTREPRENEUR'];
  const unitKinds: UnitKind[] = ['HEAD_OFFICE', 'BRANCH', 'REPRESENTATIVE_OFFICE', 'PEASANT_FARM'];

  it('round-trips every entity type and unit kind through binFacts', () => {
    for (const entityType of entityTypes) {
      for (const unitKind of unitKinds) {
        const bin = makeBin('2011-09', entityType, unitKind, 12_345);
        expect(isValidBin(bin)).toBe(true);
        expect(binFacts(bin, 2026)).toEqual({ registeredYearMonth: '2011-09', entityType, unitKind });
      }
    }
  });

  it('moves to the next serial when the asked one gives no check digit', () => {
    expect(checkDigit12('94014000096')).toBeNull();
    expect(makeBin('1994-01', 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', 96)).toBe('940140000971');
  });

  it('fails when no serial up to 99 999 gives a check digit', () => {
    expect(checkDigit12('24086199999')).toBeNull();
    expect(() => makeBin('2024-08', 'JOINT_INDIVIDUAL_ENTREPRENEUR', 'BRANCH', 99_999)).toThrow(/no serial from 99999 to 99999/);
  });

  it.each(['1994-13', '1994-00', '94-01', '1994-1'])('rejects the year and month %j', (yearMonth) => {
    expect(() => makeBin(yearMonth, 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', 1)).toThrow(RangeError);
  });

  it.each([-1, 100_000, 2.5])('rejects the serial %d', (serial) => {
    expect(() => makeBin('2024-01', 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', serial)).toThrow(RangeError);
  });
});

describe('maskIin', () => {
  it('keeps the birth date and hides the century digit, serial and check digit', () => {
    expect(maskIin('791028302728')).toBe('791028******');
  });
});
