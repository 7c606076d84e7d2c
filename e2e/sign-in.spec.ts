import { roles } from "../domain/roles";
import { accounts, expect, expectAccessible, signIn, test } from "./fixtures";

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
});
