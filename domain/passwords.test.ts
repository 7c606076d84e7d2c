import { describe, expect, it } from "vitest";
import { newPasswordField } from "./passwords-schema";
import { commonPasswordCount, isCommonPassword, passwordProblem } from "./passwords";
import { authMessages, messages } from "./messages";

describe("password policy", () => {
  it("keeps a list of at least 10,000 common passwords", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it("needs 12 to 128 characters, counting characters not bytes, with no composition rules", () => {
    expect(passwordProblem("eleven chrs")).toBe("length");
    expect(passwordProblem("twelve chars")).toBeNull();
    expect(passwordProblem("x".repeat(127) + "y")).toBeNull();
    expect(passwordProblem("x".repeat(128) + "y")).toBe("length");
    expect(passwordProblem("ünïcödé pässwörd")).toBeNull();
    expect(passwordProblem("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")).toBe("length");
    expect(passwordProblem("all lower case words here")).toBeNull();
  });

  it("refuses listed passwords whatever their case", () => {
    for (const p of ["1qaz2wsx3edc", "QWERTY123456", "qazwsxedcrfv", "123qweasdzxc"]) expect(passwordProblem(p), p).toBe("common");
  });

  it("refuses a listed password padded with digits or symbols, repeated, or a run", () => {
    for (const p of ["password1234", "!!monkey2024!!", "1234dragon!!", "monkeymonkey", "abcabcabcabc", "aaaaaaaaaaaa", "123456789012", "abcdefghijklmn", "987654321098"]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("accepts passphrases and random passwords", () => {
    for (const p of ["correct horse battery staple", "plum-lantern-fjord-42", "x7$9#2!@4%^&", "Q8vL2mZp0rTk"]) expect(isCommonPassword(p), p).toBe(false);
  });

  it("refuses the account's own email address", () => {
    expect(passwordProblem("nurse@hub.example", "Nurse@hub.example")).toBe("email");
  });
});

describe("newPasswordField", () => {
  const field = newPasswordField("a new password");
  const message = (v: unknown) => {
    const r = field.safeParse(v);
    return r.success ? null : r.error.issues[0]?.message;
  };
  it("gives the message a user reads", () => {
    expect(message("")).toBe(messages.required("a new password"));
    expect(message("short")).toBe(messages.passwordLength);
    expect(message("password1234")).toBe(authMessages.passwordCommon);
    expect(message("  spaces kept  ")).toBeNull();
    expect(field.parse("  spaces kept  ")).toBe("  spaces kept  ");
  });
});
