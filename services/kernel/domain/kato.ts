/**
 * Region codes — docs/domain.md §2: the ISO 3166-2:KZ numeric part equals the KATO region prefix,
 * and the first two of a KATO code's nine digits name the region, so any address row knows its
 * region without asking the regions subgraph.
 */

export const REGION_CODES = [
  { iso: 'KZ-10', kato: '10' },
  { iso: 'KZ-11', kato: '11' },
  { iso: 'KZ-15', kato: '15' },
  { iso: 'KZ-19', kato: '19' },
  { iso: 'KZ-23', kato: '23' },
  { iso: 'KZ-27', kato: '27' },
  { iso: 'KZ-31', kato: '31' },
  { iso: 'KZ-33', kato: '33' },
  { iso: 'KZ-35', kato: '35' },
  { iso: 'KZ-39', kato: '39' },
  { iso: 'KZ-43', kato: '43' },
  { iso: 'KZ-47', kato: '47' },
  { iso: 'KZ-55', kato: '55' },
  { iso: 'KZ-59', kato: '59' },
  { iso: 'KZ-61', kato: '61' },
  { iso: 'KZ-62', kato: '62' },
  { iso: 'KZ-63', kato: '63' },
  { iso: 'KZ-71', kato: '71' },
  { iso: 'KZ-75', kato: '75' },
  { iso: 'KZ-79', kato: '79' },
] as const;

export type RegionCode = (typeof REGION_CODES)[number]['iso'];

export class InvalidKato extends Error {
  override readonly name = 'InvalidKato';

  constructor(
    readonly kato: string,
    readonly reason: string,
  ) {
    super(`invalid KATO code ${kato}: ${reason}`);
  }
}

const REGION_CODE_BY_KATO_PREFIX: ReadonlyMap<string, RegionCode> = new Map(REGION_CODES.map(({ iso, kato }) => [kato, iso]));
const ISO_CODES: ReadonlySet<string> = new Set(REGION_CODES.map(({ iso }) => iso));

/** The ISO code (e.g. 'KZ-35') of the region a 9-digit KATO code belongs to; throws `InvalidKato` otherwise. */
export function regionCodeOfKato(kato: string): RegionCode {
  if (!/^\d{9}$/.test(kato)) throw new InvalidKato(kato, 'must be exactly 9 digits');
  const region = REGION_CODE_BY_KATO_PREFIX.get(kato.slice(0, 2));
  if (region === undefined) throw new InvalidKato(kato, `region prefix ${kato.slice(0, 2)} is not one of the 20 regions`);
  return region;
}

/** True for one of the 20 ISO 3166-2:KZ region codes ('KZ-10' … 'KZ-79'); a bare KATO prefix is not one. */
export function isRegionCode(code: string): code is RegionCode {
  return ISO_CODES.has(code);
}
