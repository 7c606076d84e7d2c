import { expect, expectAccessible, followLink, setUpTwoFactor, signIn, storageStateFor, test } from "./fixtures";

// Accounts no other spec signs in as: each test changes its account for the rest of the run.
const PASSWORD_CHANGER = "officer2.middlesbrough@hub.example";
const REQUIRED_BY_ADMIN = "officer.middlesbrough@hub.example";
const OPTS_IN = "officer2.ilfracombe@hub.example";

test.describe("your account", () => {
  test("change your password: the current one is checked, a common one refused, then the new one signs in", async ({ page }) => {
    await signIn(page, PASSWORD_CHANGER);
    await page.getByRole("link", { name: "Your account" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change your password");
    await expectAccessible(page);

    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill("password1234");
    await page.getByLabel("Confirm new password").fill("password1234");
    await page.getByRole("button", { name: "Change password" }).click();
    const summary = page.locator("main").getByRole("alert");
    await expect(summary.getByRole("link", { name: /on a list of common passwords/ })).toBeVisible();
    await expectAccessible(page, "change password with errors");

    const fresh = "quiet otter lantern harbour";
    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel("Confirm new password").fill(fresh);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(summary.getByRole("link", { name: "Enter your current password correctly" })).toBeVisible();

    await page.getByLabel("Current password").fill("hub-demo-password-2026");
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel("Confirm new password").fill(fresh);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toContainText("Your password has been changed");
    // This browser stays signed in.
    await page.goto("/caseload?mine=1");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My cases");

    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, PASSWORD_CHANGER, fresh);
    await expect(page).toHaveURL(/\/caseload/);
  });

  test("an officer can turn on two-factor from their account and gets ten recovery codes", async ({ page }) => {
    await signIn(page, OPTS_IN);
    await page.goto("/account/two-factor");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor sign-in");
    await expectAccessible(page);
    await followLink(page, page.getByRole("link", { name: "Set up two-factor sign-in" }));
    await expectAccessible(page, "set up two-factor");
    await page.getByLabel("Code from your authenticator app").fill("12345");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Enter the 6-digit code");
    const codes = await setUpTwoFactor(page, OPTS_IN);
    expect(codes).toHaveLength(10);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor sign-in");
    await expect(page.locator("main")).toContainText("10");
  });
});

test.describe("two-factor required by an administrator", () => {
  test("the officer must set it up at their next sign-in, before reaching anything else", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: storageStateFor("administrator") });
    const adminPage = await admin.newPage();
    await adminPage.goto(`/admin/users?q=${encodeURIComponent(REQUIRED_BY_ADMIN)}`);
    await adminPage.locator("main table tbody tr").filter({ hasText: REQUIRED_BY_ADMIN }).getByRole("link").first().click();
    await adminPage.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    const userUrl = adminPage.url();
    await adminPage.getByRole("button", { name: "Require two-factor sign-in" }).click();
    await expect(adminPage.getByRole("status")).toContainText("Two-factor sign-in required");
    await expectAccessible(adminPage, "user page with two-factor required");
    await admin.close();

    await page.goto("/sign-in");
    await page.getByLabel("Email address", { exact: true }).fill(REQUIRED_BY_ADMIN);
    await page.getByLabel("Password", { exact: true }).fill("hub-demo-password-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/set-up-two-factor/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up two-factor sign-in");
    await expect(page.locator("main svg")).toBeVisible();
    await expectAccessible(page, "set up two-factor at sign-in");
    // Nothing else is reachable yet.
    const other = await page.context().newPage();
    await other.goto("/caseload?mine=1");
    await expect(other).toHaveURL(/\/sign-in/);
    await other.close();

    const codes = await setUpTwoFactor(page, REQUIRED_BY_ADMIN);
    expect(codes).toHaveLength(10);
    await expect(page).toHaveURL(/\/caseload\?mine=1$/);

    // Lost phone: the administrator resets it, which signs the officer out; they set it up again.
    const again = await browser.newContext({ storageState: storageStateFor("administrator") });
    const adminAgain = await again.newPage();
    await adminAgain.goto(userUrl);
    await expect(adminAgain.locator("main")).toContainText("10 recovery codes left");
    await adminAgain.getByRole("button", { name: "Reset two-factor sign-in" }).click();
    await expect(adminAgain.getByRole("status")).toContainText("Two-factor sign-in reset");
    await again.close();
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Email address", { exact: true }).fill(REQUIRED_BY_ADMIN);
    await page.getByLabel("Password", { exact: true }).fill("hub-demo-password-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/set-up-two-factor/);
  });
});
