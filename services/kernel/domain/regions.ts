/**
 * Reference facts of the 20 first-level units of Kazakhstan (docs/domain.md §2), shared by every
 * subgraph the way KATO prefixes are; the regions subgraph is the one that serves them. Codes, names, kinds, admin centres and
 * centres are confirmed; populations on 1 January 2026 are confirmed where `populationEstimated`
 * is false and otherwise scaled so that the national total (20 495 975) holds; median wages are
 * synthetic, around the national median, higher in the oil regions and the two big cities.
 */
export type RegionKind = 'OBLAST' | 'CITY';

export interface RegionFacts {
  code: string;
  katoCode: string;
  nameEn: string;
  nameRu: string;
  nameKk: string;
  kind: RegionKind;
  adminCenter: string;
  center: { lat: number; lon: number };
  population: number;
  populationEstimated: boolean;
  medianMonthlyWageTenge: number;
}

const row = (
  code: string,
  nameEn: string,
  nameRu: string,
  nameKk: string,
  kind: RegionKind,
  adminCenter: string,
  lat: number,
  lon: number,
  population: number,
  populationEstimated: boolean,
  medianMonthlyWageTenge: number,
): RegionFacts => ({
  code,
  katoCode: code.slice(3),
  nameEn,
  nameRu,
  nameKk,
  kind,
  adminCenter,
  center: { lat, lon },
  population,
  populationEstimated,
  medianMonthlyWageTenge,
});

export const REGIONS: readonly RegionFacts[] = [
  row('KZ-10', 'Abai Region', 'область Абай', 'Абай облысы', 'OBLAST', 'Semey', 50.41, 80.23, 596_000, false, 272_000),
  row('KZ-11', 'Akmola Region', 'Акмолинская область', 'Ақмола облысы', 'OBLAST', 'Kokshetau', 53.28, 69.39, 785_523, true, 276_000),
  row('KZ-15', 'Aktobe Region', 'Актюбинская область', 'Ақтөбе облысы', 'OBLAST', 'Aktobe', 50.28, 57.17, 956_730, true, 301_000),
  row('KZ-19', 'Almaty Region', 'Алматинская область', 'Алматы облысы', 'OBLAST', 'Konaev', 43.87, 77.07, 1_596_331, false, 262_000),
  row('KZ-23', 'Atyrau Region', 'Атырауская область', 'Атырау облысы', 'OBLAST', 'Atyrau', 47.11, 51.92, 704_959, true, 521_000),
  row('KZ-27', 'West Kazakhstan Region', 'Западно-Казахстанская область', 'Батыс Қазақстан облысы', 'OBLAST', 'Oral', 51.23, 51.37, 694_888, true, 299_000),
  row('KZ-31', 'Jambyl Region', 'Жамбылская область', 'Жамбыл облысы', 'OBLAST', 'Taraz', 42.9, 71.37, 1_215_373, false, 236_000),
  row('KZ-33', 'Jetisu Region', 'область Жетісу', 'Жетісу облысы', 'OBLAST', 'Taldykorgan', 45.02, 78.37, 704_959, true, 241_000),
  row('KZ-35', 'Karaganda Region', 'Карагандинская область', 'Қарағанды облысы', 'OBLAST', 'Karaganda', 49.8, 73.1, 1_131_287, false, 331_000),
  row('KZ-39', 'Kostanay Region', 'Костанайская область', 'Қостанай облысы', 'OBLAST', 'Kostanay', 53.21, 63.63, 825_809, true, 272_000),
  row('KZ-43', 'Kyzylorda Region', 'Кызылординская область', 'Қызылорда облысы', 'OBLAST', 'Kyzylorda', 44.85, 65.51, 856_021, true, 268_000),
  row('KZ-47', 'Mangystau Region', 'Мангистауская область', 'Маңғыстау облысы', 'OBLAST', 'Aktau', 43.65, 51.16, 805_667, true, 472_000),
  row('KZ-55', 'Pavlodar Region', 'Павлодарская область', 'Павлодар облысы', 'OBLAST', 'Pavlodar', 52.29, 76.97, 755_313, true, 322_000),
  row('KZ-59', 'North Kazakhstan Region', 'Северо-Казахстанская область', 'Солтүстік Қазақстан облысы', 'OBLAST', 'Petropavl', 54.87, 69.15, 514_700, false, 256_000),
  row('KZ-61', 'Turkistan Region', 'Туркестанская область', 'Түркістан облысы', 'OBLAST', 'Turkistan', 43.3, 68.25, 2_148_658, false, 221_000),
  row('KZ-62', 'Ulytau Region', 'область Ұлытау', 'Ұлытау облысы', 'OBLAST', 'Zhezkazgan', 47.8, 67.71, 218_993, false, 383_000),
  row('KZ-63', 'East Kazakhstan Region', 'Восточно-Казахстанская область', 'Шығыс Қазақстан облысы', 'OBLAST', 'Oskemen', 49.95, 82.61, 704_959, true, 311_000),
  row('KZ-71', 'Astana', 'Астана', 'Астана', 'CITY', 'Astana', 51.17, 71.45, 1_638_233, false, 432_000),
  row('KZ-75', 'Almaty', 'Алматы', 'Алматы', 'CITY', 'Almaty', 43.24, 76.89, 2_347_924, false, 405_000),
  row('KZ-79', 'Shymkent', 'Шымкент', 'Шымкент', 'CITY', 'Shymkent', 42.32, 69.6, 1_293_648, false, 252_000),
];
