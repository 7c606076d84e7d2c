/**
 * Dates and times in the service are Europe/London. Instants are stored as UTC (timestamptz);
 * calendar dates (date of birth) are stored as plain ISO dates with no time zone.
 */
export const TIME_ZONE = "Europe/London";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function londonParts(instant: Date): Parts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Offset of London from UTC at an instant, in minutes (0 in winter, 60 in summer time). */
export function londonOffsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The London calendar date and wall-clock time of an instant. */
export function toLondon(instant: Date): { date: string; time: string } {
  const p = londonParts(instant);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * The London calendar date of an instant given in milliseconds since 1970, for code that asks for
 * hundreds of thousands of them (the dashboards). London's offset from UTC is whole hours and
 * changes only on the hour, so every instant in one UTC hour falls on the same London date: it is
 * worked out once per hour (Intl formatting is slow) and remembered.
 */
const londonDateByHour = new Map<number, string>();
export function londonDateOfInstant(epochMs: number): string {
  const hour = Math.floor(epochMs / 3_600_000);
  let date = londonDateByHour.get(hour);
  if (date === undefined) {
    date = toLondon(new Date(hour * 3_600_000)).date;
    if (londonDateByHour.size > 200_000) londonDateByHour.clear();
    londonDateByHour.set(hour, date);
  }
  return date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The UTC instant of a London wall-clock time. Returns null for a time that does not exist (the
 * hour skipped when the clocks go forward). An ambiguous time (the hour repeated when the clocks
 * go back) resolves to the first occurrence, British Summer Time.
 */
export function londonToUtc(date: string, time: string): Date | null {
  const d = ISO_DATE.exec(date);
  const t = HH_MM.exec(time);
  if (!d || !t || !isRealDate(date)) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // Try summer time first so an ambiguous time resolves to its first occurrence.
  for (const offset of [60, 0]) {
    const candidate = new Date(wall - offset * 60000);
    const back = toLondon(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return null;
}

/**
 * YYYY-MM-DD, and a day that the month has. Read character by character, with no regular
 * expression or array: screening eligibility checks its dates on every call, and a dashboard makes
 * that call for every person on every programme.
 */
export function isRealDate(iso: string): boolean {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return false;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = iso.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return false;
    if (i < 4) year = year * 10 + digit;
    else if (i < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Year, month (1 to 12) and day of an ISO date, read by position: no arrays split off or Date
 * objects made (the dashboards ask this of every person several times).
 */
export function dateParts(iso: string): [year: number, month: number, day: number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

/** Days in a month of the (proleptic) Gregorian calendar; month 1 to 12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Builds an ISO date from three separate fields (day, month, year); null when it is not a real date. */
export function dateFromParts(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
  return isRealDate(iso) ? iso : null;
}

export function todayInLondon(now: Date = new Date()): string {
  return toLondon(now).date;
}

/** Whole years between a date of birth and a date, both ISO; a 29 February birthday turns over on 1 March in non-leap years. */
export function ageOn(dateOfBirth: string, on: string): number {
  // Years apart, less one before the birthday: "MM-DD" strings compare as the dates do (the
  // dashboards ask this of every person on every programme, so no arrays are made).
  const age = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5, 10) < dateOfBirth.slice(5, 10) ? age - 1 : age;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/** Monday of the London week containing an ISO date. */
export function startOfWeek(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(iso, weekday === 0 ? -6 : 1 - weekday);
}

/** UTC instants bounding London calendar days [from, toExclusive). */
export function londonDayBounds(fromIso: string, toIsoExclusive: string): { start: Date; end: Date } {
  const start = londonToUtc(fromIso, "00:00");
  const end = londonToUtc(toIsoExclusive, "00:00");
  if (!start || !end) throw new Error(`Invalid day bounds ${fromIso} ${toIsoExclusive}`);
  return { start, end };
}

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const longDateTime = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});
const timeOnly = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE });

/** `1990-03-07` -> `7 March 1990` */
export function formatDate(iso: string): string {
  if (!isRealDate(iso)) return iso;
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant shown as London time, e.g. `Mon 2 Mar 2026, 14:30`. */
export function formatDateTime(instant: Date): string {
  return longDateTime.format(instant);
}

export function formatTime(instant: Date): string {
  return timeOnly.format(instant);
}
