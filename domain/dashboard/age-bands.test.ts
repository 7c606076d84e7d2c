import { describe, expect, it } from "vitest";
import { ageBand, ageBandOn } from "./age-bands";

describe("age bands", () => {
  it.each([
    [17, "under_18"],
    [18, "18_24"],
    [24, "18_24"],
    [25, "25_34"],
    [34, "25_34"],
    [35, "35_44"],
    [44, "35_44"],
    [45, "45_54"],
    [54, "45_54"],
    [55, "55_64"],
    [64, "55_64"],
    [65, "65_plus"],
    [90, "65_plus"],
  ] as const)("puts %i in %s", (age, band) => expect(ageBand(age)).toBe(band));

  it("counts the age on the day given, a birthday that day included", () => {
    expect(ageBandOn("2001-03-10", "2026-03-09")).toBe("18_24");
    expect(ageBandOn("2001-03-10", "2026-03-10")).toBe("25_34");
  });
});
