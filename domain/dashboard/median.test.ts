import { describe, expect, it } from "vitest";
import { daysBetween, median } from "./median";

describe("median", () => {
  it("is null for no values", () => expect(median([])).toBeNull());
  it("is the middle value of an odd count, whatever the order", () => expect(median([9, 1, 4])).toBe(4));
  it("is the mean of the two middle values of an even count", () => expect(median([10, 2, 4, 7])).toBe(5.5));
  it("handles one value and repeated values", () => {
    expect(median([3])).toBe(3);
    expect(median([2, 2, 2, 8])).toBe(2);
  });
  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("daysBetween", () => {
  it("counts calendar days, negative backwards", () => {
    expect(daysBetween("2026-01-05", "2026-01-05")).toBe(0);
    expect(daysBetween("2026-01-05", "2026-01-19")).toBe(14);
    expect(daysBetween("2026-01-19", "2026-01-05")).toBe(-14);
  });
  it("is not thrown by the clocks changing or a leap day", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
  });
});
