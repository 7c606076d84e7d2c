import { describe, expect, it } from "vitest";
import { dashboardMessages as m } from "./messages";
import { checkPeriod, describePeriod, lastMonth, lastQuarter, monthsInPeriod, periodFromQuery, sinceStart } from "./periods";

describe("presets", () => {
  it("last month is the whole calendar month before today's", () => {
    expect(lastMonth("2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(lastMonth("2026-01-01")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(lastMonth("2028-03-15")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
  it("last quarter is the whole calendar quarter before today's", () => {
    expect(lastQuarter("2026-05-10")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(lastQuarter("2026-02-01")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(lastQuarter("2026-12-31")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(lastQuarter("2026-07-01")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
  });
  it("since the pilot started runs from the earliest enrolment to today", () => {
    expect(sinceStart("2026-04-10", "2025-11-03")).toEqual({ from: "2025-11-03", to: "2026-04-10" });
    expect(sinceStart("2026-04-10", null)).toEqual({ from: "2026-04-10", to: "2026-04-10" });
  });
});

describe("monthsInPeriod", () => {
  it("lists each month, clipping the first and last", () => {
    expect(monthsInPeriod({ from: "2025-12-15", to: "2026-02-10" })).toEqual([
      { key: "2025-12", label: "December 2025", from: "2025-12-15", to: "2025-12-31" },
      { key: "2026-01", label: "January 2026", from: "2026-01-01", to: "2026-01-31" },
      { key: "2026-02", label: "February 2026", from: "2026-02-01", to: "2026-02-10" },
    ]);
  });
  it("has one month for a period inside a month", () => {
    expect(monthsInPeriod({ from: "2026-03-03", to: "2026-03-03" })).toHaveLength(1);
  });
});

describe("checkPeriod", () => {
  const today = "2026-04-10";
  it("accepts a period ending today, and a single day", () => {
    expect(checkPeriod({ from: "2026-01-01", to: today }, today)).toEqual({ ok: true, period: { from: "2026-01-01", to: today } });
    expect(checkPeriod({ from: "2026-02-02", to: "2026-02-02" }, today).ok).toBe(true);
  });
  it("says what is wrong with each date", () => {
    expect(checkPeriod({ from: null, to: null }, today, { from: false, to: false })).toEqual({ ok: false, errors: { from: m.fromMissing, to: m.toMissing } });
    expect(checkPeriod({ from: "2026-02-30", to: "2026-13-01" }, today)).toEqual({ ok: false, errors: { from: m.fromNotReal, to: m.toNotReal } });
    expect(checkPeriod({ from: "2026-01-01", to: "2026-04-11" }, today)).toEqual({ ok: false, errors: { to: m.toInFuture } });
    expect(checkPeriod({ from: "2026-03-02", to: "2026-03-01" }, today)).toEqual({ ok: false, errors: { from: m.fromAfterTo } });
    expect(checkPeriod({ from: "1999-12-31", to: "2026-03-01" }, today)).toEqual({ ok: false, errors: { from: m.fromTooEarly } });
  });
});

describe("periodFromQuery", () => {
  const today = "2026-04-10";
  it("defaults to since the pilot started", () => {
    const q = periodFromQuery({}, today, "2025-11-03");
    expect(q).toMatchObject({ preset: "since_start", ok: true, period: { from: "2025-11-03", to: today } });
  });
  it("reads the presets", () => {
    expect(periodFromQuery({ period: "last_month" }, today, null)).toMatchObject({ preset: "last_month", period: { from: "2026-03-01", to: "2026-03-31" } });
    expect(periodFromQuery({ period: "last_quarter" }, today, null)).toMatchObject({ preset: "last_quarter", period: { from: "2026-01-01", to: "2026-03-31" } });
  });
  it("reads a custom period from the three date fields, and puts them back as typed", () => {
    const q = periodFromQuery({ period: "custom", fromDay: "1", fromMonth: "2", fromYear: "2026", toDay: "28", toMonth: "2", toYear: "2026" }, today, null);
    expect(q).toMatchObject({ preset: "custom", ok: true, period: { from: "2026-02-01", to: "2026-02-28" } });
    expect(q.fields.from).toEqual({ day: "1", month: "2", year: "2026" });
  });
  it("reads ISO dates from links", () => {
    expect(periodFromQuery({ from: "2026-01-01", to: "2026-01-31" }, today, null)).toMatchObject({ preset: "custom", ok: true, period: { from: "2026-01-01", to: "2026-01-31" } });
  });
  it("gives errors for a custom period that is missing or not real", () => {
    expect(periodFromQuery({ period: "custom" }, today, null)).toMatchObject({ ok: false, errors: { from: m.fromMissing, to: m.toMissing } });
    const bad = periodFromQuery({ period: "custom", fromDay: "31", fromMonth: "2", fromYear: "2026", toDay: "1", toMonth: "1", toYear: "2027" }, today, null);
    expect(bad).toMatchObject({ ok: false, errors: { from: m.fromNotReal, to: m.toInFuture } });
    expect(bad.fields.from).toEqual({ day: "31", month: "2", year: "2026" });
  });
  it("ignores an unknown preset", () => {
    expect(periodFromQuery({ period: "everything" }, today, "2026-01-05").preset).toBe("since_start");
  });
});

describe("describePeriod", () => {
  it("reads as dates", () => {
    expect(describePeriod({ from: "2026-01-01", to: "2026-03-31" })).toBe("1 January 2026 to 31 March 2026");
    expect(describePeriod({ from: "2026-01-01", to: "2026-01-01" })).toBe("1 January 2026");
  });
});
