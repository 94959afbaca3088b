import { describe, it, expect } from 'vitest';
import { InvalidKato, REGION_CODES, isRegionCode, regionCodeOfKato } from './kato.js';

describe('REGION_CODES', () => {
  it('lists the 20 regions of docs/domain.md §2 in its order', () => {
    expect(REGION_CODES.map(({ kato }) => kato)).toEqual([
      '10', '11', '15', '19', '23', '27', '31', '33', '35', '39',
      '43', '47', '55', '59', '61', '62', '63', '71', '75', '79',
    ]);
  });

  it('gives every region an ISO code equal to KZ- and its KATO prefix', () => {
    expect(REGION_CODES.filter(({ iso, kato }) => iso !== `KZ-${kato}`)).toEqual([]);
  });
});

describe('regionCodeOfKato', () => {
  it.each([
    ['351010000', 'KZ-35'],
    ['710000000', 'KZ-71'],
    ['101010000', 'KZ-10'],
    ['791010000', 'KZ-79'],
    ['625630000', 'KZ-62'],
  ])('puts %s in %s', (kato, iso) => {
    expect(regionCodeOfKato(kato)).toBe(iso);
  });

  it.each(['', '35101000', '3510100000', '35101000a', ' 35101000', '35-101000'])('rejects %j, which is not 9 digits', (kato) => {
    expect(() => regionCodeOfKato(kato)).toThrow(InvalidKato);
    expect(() => regionCodeOfKato(kato)).toThrow(/9 digits/);
  });

  it.each(['001010000', '121010000', '451010000', '641010000', '991010000'])(
    'rejects %s, whose first two digits name no region',
    (kato) => {
      expect(() => regionCodeOfKato(kato)).toThrow(/region prefix/);
    },
  );

  it('tells which code was wrong and why', () => {
    try {
      regionCodeOfKato('121010000');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidKato);
      expect(error).toMatchObject({ name: 'InvalidKato', kato: '121010000', reason: 'region prefix 12 is not one of the 20 regions' });
    }
  });
});

describe('isRegionCode', () => {
  it('accepts each of the 20 ISO codes', () => {
    expect(REGION_CODES.every(({ iso }) => isRegionCode(iso))).toBe(true);
  });

  it.each(['KZ-12', 'KZ-35 ', 'kz-35', '35', 'KZ-AST', ''])('rejects %j', (code) => {
    expect(isRegionCode(code)).toBe(false);
  });
});
