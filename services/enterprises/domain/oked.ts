/**
 * The OKED divisions (NACE rev. 2 based, docs/domain.md §3) an enterprise may be registered under:
 * the two-digit level, which is all the map groups by. A subset of the classifier's 88
 * divisions — every division the demo data uses and the common ones around them; extend it as
 * the classifier is loaded in full. A code of 3 to 5 digits refines a listed division.
 */
const OKED_DIVISIONS: ReadonlyMap<string, string> = new Map([
  ['01', 'Crop and animal production, hunting'],
  ['02', 'Forestry and logging'],
  ['03', 'Fishing and aquaculture'],
  ['05', 'Mining of coal and lignite'],
  ['06', 'Extraction of crude petroleum and natural gas'],
  ['07', 'Mining of metal ores'],
  ['08', 'Other mining and quarrying'],
  ['09', 'Mining support service activities'],
  ['10', 'Manufacture of food products'],
  ['19', 'Manufacture of coke and refined petroleum products'],
  ['20', 'Manufacture of chemicals and chemical products'],
  ['23', 'Manufacture of other non-metallic mineral products'],
  ['24', 'Manufacture of basic metals'],
  ['25', 'Manufacture of fabricated metal products'],
  ['35', 'Electricity, gas, steam and air conditioning supply'],
  ['41', 'Construction of buildings'],
  ['42', 'Civil engineering'],
  ['43', 'Specialised construction activities'],
  ['46', 'Wholesale trade'],
  ['47', 'Retail trade'],
  ['49', 'Land transport and transport via pipelines'],
  ['62', 'Computer programming, consultancy and related activities'],
  ['64', 'Financial service activities'],
  ['84', 'Public administration and defence; compulsory social security'],
  ['85', 'Education'],
  ['86', 'Human health activities'],
]);

/** The reason an OKED code is refused, or null when it is a code of a known division. */
export function okedCodeProblem(code: string): string | null {
  if (!/^\d{2,5}$/.test(code)) return 'must be 2 to 5 digits of an OKED code';
  if (!OKED_DIVISIONS.has(code.slice(0, 2))) return `division ${code.slice(0, 2)} is not an OKED division this map knows`;
  return null;
}
