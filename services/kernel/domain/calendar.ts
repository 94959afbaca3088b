/** Dates of the domain are Kazakhstan's calendar days (UTC+5), not the server's. */
// Built once: constructing an Intl formatter costs more than many formats with it.
const KAZAKHSTAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInKazakhstan(now: Date = new Date()): string {
  return KAZAKHSTAN_DAY.format(now);
}

export interface IsoDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Reads a YYYY-MM-DD date that exists in the calendar; throws RangeError otherwise. */
export function parseIsoDate(s: string): IsoDateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const parts = { year: Number(match?.[1]), month: Number(match?.[2]), day: Number(match?.[3]) };
  if (!match || !isCalendarDate(parts.year, parts.month, parts.day)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${s}`);
  return parts;
}

export function formatIsoDate({ year, month, day }: IsoDateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const days = DAYS_IN_MONTH[month - 1];
  if (days === undefined) throw new RangeError(`not a month: ${month}`);
  return days;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(month) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
