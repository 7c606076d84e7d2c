import { describe, expect, it } from "vitest";
import { isValidCrn, normaliseCrn } from "./crn";

describe("isValidCrn", () => {
  it.each(["X123456", "A000000", "Z999999"])("accepts %s", (crn) => {
    expect(isValidCrn(crn)).toBe(true);
  });

  it("accepts a lowercase letter, which is normalised to capital", () => {
    expect(isValidCrn("x123456")).toBe(true);
    expect(normaliseCrn("x123456")).toBe("X123456");
  });

  it.each(["X12345", "X1234567", "X", ""])("rejects %j (wrong length)", (crn) => {
    expect(isValidCrn(crn)).toBe(false);
  });

  it.each(["XY12345", "XY123456", "1X23456"])("rejects %j (letters in the wrong place)", (crn) => {
    expect(isValidCrn(crn)).toBe(false);
  });

  it.each(["1234567", "123456"])("rejects %j (digits only)", (crn) => {
    expect(isValidCrn(crn)).toBe(false);
  });

  it.each(["X12345A", "X12-456", "X١٢٣٤٥٦", "É123456"])("rejects %j (not a letter then six ASCII digits)", (crn) => {
    expect(isValidCrn(crn)).toBe(false);
  });

  it("ignores whitespace around the CRN but not inside it", () => {
    expect(isValidCrn("  X123456 ")).toBe(true);
    expect(isValidCrn("\tx123456\n")).toBe(true);
    expect(normaliseCrn("  x123456 ")).toBe("X123456");
    expect(isValidCrn("X 123456")).toBe(false);
    expect(isValidCrn("X123 456")).toBe(false);
  });
});
