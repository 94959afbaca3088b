/**
 * The occupation classifier's unit groups (НКЗ, the national classifier of occupations, built on
 * ISCO-08; docs/domain.md §3): four digits, the level contracts, workplaces and vacancies are declared
 * at. A subset of ISCO-08's 436 unit groups — every group the demo data uses and the common
 * industrial, transport and public-service ones around them; extend it as the classifier is loaded
 * in full. Both the enterprises and the vacancies subgraph validate against this one list.
 */
export const OCCUPATION_UNIT_GROUPS: ReadonlyMap<string, string> = new Map([
  ['1120', 'Managing directors and chief executives'],
  ['1321', 'Manufacturing managers'],
  ['1322', 'Mining managers'],
  ['2142', 'Civil engineers'],
  ['2144', 'Mechanical engineers'],
  ['2145', 'Chemical engineers'],
  ['2146', 'Mining engineers, metallurgists and related professionals'],
  ['2151', 'Electrical engineers'],
  ['2211', 'Generalist medical practitioners'],
  ['2221', 'Nursing professionals'],
  ['2263', 'Environmental and occupational health and hygiene professionals'],
  ['2310', 'University and higher education teachers'],
  ['2320', 'Vocational education teachers'],
  ['2330', 'Secondary education teachers'],
  ['2341', 'Primary school teachers'],
  ['2342', 'Early childhood educators'],
  ['2411', 'Accountants'],
  ['2421', 'Management and organization analysts'],
  ['2423', 'Personnel and careers professionals'],
  ['2511', 'Systems analysts'],
  ['2512', 'Software developers'],
  ['3112', 'Civil engineering technicians'],
  ['3113', 'Electrical engineering technicians'],
  ['3115', 'Mechanical engineering technicians'],
  ['3117', 'Mining and metallurgical technicians'],
  ['3121', 'Mining supervisors'],
  ['3122', 'Manufacturing supervisors'],
  ['3131', 'Power production plant operators'],
  ['3134', 'Petroleum and natural gas refining plant operators'],
  ['3221', 'Nursing associate professionals'],
  ['3257', 'Environmental and occupational health inspectors and associates'],
  ['4110', 'General office clerks'],
  ['4311', 'Accounting and bookkeeping clerks'],
  ['4321', 'Stock clerks'],
  ['5120', 'Cooks'],
  ['5223', 'Shop sales assistants'],
  ['5414', 'Security guards'],
  ['6111', 'Field crop and vegetable growers'],
  ['6121', 'Livestock and dairy producers'],
  ['7112', 'Bricklayers and related workers'],
  ['7115', 'Carpenters and joiners'],
  ['7126', 'Plumbers and pipe fitters'],
  ['7212', 'Welders and flame cutters'],
  ['7213', 'Sheet-metal workers'],
  ['7214', 'Structural-metal preparers and erectors'],
  ['7223', 'Metal working machine tool setters and operators'],
  ['7231', 'Motor vehicle mechanics and repairers'],
  ['7233', 'Agricultural and industrial machinery mechanics and repairers'],
  ['7411', 'Building and related electricians'],
  ['7412', 'Electrical mechanics and fitters'],
  ['7512', 'Bakers, pastry-cooks and confectionery makers'],
  ['8111', 'Miners and quarriers'],
  ['8112', 'Mineral and stone processing plant operators'],
  ['8113', 'Well drillers and borers and related workers'],
  ['8114', 'Cement, stone and other mineral products machine operators'],
  ['8121', 'Metal processing plant operators'],
  ['8122', 'Metal finishing, plating and coating machine operators'],
  ['8131', 'Chemical products plant and machine operators'],
  ['8160', 'Food and related products machine operators'],
  ['8182', 'Steam engine and boiler operators'],
  ['8189', 'Stationary plant and machine operators not elsewhere classified'],
  ['8311', 'Locomotive engine drivers'],
  ['8322', 'Car, taxi and van drivers'],
  ['8331', 'Bus and tram drivers'],
  ['8332', 'Heavy truck and lorry drivers'],
  ['8341', 'Mobile farm and forestry plant operators'],
  ['8342', 'Earthmoving and related plant operators'],
  ['8343', 'Crane, hoist and related plant operators'],
  ['8344', 'Lifting truck operators'],
  ['9311', 'Mining and quarrying labourers'],
  ['9312', 'Civil engineering labourers'],
  ['9313', 'Building construction labourers'],
  ['9329', 'Manufacturing labourers not elsewhere classified'],
  ['9333', 'Freight handlers'],
]);

/** The reason an occupation code is refused, or null when it names a known unit group. */
export function occupationCodeProblem(code: string): string | null {
  if (!/^\d{4}$/.test(code)) return `"${code}" is not a 4-digit occupation code (ISCO-08 unit group)`;
  if (!OCCUPATION_UNIT_GROUPS.has(code)) return `${code} is not an occupation unit group this map knows`;
  return null;
}

/** The unit group's name; null for a code stored before the classifier knew it. */
export function occupationName(code: string): string | null {
  return OCCUPATION_UNIT_GROUPS.get(code) ?? null;
}
