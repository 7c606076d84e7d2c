import { test as base, expect, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { Role } from "../domain/roles";
import { base32Decode, hotp, timeStep, TOTP_PERIOD_SECONDS } from "../domain/totp";
import { demoTotpKey } from "../db/seed-two-factor";

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

/**
 * Follows a link and waits until the browser is at its address. A client-side navigation returns
 * from click() before the new page is in place, so a check straight after it can read the old
 * page, or the new one before its title is set.
 */
export async function followLink(page: Page, link: Locator): Promise<void> {
  const href = await link.getAttribute("href");
  if (href === null) throw new Error("followLink: the element has no href");
  const target = new URL(href, page.url());
  await link.click();
  await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search);
}

/**
 * Fails the test on any WCAG 2.2 A/AA violation on the page as it is now. It first lets the page
 * finish loading and waits (briefly) for its title, which Next sets as the page streams in; a page
 * with no title at all still fails, on axe's document-title rule.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await page.waitForLoadState();
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

/**
 * Signs in through every step the account needs: the password, then the two-factor code (demo
 * clinicians and administrators share the published demo secret, db/seed-two-factor.ts), or
 * setting two-factor up for an account that must have it (the secret is read off the page).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
  if (new URL(page.url()).pathname === "/sign-in/two-factor") await enterTotpCode(page, email, demoTotpKey());
  if (new URL(page.url()).pathname === "/sign-in/set-up-two-factor") await setUpTwoFactor(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/**
 * The server takes each code once and never an earlier one (replay protection), and accepts the
 * next 30-second step early. So each sign-in uses a step after the last one this worker used for
 * that account, waiting for the clock when it has run ahead, and tries the next step if refused.
 */
const lastStepUsed = new Map<string, number>();
export async function enterTotpCode(page: Page, email: string, key: Uint8Array): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // A fresh page, so the refusal of the last attempt is not mistaken for this one's.
    if (attempt > 0) await page.reload();
    const now = timeStep(new Date());
    const step = Math.max(now, (lastStepUsed.get(email) ?? -Infinity) + 1);
    if (step > now + 1) await page.waitForTimeout((step - 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now() + 500);
    lastStepUsed.set(email, step);
    await page.getByLabel("Security code").fill(hotp(key, step));
    await page.getByRole("button", { name: "Continue" }).click();
    const outcome = await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith("/sign-in")).then(() => "in" as const),
      page.locator("main").getByRole("alert").waitFor().then(() => "refused" as const),
    ]);
    if (outcome === "in") return;
  }
  throw new Error(`two-factor code refused three times for ${email}`);
}

/** Reads the secret off the set-up page, as a person types it into an app, and turns two-factor on. */
export async function setUpTwoFactor(page: Page, email: string): Promise<string[]> {
  await page.getByText("I cannot scan the QR code").click();
  const key = base32Decode((await page.getByTestId("totp-secret").textContent()) ?? "");
  if (!key) throw new Error("no secret on the set-up page");
  const step = timeStep(new Date());
  lastStepUsed.set(email, step);
  await page.getByLabel("Code from your authenticator app").fill(hotp(key, step));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await list.waitFor();
  const codes = await list.getByRole("listitem").allTextContents();
  const button = page.getByRole("button", { name: /continue/i }).or(page.getByRole("link", { name: "I have saved my recovery codes" }));
  await button.click();
  return codes;
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
