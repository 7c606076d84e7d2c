import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, formatSecretForTyping, hotp, normaliseTotpCode, otpauthUri, timeStep, totpCode, verifyTotp } from "./totp";

// RFC 6238 appendix B: the seeds are the ASCII digits "1234567890" repeated to the hash's key length.
const seed = (length: number) => new TextEncoder().encode("1234567890".repeat(7).slice(0, length));
const vectors: [number, string, string, string][] = [
  // [unix seconds, SHA1, SHA256, SHA512] with 8 digits
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("RFC 6238 test vectors", () => {
  for (const [seconds, sha1, sha256, sha512] of vectors) {
    it(`T = ${seconds}`, () => {
      const step = timeStep(new Date(seconds * 1000));
      expect(hotp(seed(20), step, 8, "sha1")).toBe(sha1);
      expect(hotp(seed(32), step, 8, "sha256")).toBe(sha256);
      expect(hotp(seed(64), step, 8, "sha512")).toBe(sha512);
    });
  }
  it("6-digit codes are the last six digits of the 8-digit ones", () => {
    expect(totpCode(seed(20), new Date(59_000))).toBe("287082");
    expect(totpCode(seed(20), new Date(1111111109_000))).toBe("081804");
  });
});

describe("RFC 4226 HOTP test vectors", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it("counters 0 to 9", () => {
    expect(expected.map((_, counter) => hotp(seed(20), counter))).toEqual(expected);
  });
});

describe("base32", () => {
  it("round-trips and matches RFC 4648", () => {
    expect(base32Encode(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
    expect(new TextDecoder().decode(base32Decode("mzxw 6ytb oi======") ?? new Uint8Array())).toBe("foobar");
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });
  it("refuses characters outside the alphabet", () => {
    expect(base32Decode("ABC1")).toBeNull();
    expect(base32Decode("")).toBeNull();
  });
});

describe("verifyTotp", () => {
  const key = seed(20);
  const at = new Date(1_800_000_000_000);
  const step = timeStep(at);

  it("accepts the current code and one step either side, not two", () => {
    expect(verifyTotp(key, hotp(key, step), at)).toBe(step);
    expect(verifyTotp(key, hotp(key, step - 1), at)).toBe(step - 1);
    expect(verifyTotp(key, hotp(key, step + 1), at)).toBe(step + 1);
    expect(verifyTotp(key, hotp(key, step - 2), at)).toBeNull();
    expect(verifyTotp(key, hotp(key, step + 2), at)).toBeNull();
  });
  it("refuses a code at or before the last step used (no replay)", () => {
    expect(verifyTotp(key, hotp(key, step), at, step)).toBeNull();
    expect(verifyTotp(key, hotp(key, step - 1), at, step - 1)).toBeNull();
    expect(verifyTotp(key, hotp(key, step + 1), at, step)).toBe(step + 1);
  });
  it("refuses malformed and wrong codes, and tolerates a space", () => {
    const code = hotp(key, step);
    expect(verifyTotp(key, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(step);
    expect(verifyTotp(key, "12345", at)).toBeNull();
    expect(verifyTotp(key, "abcdef", at)).toBeNull();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect([hotp(key, step - 1), hotp(key, step + 1)].includes(wrong) ? step : verifyTotp(key, wrong, at)).not.toBe(step);
    expect(normaliseTotpCode("123-456")).toBe("123456");
  });
});

describe("otpauth URI", () => {
  it("names the issuer and account and carries the secret in base32", () => {
    const uri = otpauthUri({ issuer: "Probation Health Hub", account: "a.b@hub.example", secret: new TextEncoder().encode("foobar") });
    expect(uri).toBe("otpauth://totp/Probation%20Health%20Hub:a.b%40hub.example?secret=MZXW6YTBOI&issuer=Probation+Health+Hub&algorithm=SHA1&digits=6&period=30");
    expect(formatSecretForTyping(new TextEncoder().encode("foobar"))).toBe("MZXW 6YTB OI");
  });
});
