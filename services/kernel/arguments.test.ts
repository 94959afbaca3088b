import { describe, expect, it } from 'vitest';
import { parseBin, parseIin, parseKatoRegion, parseNumberInRange, parsePageSize, parseRadiusKm, parseRegionCode, parseText } from './arguments.js';
import { loadConfig } from './config.js';
import { BadInput, LimitExceeded } from './errors.js';

function errorOf(run: () => unknown): BadInput | LimitExceeded {
  try {
    run();
  } catch (error) {
    if (error instanceof BadInput || error instanceof LimitExceeded) return error;
    throw error;
  }
  throw new Error('expected a BadInput or LimitExceeded');
}

describe('argument checks', () => {
  it('accepts a checksum-valid BIN and IIN and names the argument of a bad one', () => {
    expect(parseBin('940140000385', 'input.bin')).toBe('940140000385');
    expect(parseIin('791028302728', 'iin')).toBe('791028302728');
    expect(errorOf(() => parseBin('940140000386', 'input.bin')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.bin' });
    expect(errorOf(() => parseIin('791028302729', 'input.contracts.0.iin')).extensions.argument).toBe('input.contracts.0.iin');
  });

  it('knows the 20 region codes and the region of a KATO code', () => {
    expect(parseRegionCode('KZ-55', 'code')).toBe('KZ-55');
    expect(errorOf(() => parseRegionCode('KZ-99', 'code')).extensions.argument).toBe('code');
    expect(errorOf(() => parseRegionCode('55', 'area.regionCode')).extensions.argument).toBe('area.regionCode');
    expect(parseKatoRegion('551010000', 'input.katoCode')).toBe('KZ-55');
    expect(errorOf(() => parseKatoRegion('991010000', 'input.katoCode')).extensions.argument).toBe('input.katoCode');
  });

  it('bounds page sizes by MAX_PAGE_SIZE with LIMIT_EXCEEDED and refuses negative or fractional ones', () => {
    const max = loadConfig().MAX_PAGE_SIZE;
    expect(parsePageSize(max)).toBe(max);
    expect(parsePageSize(0)).toBe(0);
    expect(errorOf(() => parsePageSize(max + 1)).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', argument: 'first', limit: max });
    expect(errorOf(() => parsePageSize(-1)).extensions.code).toBe('BAD_USER_INPUT');
    expect(errorOf(() => parsePageSize(1.5)).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('takes a radius above 0 and up to MAX_RADIUS_KM', () => {
    const max = loadConfig().MAX_RADIUS_KM;
    expect(parseRadiusKm(max, 'radiusKm')).toBe(max);
    for (const radiusKm of [0, -1, max + 0.001, Number.NaN]) expect(errorOf(() => parseRadiusKm(radiusKm, 'radiusKm')).extensions.argument).toBe('radiusKm');
  });

  it('checks numbers against inclusive ranges, whole when asked', () => {
    expect(parseNumberInRange(2020, 'year', { min: 2020, max: 2100, whole: true })).toBe(2020);
    expect(parseNumberInRange(0.5, 'simplifyMeters', { min: 0, max: 10 })).toBe(0.5);
    expect(errorOf(() => parseNumberInRange(2.5, 'families', { min: 0, whole: true })).message).toBe('families: must be a whole number, 0 or more');
    expect(errorOf(() => parseNumberInRange(2101, 'year', { min: 2020, max: 2100, what: 'a year' })).message).toBe('year: must be a year from 2020 to 2100');
  });

  it('trims text, turns blank optional text into null and refuses blank required or overlong text', () => {
    expect(parseText('  furnace  ', 'input.name', { maxLength: 10, required: true })).toBe('furnace');
    expect(parseText('   ', 'reason', { maxLength: 10 })).toBeNull();
    expect(parseText(null, 'reason', { maxLength: 10 })).toBeNull();
    expect(errorOf(() => parseText(' ', 'input.name', { maxLength: 10, required: true })).extensions.argument).toBe('input.name');
    expect(errorOf(() => parseText('x'.repeat(11), 'reason', { maxLength: 10 })).message).toBe('reason: must have at most 10 characters');
  });
});
