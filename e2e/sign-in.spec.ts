import { roles } from "../domain/roles";
import { DEMO_RECOVERY_CODES } from "../db/seed-two-factor";
import { hotp, timeStep } from "../domain/totp";
import { demoTotpKey } from "../db/seed-two-factor";
import { accounts, DEMO_PASSWORD, expect, expectAccessible, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function passwordOnly(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const landing = {
  clinician: { path: /\/caseload$/, heading: "Caseload" },
  probation_officer: { path: /\/caseload\?mine=1$/, heading: "My cases" },
  pilot_manager: { path: /\/dashboards$/, heading: "Pilot dashboard" },
  administrator: { path: /\/admin\/users$/, heading: "Users" },
} as const;

test.describe("signing in", () => {
  test("the sign-in page is accessible and refuses a wrong password without saying which part was wrong", async ({ page }) => {
    await page.goto("/caseload");
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page);
    await page.getByLabel("Email address").fill(accounts.clinician);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const summary = page.locator("main").getByRole("alert");
    await expect(summary).toContainText("Enter a correct email address and password");
    await expect(page.getByLabel("Email address")).toHaveValue(accounts.clinician);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessible(page, "sign-in with error");
  });

  test("empty fields get a message each", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    const summary = page.locator("main").getByRole("alert");
    await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
  });

  for (const role of roles) {
    test(`a ${role} lands on their start page and can sign out`, async ({ page }) => {
      await signIn(page, accounts[role]);
      await expect(page).toHaveURL(landing[role].path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(landing[role].heading);
      await expectAccessible(page);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/sign-in/);
      await page.goto("/caseload");
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }

  test("a clinician is asked for a code after the password; a wrong code is refused and no session exists until a right one", async ({ page }) => {
    const email = "clinician.middlesbrough@hub.example";
    await passwordOnly(page, email);
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter your security code");
    await expectAccessible(page);
    // Not signed in yet: a page of the service still sends us to sign in.
    const other = await page.context().newPage();
    await other.goto("/caseload");
    await expect(other).toHaveURL(/\/sign-in/);
    await other.close();

    const key = demoTotpKey();
    const now = timeStep(new Date());
    const valid = new Set([-1, 0, 1].map((d) => hotp(key, now + d)));
    const wrong = ["000000", "111111", "222222"].find((c) => !valid.has(c)) ?? "333333";
    await page.getByLabel("Security code").fill(wrong);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Enter a correct code");
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessible(page, "two-factor with error");
    await page.getByLabel("Security code").fill("12");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Enter the 6-digit code");
  });

  test("a recovery code signs in once and is then refused", async ({ page }) => {
    const email = "clinician.ilfracombe@hub.example";
    const code = DEMO_RECOVERY_CODES[0] ?? "";
    await passwordOnly(page, email);
    await page.getByLabel("Security code").fill(code.toUpperCase());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/caseload$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await passwordOnly(page, email);
    await page.getByLabel("Security code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Enter a correct code");
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  });

  test("after 10 wrong passwords the account is refused even with the right one, with the same message", async ({ page }) => {
    const email = "officer2.hammersmith@hub.example";
    for (let i = 0; i < 10; i++) {
      await passwordOnly(page, email, `not the password ${i}`);
      await expect(page.locator("main").getByRole("alert")).toContainText("Enter a correct email address and password");
    }
    await passwordOnly(page, email);
    const alert = page.locator("main").getByRole("alert");
    await expect(alert).toContainText("Enter a correct email address and password");
    await expect(alert).toContainText("wait 15 minutes");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectAccessible(page, "throttled sign-in");
  });

  test("the two-factor step cannot be reached without a right password", async ({ page }) => {
    await page.goto("/sign-in/two-factor");
    await expect(page).toHaveURL(/\/sign-in\?expired=1/);
    await expect(page.getByRole("status")).toContainText("Your sign-in has timed out");
  });
});

