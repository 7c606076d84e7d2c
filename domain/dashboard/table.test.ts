import { describe, expect, it } from "vitest";
import { chartValue, countCell, formatCell, medianCell, rateCell } from "./table";

describe("medianCell", () => {
  it("has no data for nobody, is suppressed for 1 to 4 people, shown from 5", () => {
    expect(medianCell([])).toEqual({ kind: "none" });
    expect(medianCell([1, 2, 3, 4])).toEqual({ kind: "suppressed" });
    expect(medianCell([1, 2, 3, 4, 10])).toEqual({ kind: "days", value: 3 });
    expect(medianCell([1, 2, 3, 4, 10, 12])).toEqual({ kind: "days", value: 3.5 });
  });
});

describe("cells", () => {
  it("come from suppression's shown values", () => {
    expect(countCell({ kind: "count", value: 7 })).toEqual({ kind: "count", value: 7 });
    expect(countCell({ kind: "suppressed" })).toEqual({ kind: "suppressed" });
    expect(rateCell({ kind: "rate", percent: 12.5 })).toEqual({ kind: "percent", value: 12.5 });
    expect(rateCell({ kind: "none" })).toEqual({ kind: "none" });
    expect(rateCell({ kind: "suppressed" })).toEqual({ kind: "suppressed" });
  });

  it("are written for the screen", () => {
    expect(formatCell({ kind: "count", value: 1234 })).toBe("1,234");
    expect(formatCell({ kind: "percent", value: 25 })).toBe("25.0%");
    expect(formatCell({ kind: "days", value: 1 })).toBe("1 day");
    expect(formatCell({ kind: "days", value: 3.5 })).toBe("3.5 days");
    expect(formatCell({ kind: "suppressed" })).toBe("*");
    expect(formatCell({ kind: "none" })).toBe("No data");
  });

  it("give the chart nothing to draw where suppressed", () => {
    expect(chartValue({ kind: "suppressed" })).toBeNull();
    expect(chartValue({ kind: "none" })).toBeNull();
    expect(chartValue({ kind: "count", value: 0 })).toBe(0);
  });
});
