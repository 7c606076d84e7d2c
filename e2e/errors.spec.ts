import { expect, expectAccessible, storageStateFor, test } from "./fixtures";

// What a user sees when a page does not exist or the server fails: a friendly page, the right
// status, and nothing of the failure itself (no message, no stack, no personal data).
const STACK_LINE = /\n\s+at [\w.<>]+ \(|webpack|node_modules|\.tsx?:\d+/;

test.describe("friendly error pages", () => {
  test("an unknown address answers 404 with the friendly page, signed out", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const response = await page.goto("/no-such-page-here");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("link", { name: "Go to your start page" })).toBeVisible();
    await expectAccessible(page, "not found page, signed out");
    await context.close();
  });

  test("a person that does not exist answers 404 with the same page as one at another site", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await context.newPage();
    for (const path of ["/people/00000000-0000-4000-8000-000000000000", "/people/not-an-id", "/people/00000000-0000-4000-8000-000000000000/history"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    }
    await context.close();
  });

  test("a failure on the server shows the friendly 500 page with no message or stack trace", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const response = await page.goto("/e2e/server-error");
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sorry, there is a problem with the service");
    const html = (await response?.text()) ?? "";
    const shown = await page.locator("body").innerText();
    for (const text of [html, shown]) {
      expect(text).not.toContain("SECRET-STACK-MARKER");
      expect(text).not.toContain("9434765919");
      expect(text).not.toContain("E2E forced failure");
    }
    expect(shown).not.toMatch(STACK_LINE);
    await expectAccessible(page, "server error page");
    await context.close();
  });
});
