import { describe, expect, it } from "vitest";
import { formatNhsNumber, isTestRangeNhsNumber, isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from "./nhs-number";

// Expected check digits below were worked out by hand from the Modulus 11 rule in DOMAIN.md
// (weights 10..2 on digits 1-9, check = 11 - sum mod 11), not taken from the implementation:
//   943476591 -> sum 299, 299 mod 11 = 2, check 9
//   999000001 -> sum 245, mod 11 = 3, check 8
//   999000005 -> sum 253, mod 11 = 0, check 11 -> 0
//   999000000 -> sum 243, mod 11 = 1, check 10 -> no valid number
//   123456789 -> sum 210, mod 11 = 1, check 10 -> no valid number

describe("isValidNhsNumber", () => {
  it.each(["9434765919", "9990000018", "9990000026", "9990000042", "9990000069", "9990000107"])(
    "accepts %s",
    (n) => {
      expect(isValidNhsNumber(n)).toBe(true);
    },
  );

  it("accepts a number whose check digit is 0 because 11 - (sum mod 11) is 11", () => {
    expect(nhsCheckDigit("999000005")).toBe(0);
    expect(isValidNhsNumber("9990000050")).toBe(true);
  });

  it.each(["9434765918", "9434765910", "9990000017", "9990000019", "9990000051"])("rejects %s (wrong check digit)", (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });

  it("rejects every completion of nine digits whose check digit would be 10", () => {
    expect(nhsCheckDigit("999000000")).toBeNull();
    expect(nhsCheckDigit("123456789")).toBeNull();
    for (let last = 0; last <= 9; last++) {
      expect(isValidNhsNumber(`999000000${last}`)).toBe(false);
      expect(isValidNhsNumber(`123456789${last}`)).toBe(false);
    }
  });

  it.each(["", "0", "94347659", "943476591", "94347659190"])("rejects %j (wrong length)", (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });

  it.each(["943476591A", "A434765919", "943476591O", "94347６5919", "9434.65919", "+434765919"])("rejects %j (not all digits)", (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });

  it.each(["943 476 5919", "943-476-5919", " 9434765919 ", "943 476-5919", "9 4 3 4 7 6 5 9 1 9"])(
    "accepts %j once spaces and dashes are removed",
    (n) => {
      expect(isValidNhsNumber(n)).toBe(true);
    },
  );

  it("still checks the digit after normalising", () => {
    expect(isValidNhsNumber("943 476 5918")).toBe(false);
  });
});

describe("normaliseNhsNumber", () => {
  it("removes spaces and dashes only", () => {
    expect(normaliseNhsNumber(" 943-476 5919 ")).toBe("9434765919");
    expect(normaliseNhsNumber("943.476.5919")).toBe("943.476.5919");
  });
});

describe("nhsCheckDigit", () => {
  it("computes the Modulus 11 check digit", () => {
    expect(nhsCheckDigit("943476591")).toBe(9);
    expect(nhsCheckDigit("999000001")).toBe(8);
  });

  it.each(["", "94347659", "9434765919", "94347659a"])("returns null for %j (not nine digits)", (s) => {
    expect(nhsCheckDigit(s)).toBeNull();
  });
});

describe("formatNhsNumber", () => {
  it("groups ten digits 3 3 4", () => {
    expect(formatNhsNumber("9434765919")).toBe("943 476 5919");
  });

  it("reformats numbers typed with spaces or dashes", () => {
    expect(formatNhsNumber("943-476-5919")).toBe("943 476 5919");
    expect(formatNhsNumber("94347 65919")).toBe("943 476 5919");
  });

  it("returns anything that is not ten digits unchanged", () => {
    expect(formatNhsNumber("12345")).toBe("12345");
    expect(formatNhsNumber("943476591X")).toBe("943476591X");
    expect(formatNhsNumber("")).toBe("");
  });
});

describe("isTestRangeNhsNumber", () => {
  it.each(["9990000000", "9999999999", "999 000 0018", "999-123-4567"])("%j is in the never-issued range", (n) => {
    expect(isTestRangeNhsNumber(n)).toBe(true);
  });

  it.each(["9434765919", "9989999999", "0999000000", "999000001", "99900000180", "999000001X"])("%j is not", (n) => {
    expect(isTestRangeNhsNumber(n)).toBe(false);
  });
});
