import { describe, expect, it } from "vitest";
import { safeReturnTo, signInPath } from "./return-to";

describe("safeReturnTo", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(safeReturnTo("/caseload")).toBe("/caseload");
    expect(safeReturnTo("/people/3f1c?tab=health&page=2")).toBe("/people/3f1c?tab=health&page=2");
    expect(safeReturnTo("/appointments?site=abc#today")).toBe("/appointments?site=abc#today");
    expect(safeReturnTo("/signed-in-again")).toBe("/signed-in-again");
  });

  it.each([
    ["protocol-relative", "//evil.example/path"],
    ["backslash after the slash", "/\\evil.example"],
    ["backslash later on", "/foo\\..\\\\evil.example"],
    ["absolute https URL", "https://evil.example/"],
    ["javascript scheme", "javascript:alert(1)"],
    ["data scheme", "data:text/html,hi"],
    ["relative path without a slash", "caseload"],
    ["tab that the URL parser strips", "/\t/evil.example"],
    ["newline", "/\n/evil.example"],
    ["space", "/ /evil.example"],
    ["empty", ""],
    ["the sign-in page itself", "/sign-in?returnTo=/caseload"],
    ["far too long", `/${"a".repeat(3000)}`],
  ])("falls back to / for %s", (_label, value) => {
    expect(safeReturnTo(value)).toBe("/");
  });

  it("falls back to / for anything that is not a string", () => {
    expect(safeReturnTo(undefined)).toBe("/");
    expect(safeReturnTo(null)).toBe("/");
    expect(safeReturnTo(["/caseload"])).toBe("/");
  });

  it("resolves dot segments so the result stays on this site", () => {
    expect(safeReturnTo("/a/../caseload")).toBe("/caseload");
    expect(safeReturnTo("/..//evil.example")).toBe("/");
  });
});

describe("signInPath", () => {
  it("carries a safe returnTo and the reason", () => {
    expect(signInPath("/people/1?tab=x", "idle")).toBe("/sign-in?returnTo=%2Fpeople%2F1%3Ftab%3Dx&reason=idle");
    expect(signInPath("/caseload")).toBe("/sign-in?returnTo=%2Fcaseload");
  });

  it("drops an unsafe or home returnTo", () => {
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath(null, "absolute")).toBe("/sign-in?reason=absolute");
  });
});
