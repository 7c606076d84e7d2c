import type { Page, Route } from "@playwright/test";
import { CaseloadPage } from "./pages/caseload-page";
import { expect, storageStateFor, test } from "./fixtures";

/**
 * A double-clicked or replayed create makes one record. The please-see request has nothing unique
 * in it (two requests with the same reason are allowed), so only the idempotency key stops a
 * duplicate. Every POST of the form is sent to the server twice (as a flaky network or a resend
 * would), and the button is double-clicked.
 */

async function pleaseSeePath(page: Page): Promise<string> {
  const caseload = new CaseloadPage(page);
  await caseload.open();
  return `${await caseload.firstPersonPath()}/please-see`;
}

/** Sends each POST to `path` twice, byte for byte, and gives the browser the second answer. */
async function replayPosts(page: Page, path: string): Promise<{ posts: number }> {
  const seen = { posts: 0 };
  await page.route(
    (url) => url.pathname === path,
    async (route: Route) => {
      if (route.request().method() !== "POST") return route.continue();
      seen.posts += 1;
      await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response: await route.fetch({ maxRedirects: 0 }) });
    },
  );
  return seen;
}

test.describe("a repeated please-see request makes one request", () => {
  test.use({ storageState: storageStateFor("probation_officer") });

  test("double-clicked, with every submission sent twice", async ({ page }) => {
    const path = await pleaseSeePath(page);
    await page.goto(path);
    const note = `Double click ${Date.now()}`;
    await page.getByLabel("General health concern").check();
    await page.getByLabel("Anything the hub should know (optional)").fill(note);
    const seen = await replayPosts(page, path);
    await page.getByRole("button", { name: "Send request to the hub" }).dblclick();

    await expect(page.getByRole("status")).toContainText("Request sent to the hub");
    expect(seen.posts).toBeGreaterThanOrEqual(1);
    await expect(page.locator("main table tbody tr").filter({ hasText: note })).toHaveCount(1);

    // The same form, used again for a new request, makes a new one: the key was not reused.
    const second = `${note} again`;
    await page.getByLabel("General health concern").check();
    await page.getByLabel("Anything the hub should know (optional)").fill(second);
    await page.getByRole("button", { name: "Send request to the hub" }).click();
    await expect(page.locator("main table tbody tr").filter({ hasText: second })).toHaveCount(1);
    await expect(page.locator("main table tbody tr").filter({ hasText: note })).toHaveCount(2);
  });

  test("without JavaScript: the page's own key makes a resent form one request, and a fresh page has a fresh key", async ({ browser, page }) => {
    const path = await pleaseSeePath(page);
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: storageStateFor("probation_officer") });
    const nojs = await context.newPage();
    await nojs.goto(path);
    const key = nojs.locator('input[type="hidden"][name="idempotencyKey"]');
    const first = await key.inputValue();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await nojs.reload();
    expect(await key.inputValue()).not.toBe(first);

    const note = `No script ${Date.now()}`;
    await nojs.getByLabel("General health concern").check();
    await nojs.getByLabel("Anything the hub should know (optional)").fill(note);
    const seen = await replayPosts(nojs, path);
    await nojs.getByRole("button", { name: "Send request to the hub" }).click();
    await expect(nojs.getByRole("status")).toContainText("Request sent to the hub");
    expect(seen.posts).toBe(1);
    await expect(nojs.locator("main table tbody tr").filter({ hasText: note })).toHaveCount(1);
    await context.close();
  });
});
