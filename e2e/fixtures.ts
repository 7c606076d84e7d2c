import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { Role } from "../domain/roles";

export const DEMO_PASSWORD = "hub-demo-password-2026";

/** One demo account per role (from the seed) whose sign-in is saved once by auth.setup.ts. */
export const accounts = {
  clinician: "clinician.cambridge@hub.example",
  probation_officer: "officer.cambridge@hub.example",
  pilot_manager: "manager@hub.example",
  administrator: "admin@hub.example",
} as const satisfies Record<Role, string>;

/** Users at another site, for cross-site checks. */
export const otherSite = {
  clinician: "clinician.hammersmith@hub.example",
  officer: "officer.hammersmith@hub.example",
};

export const storageStateFor = (role: Role) => `e2e/.auth/${role}.json`;

/** Fails the test on any WCAG 2.2 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export const test = base;
export { expect };

/** A London calendar date some days ahead, as the three date fields. */
export function daysAhead(days: number): [string, string, string] {
  const d = new Date(Date.now() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return [get("day"), get("month"), get("year")];
}

let crnCounter = 0;
/** A CRN that is very unlikely to clash with the 200 seeded people or an earlier test. */
export function testCrn(): string {
  crnCounter += 1;
  return `Z9${String((Date.now() + crnCounter) % 100000).padStart(5, "0")}`;
}
