import { describe, expect, it } from "vitest";
import { addDays, ageOn, dateFromParts, daysInMonth, formatDate, isRealDate, londonDateOfInstant, londonDayBounds, londonToUtc, startOfWeek, toLondon } from "./dates";

const HOUR = 3_600_000;

// In 2026 the clocks go forward at 01:00 UTC on Sunday 29 March and back at 01:00 UTC on Sunday 25 October.

describe("londonToUtc", () => {
  it("treats winter wall-clock time as GMT (UTC+0)", () => {
    expect(londonToUtc("2026-01-15", "14:30")?.toISOString()).toBe("2026-01-15T14:30:00.000Z");
    expect(londonToUtc("2026-12-31", "23:59")?.toISOString()).toBe("2026-12-31T23:59:00.000Z");
  });

  it("treats summer wall-clock time as BST (UTC+1)", () => {
    expect(londonToUtc("2026-07-15", "14:30")?.toISOString()).toBe("2026-07-15T13:30:00.000Z");
    // Midnight in summer is still the previous UTC day.
    expect(londonToUtc("2026-07-15", "00:00")?.toISOString()).toBe("2026-07-14T23:00:00.000Z");
  });

  it("returns null for times in the hour skipped when the clocks go forward", () => {
    expect(londonToUtc("2026-03-29", "01:00")).toBeNull();
    expect(londonToUtc("2026-03-29", "01:30")).toBeNull();
    expect(londonToUtc("2026-03-29", "01:59")).toBeNull();
  });

  it("resolves either side of the spring-forward gap", () => {
    expect(londonToUtc("2026-03-29", "00:59")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(londonToUtc("2026-03-29", "02:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("resolves a time in the repeated autumn hour to its first occurrence, in BST", () => {
    expect(londonToUtc("2026-10-25", "01:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(londonToUtc("2026-10-25", "01:00")?.toISOString()).toBe("2026-10-25T00:00:00.000Z");
    expect(londonToUtc("2026-10-25", "00:59")?.toISOString()).toBe("2026-10-24T23:59:00.000Z");
    expect(londonToUtc("2026-10-25", "02:00")?.toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });

  it.each([
    ["2026-02-30", "10:00"],
    ["2026-13-01", "10:00"],
    ["2026-1-5", "10:00"],
    ["2026-01-05", "24:00"],
    ["2026-01-05", "9:30"],
    ["2026-01-05", "09:60"],
    ["2026-01-05", "09:30:00"],
    ["", ""],
  ])("returns null for %j %j", (date, time) => {
    expect(londonToUtc(date, time)).toBeNull();
  });
});

describe("toLondon", () => {
  it("gives the London date and time of an instant", () => {
    expect(toLondon(new Date("2026-01-15T14:30:00Z"))).toEqual({ date: "2026-01-15", time: "14:30" });
    expect(toLondon(new Date("2026-07-15T23:30:00Z"))).toEqual({ date: "2026-07-16", time: "00:30" });
  });

  it("shows both occurrences of the repeated autumn hour as the same wall-clock time", () => {
    expect(toLondon(new Date("2026-10-25T00:30:00Z"))).toEqual({ date: "2026-10-25", time: "01:30" });
    expect(toLondon(new Date("2026-10-25T01:30:00Z"))).toEqual({ date: "2026-10-25", time: "01:30" });
  });

  it("round-trips through londonToUtc every half hour of 2026, except the second occurrence of the repeated hour", () => {
    const secondOccurrence = new Set(["2026-10-25T01:00:00.000Z", "2026-10-25T01:30:00.000Z"]);
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    let checked = 0;
    for (let t = from; t < to; t += HOUR / 2) {
      const instant = new Date(t);
      const { date, time } = toLondon(instant);
      const back = londonToUtc(date, time);
      const expected = secondOccurrence.has(instant.toISOString()) ? t - HOUR : t;
      expect(back?.getTime(), instant.toISOString()).toBe(expected);
      checked++;
    }
    expect(checked).toBe(365 * 48);
  });
});

describe("londonDateOfInstant", () => {
  it("gives toLondon's date for the first and last millisecond of every hour of 2026, across both clock changes", () => {
    const start = Date.UTC(2026, 0, 1);
    const mismatches: string[] = [];
    for (let hour = start; hour < Date.UTC(2027, 0, 1); hour += 3_600_000) {
      for (const ms of [hour, hour + 3_599_999]) {
        const expected = toLondon(new Date(ms)).date;
        if (londonDateOfInstant(ms) !== expected) mismatches.push(new Date(ms).toISOString());
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("puts 23:30 UTC in summer on the next London day and in winter on the same day", () => {
    expect(londonDateOfInstant(Date.parse("2026-07-14T23:30:00Z"))).toBe("2026-07-15");
    expect(londonDateOfInstant(Date.parse("2026-01-14T23:30:00Z"))).toBe("2026-01-14");
  });
});

describe("dateFromParts", () => {
  it("builds an ISO date from day, month and year fields, padding single digits", () => {
    expect(dateFromParts("7", "3", "1990")).toBe("1990-03-07");
    expect(dateFromParts("07", "03", "1990")).toBe("1990-03-07");
    expect(dateFromParts(" 7 ", " 3 ", " 1990 ")).toBe("1990-03-07");
    expect(dateFromParts("31", "12", "1999")).toBe("1999-12-31");
  });

  it("rejects dates that do not exist", () => {
    expect(dateFromParts("31", "02", "2026")).toBeNull();
    expect(dateFromParts("31", "04", "2026")).toBeNull();
    expect(dateFromParts("0", "1", "2026")).toBeNull();
    expect(dateFromParts("1", "0", "2026")).toBeNull();
    expect(dateFromParts("1", "13", "2026")).toBeNull();
    expect(dateFromParts("32", "1", "2026")).toBeNull();
  });

  it("accepts 29 February only in leap years", () => {
    expect(dateFromParts("29", "2", "2024")).toBe("2024-02-29");
    expect(dateFromParts("29", "2", "2000")).toBe("2000-02-29"); // divisible by 400
    expect(dateFromParts("29", "2", "2026")).toBeNull();
    expect(dateFromParts("29", "2", "1900")).toBeNull(); // divisible by 100, not 400
  });

  it.each([
    ["seven", "3", "1990"],
    ["7", "March", "1990"],
    ["7", "3", "nineteen ninety"],
    ["7.", "3", "1990"],
    ["-7", "3", "1990"],
    ["1e1", "3", "1990"],
    ["", "3", "1990"],
    ["7", "", "1990"],
    ["7", "3", ""],
    ["007", "3", "1990"],
  ])("rejects non-numeric or malformed fields %j %j %j", (d, m, y) => {
    expect(dateFromParts(d, m, y)).toBeNull();
  });

  it.each(["90", "990", "19900"])("rejects year %j (not four digits)", (y) => {
    expect(dateFromParts("7", "3", y)).toBeNull();
  });
});

describe("ageOn", () => {
  it("turns over on the birthday, not the day before", () => {
    expect(ageOn("1990-06-15", "2026-06-14")).toBe(35);
    expect(ageOn("1990-06-15", "2026-06-15")).toBe(36);
    expect(ageOn("1990-06-15", "2026-06-16")).toBe(36);
  });

  it("compares the month before the day", () => {
    expect(ageOn("1990-06-15", "2026-05-31")).toBe(35);
    expect(ageOn("1990-06-15", "2026-07-01")).toBe(36);
    expect(ageOn("1990-12-31", "2026-01-01")).toBe(35);
  });

  it("is 0 on the day of birth", () => {
    expect(ageOn("2026-03-01", "2026-03-01")).toBe(0);
  });

  it("turns a 29 February birthday over on 1 March in a non-leap year", () => {
    expect(ageOn("2000-02-29", "2026-02-28")).toBe(25);
    expect(ageOn("2000-02-29", "2026-03-01")).toBe(26);
  });

  it("turns a 29 February birthday over on 29 February in a leap year", () => {
    expect(ageOn("2000-02-29", "2024-02-28")).toBe(23);
    expect(ageOn("2000-02-29", "2024-02-29")).toBe(24);
  });

  it("agrees with counting birthdays on the calendar, for every day of two years against many dates of birth", () => {
    // The oracle: the last birthday on or before the date, with JavaScript's Date rolling 29 February over to 1 March.
    const oracle = (dob: string, on: string) => {
      const [by, bm, bd] = dob.split("-").map(Number) as [number, number, number];
      const target = Date.parse(on);
      let age = new Date(target).getUTCFullYear() - by;
      if (Date.UTC(by + age, bm - 1, bd) > target) age -= 1;
      return age;
    };
    const births = ["1960-01-01", "1964-02-29", "1971-02-28", "1983-03-01", "1990-06-15", "1999-12-31", "2000-02-29"];
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
      const on = new Date(t).toISOString().slice(0, 10);
      for (const dob of births) expect(ageOn(dob, on), `${dob} on ${on}`).toBe(oracle(dob, on));
    }
  });
});

describe("isRealDate and daysInMonth", () => {
  it("accepts exactly the dates the calendar has, from 1896 to 2104", () => {
    for (let y = 1896; y <= 2104; y++) {
      for (let m = 1; m <= 12; m++) {
        const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(daysInMonth(y, m), `${y}-${m}`).toBe(days);
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(isRealDate(iso), iso).toBe(d >= 1 && d <= days);
        }
      }
    }
  });

  it("refuses months 0 and 13 and anything not written YYYY-MM-DD", () => {
    for (const bad of ["2026-00-10", "2026-13-01", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01T00:00", " 2026-01-01", ""]) expect(isRealDate(bad), bad).toBe(false);
  });

  it("refuses anything but ASCII digits in the digit places, and a newline after the date", () => {
    for (const bad of ["2026-01-0a", "+026-01-01", "2026-0 -01", "2026-01- 1", "2026-01-01\n", "2026-01-0\u0661", "２０２６-01-01", "2026-01-1.", "2026--1-01", "2026-01-01 "])
      expect(isRealDate(bad), JSON.stringify(bad)).toBe(false);
    expect(isRealDate("0000-01-01")).toBe(true);
    expect(isRealDate("9999-12-31")).toBe(true);
  });
});

describe("startOfWeek", () => {
  it("gives the Monday before a Sunday (weeks start on Monday)", () => {
    expect(startOfWeek("2026-03-01")).toBe("2026-02-23");
    expect(startOfWeek("2026-03-08")).toBe("2026-03-02");
  });

  it("gives the same day for a Monday", () => {
    expect(startOfWeek("2026-03-02")).toBe("2026-03-02");
  });

  it("crosses a year boundary", () => {
    expect(startOfWeek("2026-01-01")).toBe("2025-12-29"); // a Thursday
  });

  it("gives the same Monday for every day of one week", () => {
    for (let i = 0; i < 7; i++) expect(startOfWeek(addDays("2026-03-23", i))).toBe("2026-03-23");
    expect(startOfWeek("2026-03-30")).toBe("2026-03-30");
  });
});

describe("addDays", () => {
  it("crosses month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });

  it("goes backwards", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("adds whole calendar days across a clock change and over long spans", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
    expect(addDays("2026-01-01", 365)).toBe("2027-01-01");
    expect(addDays("2024-01-01", 366)).toBe("2025-01-01");
    expect(addDays("2026-06-15", 0)).toBe("2026-06-15");
  });
});

describe("formatDate", () => {
  it("writes the day without a leading zero and the month in full", () => {
    expect(formatDate("1990-03-07")).toBe("7 March 1990");
    expect(formatDate("2026-12-31")).toBe("31 December 2026");
  });

  it("formats the first of a summer and a winter month without shifting the day", () => {
    expect(formatDate("2026-07-01")).toBe("1 July 2026");
    expect(formatDate("2026-01-01")).toBe("1 January 2026");
  });

  it("returns input that is not a real ISO date unchanged", () => {
    expect(formatDate("2026-02-31")).toBe("2026-02-31");
    expect(formatDate("not a date")).toBe("not a date");
  });
});

describe("londonDayBounds", () => {
  const hours = (b: { start: Date; end: Date }) => (b.end.getTime() - b.start.getTime()) / HOUR;

  it("spans 24 hours on an ordinary day, from London midnight", () => {
    const b = londonDayBounds("2026-07-15", "2026-07-16");
    expect(b.start.toISOString()).toBe("2026-07-14T23:00:00.000Z");
    expect(b.end.toISOString()).toBe("2026-07-15T23:00:00.000Z");
    expect(hours(londonDayBounds("2026-01-15", "2026-01-16"))).toBe(24);
  });

  it("spans 23 hours on the day the clocks go forward", () => {
    const b = londonDayBounds("2026-03-29", "2026-03-30");
    expect(b.start.toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(b.end.toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(hours(b)).toBe(23);
  });

  it("spans 25 hours on the day the clocks go back", () => {
    expect(hours(londonDayBounds("2026-10-25", "2026-10-26"))).toBe(25);
  });

  it("spans a week containing the spring change as 167 hours", () => {
    expect(hours(londonDayBounds("2026-03-23", "2026-03-30"))).toBe(7 * 24 - 1);
  });

  it("throws on a date that is not real", () => {
    expect(() => londonDayBounds("2026-02-30", "2026-03-01")).toThrow();
  });
});
