/**
 * The period a dashboard covers: London calendar dates, both ends inclusive. Presets are worked out
 * from today's London date; a custom period is typed as two dates and checked here, so the page and
 * the server use one rule.
 */
import { addDays, dateFromParts, formatDate, isRealDate } from "../dates";
import { dashboardMessages as m } from "./messages";

export const periodPresets = ["since_start", "last_month", "last_quarter", "custom"] as const;
export type PeriodPreset = (typeof periodPresets)[number];
export const periodPresetLabels: Record<PeriodPreset, string> = {
  since_start: "Since the pilot started",
  last_month: "Last month",
  last_quarter: "Last quarter",
  custom: "Choose dates",
};

export type Period = { from: string; to: string };

/** Nothing in the pilot is older than this; it also keeps the monthly trend to a sensible length. */
export const EARLIEST_FROM = "2000-01-01";

function ymd(iso: string): [number, number, number] {
  const [y, mo, d] = iso.split("-").map(Number);
  return [y ?? 0, mo ?? 1, d ?? 1];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function lastDayOfMonth(year: number, month: number): string {
  return iso(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** The whole calendar month before the one `today` falls in. */
export function lastMonth(today: string): Period {
  const [y, mo] = ymd(today);
  const [year, month] = mo === 1 ? [y - 1, 12] : [y, mo - 1];
  return { from: iso(year, month, 1), to: lastDayOfMonth(year, month) };
}

/** The whole calendar quarter (January to March, April to June...) before the one `today` falls in. */
export function lastQuarter(today: string): Period {
  const [y, mo] = ymd(today);
  const quarterStart = Math.floor((mo - 1) / 3) * 3 + 1;
  const [year, startMonth] = quarterStart === 1 ? [y - 1, 10] : [y, quarterStart - 3];
  return { from: iso(year, startMonth, 1), to: lastDayOfMonth(year, startMonth + 2) };
}

/** From the earliest enrolment at the user's sites (today when there is none yet) to today. */
export function sinceStart(today: string, earliestEnrolment: string | null): Period {
  const from = earliestEnrolment && earliestEnrolment <= today ? earliestEnrolment : today;
  return { from: from < EARLIEST_FROM ? EARLIEST_FROM : from, to: today };
}

export type Month = { key: string; label: string; from: string; to: string };

const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const shortMonthLabel = new Intl.DateTimeFormat("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" });

/** `2026-03-14` -> `2026-03`: the month a London date falls in. */
export function monthKey(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** "March 2026" and "Mar 26" for a month key. */
export function monthLabels(key: string): { long: string; short: string } {
  const [y, mo] = ymd(`${key}-01`);
  const d = new Date(Date.UTC(y, mo - 1, 1));
  return { long: monthLabel.format(d), short: shortMonthLabel.format(d) };
}

/** Each calendar month the period touches, clipped to the period (the first and last may be part months). */
export function monthsInPeriod({ from, to }: Period): Month[] {
  const months: Month[] = [];
  let [y, mo] = ymd(from);
  for (;;) {
    const key = iso(y, mo, 1).slice(0, 7);
    if (key > monthKey(to)) break;
    const start = iso(y, mo, 1);
    const end = lastDayOfMonth(y, mo);
    months.push({ key, label: monthLabels(key).long, from: start < from ? from : start, to: end > to ? to : end });
    [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  }
  return months;
}

export type PeriodErrors = Partial<Record<"from" | "to", string>>;
export type PeriodCheck = { ok: true; period: Period } | { ok: false; errors: PeriodErrors };

/** Checks a period given as ISO dates (null: not given, or not a real date when typed as parts). */
export function checkPeriod(input: { from: string | null; to: string | null }, today: string, given: { from: boolean; to: boolean } = { from: true, to: true }): PeriodCheck {
  const errors: PeriodErrors = {};
  const { from, to } = input;
  if (from === null || !isRealDate(from)) errors.from = given.from ? m.fromNotReal : m.fromMissing;
  else if (from < EARLIEST_FROM) errors.from = m.fromTooEarly;
  if (to === null || !isRealDate(to)) errors.to = given.to ? m.toNotReal : m.toMissing;
  else if (to > today) errors.to = m.toInFuture;
  if (!errors.from && !errors.to && from !== null && to !== null && from > to) errors.from = m.fromAfterTo;
  if (errors.from || errors.to || from === null || to === null) return { ok: false, errors };
  return { ok: true, period: { from, to } };
}

export type DateFields = { day: string; month: string; year: string };

export type PeriodQuery = {
  preset: PeriodPreset;
  /** What to put back in the date fields. */
  fields: { from: DateFields; to: DateFields };
} & PeriodCheck;

const blank: DateFields = { day: "", month: "", year: "" };

function fieldsOf(isoDate: string): DateFields {
  const [y, mo, d] = ymd(isoDate);
  return { day: String(d), month: String(mo), year: String(y) };
}

function typedDate(q: Record<string, string | undefined>, name: "from" | "to"): { iso: string | null; given: boolean; fields: DateFields } {
  const day = q[`${name}Day`]?.trim() ?? "";
  const month = q[`${name}Month`]?.trim() ?? "";
  const year = q[`${name}Year`]?.trim() ?? "";
  if (day || month || year) return { iso: dateFromParts(day, month, year), given: true, fields: { day, month, year } };
  // Links (export, presets) carry the period as ISO dates.
  const plain = q[name]?.trim() ?? "";
  if (plain) return { iso: isRealDate(plain) ? plain : null, given: true, fields: isRealDate(plain) ? fieldsOf(plain) : blank };
  return { iso: null, given: false, fields: blank };
}

/**
 * The period from the page's query string: `period` (a preset, default "since the pilot started"),
 * and for a custom period either the three date fields (`fromDay`, `fromMonth`, `fromYear`, and
 * `to...`) or ISO dates (`from`, `to`), as links carry them.
 */
export function periodFromQuery(q: Record<string, string | undefined>, today: string, earliestEnrolment: string | null): PeriodQuery {
  const asked = q.period;
  const hasDates = ["from", "to", "fromDay", "fromMonth", "fromYear", "toDay", "toMonth", "toYear"].some((k) => Boolean(q[k]?.trim()));
  const preset: PeriodPreset = (periodPresets as readonly string[]).includes(asked ?? "") ? (asked as PeriodPreset) : hasDates ? "custom" : "since_start";
  if (preset !== "custom") {
    const period = preset === "last_month" ? lastMonth(today) : preset === "last_quarter" ? lastQuarter(today) : sinceStart(today, earliestEnrolment);
    return { preset, ok: true, period, fields: { from: fieldsOf(period.from), to: fieldsOf(period.to) } };
  }
  const from = typedDate(q, "from");
  const to = typedDate(q, "to");
  return { preset, fields: { from: from.fields, to: to.fields }, ...checkPeriod({ from: from.iso, to: to.iso }, today, { from: from.given, to: to.given }) };
}

/** "1 January 2026 to 31 March 2026" */
export function describePeriod({ from, to }: Period): string {
  return from === to ? formatDate(from) : `${formatDate(from)} to ${formatDate(to)}`;
}

/** The day after the period, for half-open instant bounds [from 00:00, day after 00:00) in London. */
export function dayAfter(period: Period): string {
  return addDays(period.to, 1);
}
