import { describe, expect, it } from "vitest";
import { addDays, todayInLondon } from "./dates";
import { bankHolidaysKnownUntil, englandAndWalesBankHolidays, isWorkingDay, waitingCutoff, workingDaysBetween } from "./working-days";

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const years = [2025, 2026, 2027, 2028];

/** Easter Sunday by the anonymous Gregorian algorithm, to check the hard-coded Good Fridays and Easter Mondays. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function mondays(year: number, month: number): string[] {
  const out: string[] = [];
  for (let day = 1; day <= 31; day++) {
    const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const date = new Date(`${iso}T00:00:00Z`);
    if (date.getUTCMonth() + 1 === month && date.getUTCDay() === 1) out.push(iso);
  }
  return out;
}

describe("the bank holiday list", () => {
  it.each(years)("has eight England and Wales bank holidays in %i, all on weekdays", (year) => {
    const inYear = englandAndWalesBankHolidays.filter((d) => d.startsWith(`${year}-`));
    expect(inYear).toHaveLength(8);
    for (const d of inYear) expect([1, 2, 3, 4, 5]).toContain(weekday(d));
  });

  it.each(years)("has Good Friday and Easter Monday in %i where Easter falls", (year) => {
    const easter = easterSunday(year);
    expect(englandAndWalesBankHolidays).toContain(addDays(easter, -2));
    expect(englandAndWalesBankHolidays).toContain(addDays(easter, 1));
  });

  it.each(years)("has the first and last Mondays of May and the last Monday of August in %i", (year) => {
    expect(englandAndWalesBankHolidays).toContain(mondays(year, 5)[0]);
    expect(englandAndWalesBankHolidays).toContain(mondays(year, 5).at(-1));
    expect(englandAndWalesBankHolidays).toContain(mondays(year, 8).at(-1));
  });

  it("matches GOV.UK's published dates where they are known", () => {
    // Spot checks against https://www.gov.uk/bank-holidays (England and Wales).
    expect(englandAndWalesBankHolidays).toEqual(expect.arrayContaining(["2025-04-18", "2025-12-26", "2026-04-03", "2026-12-28", "2027-12-27", "2027-12-28", "2028-01-03"]));
  });

  it("is sorted and has no duplicates", () => {
    expect([...englandAndWalesBankHolidays].sort()).toEqual(englandAndWalesBankHolidays);
    expect(new Set(englandAndWalesBankHolidays).size).toBe(englandAndWalesBankHolidays.length);
  });

  it("still reaches at least six months ahead (extend the list from GOV.UK when this fails)", () => {
    expect(addDays(todayInLondon(), 183) <= bankHolidaysKnownUntil).toBe(true);
  });
});

describe("isWorkingDay", () => {
  it("excludes weekends and bank holidays", () => {
    expect(isWorkingDay("2026-01-10")).toBe(false); // Saturday
    expect(isWorkingDay("2026-01-11")).toBe(false); // Sunday
    expect(isWorkingDay("2026-01-12")).toBe(true); // Monday
    expect(isWorkingDay("2026-05-04")).toBe(false); // Early May bank holiday
    expect(isWorkingDay("2026-12-28")).toBe(false); // substitute Boxing Day
  });

  it("refuses something that is not a date", () => {
    expect(() => isWorkingDay("12/01/2026")).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it.each([
    ["2026-01-09", "2026-01-12", 1, "Friday to Monday"],
    ["2026-01-12", "2026-01-12", 0, "the same day"],
    ["2026-01-13", "2026-01-12", 0, "backwards"],
    ["2026-01-12", "2026-01-19", 5, "a full week"],
    ["2026-01-09", "2026-01-21", 8, "eight working days"],
    ["2026-01-10", "2026-01-11", 0, "a weekend"],
    ["2026-04-02", "2026-04-07", 1, "over Easter 2026"],
    ["2026-12-24", "2026-12-29", 1, "over Christmas 2026 with a substitute Boxing Day"],
    ["2027-12-24", "2028-01-04", 4, "over Christmas and New Year 2027, all substitute days"],
    ["2025-12-31", "2026-01-02", 1, "over New Year's Day 2026"],
    ["2026-05-01", "2026-05-05", 1, "over the Early May bank holiday"],
  ])("from %s to %s is %i (%s)", (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });
});

describe("waitingCutoff", () => {
  it("is the date from which a referral has waited N working days or fewer", () => {
    // Wednesday 21 January 2026, 5 working days: sent on Tue 13th is 6 days, on Wed 14th is 5.
    expect(waitingCutoff("2026-01-21", 5)).toBe("2026-01-14");
    expect(waitingCutoff("2026-01-21", 0)).toBe("2026-01-21");
    // On a Saturday, today is not a working day.
    expect(waitingCutoff("2026-01-24", 0)).toBe("2026-01-23");
  });

  it("agrees with workingDaysBetween for every sent date, today and N in a range", () => {
    const todays = Array.from({ length: 30 }, (_, i) => addDays("2026-12-15", i));
    for (const today of todays) {
      for (let n = 0; n <= 10; n++) {
        const cutoff = waitingCutoff(today, n);
        for (let back = 0; back <= 25; back++) {
          const sent = addDays(today, -back);
          expect(workingDaysBetween(sent, today) > n).toBe(sent < cutoff);
        }
      }
    }
  });

  it("refuses a negative or fractional number of days", () => {
    expect(() => waitingCutoff("2026-01-21", -1)).toThrow(RangeError);
    expect(() => waitingCutoff("2026-01-21", 1.5)).toThrow(RangeError);
  });
});
