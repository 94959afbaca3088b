/** Dates of the domain are Kazakhstan's calendar days (UTC+5), not the server's. */
export function todayInKazakhstan(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
