import type { Page } from "@playwright/test";
import { PersonFormPage } from "./pages/person-form-page";
import { demoTotpKey } from "../db/seed-two-factor";
import { DEMO_PASSWORD, enterTotpCode, expect, expectAccessible, signIn, test, testCrn } from "./fixtures";

/**
 * Sessions: 30 minutes idle, a warning 5 minutes before, return to the same page after signing in
 * again, and a form's typed values kept across a timeout. Each test signs in afresh (its own
 * session, never a saved one that other specs share). Time is moved on both sides: the browser's
 * clock with page.clock, the server's record of the session with the end-to-end hook
 * POST /api/e2e/session (only on the test server, HUB_E2E_HOOKS=1), which makes the caller's own
 * session look older. The server runs on the default 30/12h limits.
 */

const ACCOUNT = "officer2.cambridge@hub.example";

async function ageSession(page: Page, minutes: number): Promise<void> {
  const response = await page.request.post("/api/e2e/session", { data: { minutes } });
  expect(response.status(), "the end-to-end session hook").toBe(204);
}

async function signInWithClock(page: Page): Promise<void> {
  await page.clock.install();
  await signIn(page, ACCOUNT);
}

async function fillSignIn(page: Page): Promise<void> {
  await page.getByLabel("Email address", { exact: true }).fill(ACCOUNT);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
  // Officers need no second factor unless an administrator requires it; cope if one does.
  if (new URL(page.url()).pathname === "/sign-in/two-factor") await enterTotpCode(page, ACCOUNT, demoTotpKey());
}

/**
 * The warning arms its timer when React has hydrated the page. Moving the clock on before that
 * would arm it 30 minutes after the jump, so wait until the dialog is a hydrated React node.
 */
async function waitForWarningArmed(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const dialog = document.querySelector("dialog");
    return dialog !== null && Object.keys(dialog).some((key) => key.startsWith("__reactFiber"));
  });
}

const warning = (page: Page) => page.getByRole("alertdialog", { name: "You're about to be signed out" });

test.describe("session timeout", () => {
  test("warns 5 minutes before the idle timeout; Stay signed in starts the 30 minutes again", async ({ page }) => {
    await signInWithClock(page);
    await page.goto("/caseload");
    await waitForWarningArmed(page);
    await expect(warning(page)).toBeHidden();

    // 26 minutes without a request: the server has 4 minutes left when the page's timer fires.
    await ageSession(page, 26);
    await page.clock.fastForward("25:30");
    await expect(warning(page)).toBeVisible();
    await expect(warning(page).getByRole("heading", { name: "You're about to be signed out" })).toBeFocused();
    await expect(warning(page)).toContainText(/we will sign you out in [34] minutes?/);
    await expect(warning(page).locator("[aria-live]")).toHaveText(/We will sign you out in [34] minutes\./);
    await expectAccessible(page, "timeout warning");

    await warning(page).getByRole("button", { name: "Stay signed in" }).click();
    await expect(warning(page)).toBeHidden();

    // Had "Stay signed in" not reached the server, 26 + 29 minutes idle would have ended the session.
    await ageSession(page, 29);
    await page.goto("/caseload");
    await expect(page).toHaveURL(/\/caseload$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/caseload/i);
  });

  test("moving the mouse and typing do not keep an unattended page signed in", async ({ page }) => {
    await signInWithClock(page);
    await page.goto("/caseload?page=1");
    await waitForWarningArmed(page);
    await ageSession(page, 20);
    // Activity in the page alone: no request to the server (over blank space, not a link, which
    // the router would prefetch).
    await page.locator("main").hover({ position: { x: 2, y: 2 } });
    await page.locator("main").click({ position: { x: 2, y: 2 } });
    await page.keyboard.press("Shift");
    await ageSession(page, 11);
    await page.clock.fastForward("25:30");

    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fcaseload%3Fpage%3D1&reason=idle$/);
    await expect(page.getByRole("status")).toContainText("You were signed out after 30 minutes without activity");
    await expectAccessible(page, "sign-in after a timeout");

    // Signing in again goes straight back to where they were.
    await fillSignIn(page);
    await expect(page).toHaveURL(/\/caseload\?page=1$/);
  });

  test("opening a page after the session timed out asks to sign in and then returns to that page", async ({ page }) => {
    await signInWithClock(page);
    await page.goto("/caseload");
    await ageSession(page, 31);
    await page.goto("/people/new?from=timeout");
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fpeople%2Fnew%3Ffrom%3Dtimeout$/);
    await fillSignIn(page);
    await expect(page).toHaveURL(/\/people\/new\?from=timeout$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add a person");
  });

  test("a form sent after the session ended keeps what was typed; after signing in again in a new tab it saves", async ({ page, context }) => {
    await signInWithClock(page);
    const crn = testCrn();
    const form = new PersonFormPage(page);
    await form.openNew();
    await form.fill({
      givenName: "Dana",
      familyName: "Timeout",
      dob: ["3", "5", "1990"],
      crn,
      sex: "Female",
      ethnicGroup: "Mixed or multiple ethnic groups",
      orderType: "Community order",
    });
    await ageSession(page, 31);
    await form.submit();

    const summary = form.errorSummary();
    await expect(summary).toContainText("Your session has ended. Sign in again in a new tab, then come back and submit again.");
    await expect(page).toHaveURL(/\/people\/new$/);
    await expect(page.getByLabel("Given name")).toHaveValue("Dana");
    await expect(page.getByLabel("Family name")).toHaveValue("Timeout");
    await expect(page.getByLabel("CRN (case reference number)")).toHaveValue(crn);
    await expectAccessible(page, "form after the session ended");

    const [signInTab] = await Promise.all([context.waitForEvent("page"), summary.getByRole("link", { name: "Sign in again (opens in a new tab)" }).click()]);
    await signInTab.waitForLoadState();
    await expect(signInTab).toHaveURL(/\/sign-in\?returnTo=%2Fsigned-in-again$/);
    await fillSignIn(signInTab);
    await expect(signInTab.getByRole("heading", { level: 1 })).toHaveText("You're signed in again");
    await expect(signInTab.getByText("You can close this tab.")).toBeVisible();
    await expectAccessible(signInTab, "signed in again");
    await signInTab.close();

    await page.bringToFront();
    await form.submit();
    await expect(page.getByRole("status")).toContainText("Dana Timeout has been added");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dana Timeout");
  });

  test("signing out ends the session on the server: a copy of the old cookie no longer works", async ({ page, context, browser, baseURL }) => {
    await signInWithClock(page);
    await page.goto("/caseload");
    const saved = await context.storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    const replay = await browser.newContext({ storageState: saved, baseURL });
    const replayed = await replay.newPage();
    await replayed.goto("/caseload");
    await expect(replayed).toHaveURL(/\/sign-in\?returnTo=%2Fcaseload$/);
    await replay.close();
  });

  test("the warning's Sign out button signs out at once", async ({ page }) => {
    await signInWithClock(page);
    await page.goto("/caseload");
    await waitForWarningArmed(page);
    await ageSession(page, 26);
    await page.clock.fastForward("25:30");
    await warning(page).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/caseload");
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fcaseload$/);
  });
});
