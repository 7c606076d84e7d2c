/**
 * Working days in England and Wales: Monday to Friday, less bank holidays. Used for "waiting for a
 * response longer than N working days" on the referral worklists.
 *
 * Source: GOV.UK "UK bank holidays", England and Wales (https://www.gov.uk/bank-holidays, the same
 * list as JSON at https://www.gov.uk/bank-holidays.json). Hard-coded for 2025 to 2028; dates GOV.UK
 * had not yet published when this was written (the later years) follow the standing rules (Easter,
 * first and last Mondays of May, last Monday of August, substitute days when Christmas, Boxing Day or
 * New Year's Day fall at a weekend) and must be checked against GOV.UK when it publishes them.
 *
 * THE LIST NEEDS EXTENDING before the end of 2028, and whenever a one-off bank holiday is announced.
 * After the last year listed, only weekends are excluded (`bankHolidaysKnownUntil` says how far the
 * list goes; a unit test starts failing from 1 July of the list's final year, as a reminder).
 */

export const englandAndWalesBankHolidays: readonly string[] = [
  // 2025
  "2025-01-01", // New Year's Day
  "2025-04-18", // Good Friday
  "2025-04-21", // Easter Monday
  "2025-05-05", // Early May bank holiday
  "2025-05-26", // Spring bank holiday
  "2025-08-25", // Summer bank holiday
  "2025-12-25", // Christmas Day
  "2025-12-26", // Boxing Day
  // 2026
  "2026-01-01", // New Year's Day
  "2026-04-03", // Good Friday
  "2026-04-06", // Easter Monday
  "2026-05-04", // Early May bank holiday
  "2026-05-25", // Spring bank holiday
  "2026-08-31", // Summer bank holiday
  "2026-12-25", // Christmas Day
  "2026-12-28", // Boxing Day (substitute day: 26 December is a Saturday)
  // 2027
  "2027-01-01", // New Year's Day
  "2027-03-26", // Good Friday
  "2027-03-29", // Easter Monday
  "2027-05-03", // Early May bank holiday
  "2027-05-31", // Spring bank holiday
  "2027-08-30", // Summer bank holiday
  "2027-12-27", // Christmas Day (substitute day: 25 December is a Saturday)
  "2027-12-28", // Boxing Day (substitute day: 26 December is a Sunday)
  // 2028
  "2028-01-03", // New Year's Day (substitute day: 1 January is a Saturday)
  "2028-04-14", // Good Friday
  "2028-04-17", // Easter Monday
  "2028-05-01", // Early May bank holiday
  "2028-05-29", // Spring bank holiday
  "2028-08-28", // Summer bank holiday
  "2028-12-25", // Christmas Day
  "2028-12-26", // Boxing Day
];

export const bankHolidaysKnownUntil = "2028-12-31";

const holidays = new Set(englandAndWalesBankHolidays);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toUtcDate(iso: string): Date {
  if (!ISO_DATE.test(iso)) throw new RangeError(`Not an ISO date: ${iso}`);
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isWorkingDay(iso: string): boolean {
  const weekday = toUtcDate(iso).getUTCDay(); // 0 Sunday, 6 Saturday
  return weekday !== 0 && weekday !== 6 && !holidays.has(iso);
}

/**
 * Working days after `fromIso` up to and including `toIso` (both London calendar dates): sent on a
 * Friday, it is 1 working day on the Monday. 0 when `toIso` is on or before `fromIso`.
 */
export function workingDaysBetween(fromIso: string, toIso: string): number {
  const from = toUtcDate(fromIso);
  const to = toUtcDate(toIso);
  let count = 0;
  for (let d = new Date(from.getTime() + 86_400_000); d.getTime() <= to.getTime(); d = new Date(d.getTime() + 86_400_000)) {
    if (isWorkingDay(isoOf(d))) count++;
  }
  return count;
}

/**
 * The earliest date D such that anything sent on D or later has waited `days` working days or
 * fewer by `todayIso`. So "waiting more than `days` working days" is "sent before D", a plain
 * comparison a database index can answer. D is the (days + 1)th working day counting back from
 * today (today included when it is a working day).
 */
export function waitingCutoff(todayIso: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number, 0 or more: ${days}`);
  let found = 0;
  let d = toUtcDate(todayIso);
  for (;;) {
    if (isWorkingDay(isoOf(d))) {
      found++;
      if (found === days + 1) return isoOf(d);
    }
    d = new Date(d.getTime() - 86_400_000);
  }
}
