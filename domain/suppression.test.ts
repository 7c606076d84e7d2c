import { describe, expect, it } from "vitest";
import { suppressCount, suppressRate } from "./suppression";

describe("small-number suppression", () => {
  it.each([0, 5, 6, 120])("shows %i", (n) => expect(suppressCount(n)).toEqual({ kind: "count", value: n }));
  it.each([1, 2, 3, 4])("suppresses %i", (n) => expect(suppressCount(n)).toEqual({ kind: "suppressed" }));
  it("suppresses a rate built on a small numerator or denominator", () => {
    expect(suppressRate(3, 100)).toEqual({ kind: "suppressed" });
    expect(suppressRate(4, 4)).toEqual({ kind: "suppressed" });
    expect(suppressRate(0, 3)).toEqual({ kind: "suppressed" });
    expect(suppressRate(5, 20)).toEqual({ kind: "rate", percent: 25 });
    expect(suppressRate(0, 20)).toEqual({ kind: "rate", percent: 0 });
    expect(suppressRate(0, 0)).toEqual({ kind: "none" });
  });
});
