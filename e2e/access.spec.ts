import { BookAppointmentPage } from "./pages/appointment-pages";
import { CaseloadPage } from "./pages/caseload-page";
import { PersonPage } from "./pages/person-page";
import { daysAhead, expect, expectAccessible, otherSite, signIn, storageStateFor, test } from "./fixtures";

/** Books a probation appointment 9 days ahead at `time` for the person; answers its page's path. */
async function bookFutureAppointment(page: import("@playwright/test").Page, personPath: string, time: string): Promise<string> {
  const person = new PersonPage(page);
  await person.open(personPath);
  await page.getByRole("link", { name: "Book an appointment" }).click();
  await new BookAppointmentPage(page).book({ kind: "Probation appointment", type: "Supervision", date: daysAhead(9), time, minutes: "30" });
  await expect(page.getByRole("status")).toContainText("Appointment booked");
  const booked = person.timelineRows().filter({ hasText: time }).filter({ hasText: "Booked" }).first();
  const href = (await booked.getByRole("link", { name: /Cancel or reschedule/ }).getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/appointments\/[0-9a-f-]{36}$/);
  return href;
}

/** A person and one of their appointments at Hammersmith, found by a Hammersmith user. */
async function hammersmithRecord(browser: import("@playwright/test").Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, otherSite.officer);
  const caseload = new CaseloadPage(page);
  await caseload.open();
  const personPath = await caseload.firstPersonPath();
  await page.goto(personPath);
  const appointmentHref = await page.locator("main table tbody tr").getByRole("link", { name: /Record outcome|Cancel or reschedule|View/ }).first().getAttribute("href");
  return { context, page, personPath, appointmentPath: appointmentHref ?? "" };
}

test.describe("site and role boundaries", () => {
  test("an officer cannot open a person or appointment at another site by typing its URL", async ({ browser }) => {
    const other = await hammersmithRecord(browser);
    const context = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const page = await context.newPage();
    for (const path of [other.personPath, `${other.personPath}/edit`, `${other.personPath}/appointments/new`, other.appointmentPath]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    }
    await expectAccessible(page, "not found page");
    await context.close();
    await other.context.close();
  });

  test("a pilot manager and an administrator see no named records", async ({ browser }) => {
    for (const role of ["pilot_manager", "administrator"] as const) {
      const context = await browser.newContext({ storageState: storageStateFor(role) });
      const page = await context.newPage();
      for (const path of ["/caseload", "/people/new", "/appointments"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${role} ${path}`).toBe(403);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to see this page");
      }
      await expectAccessible(page, "forbidden page");
      await context.close();
    }
  });

  test("server actions called directly change nothing without a session or for another site's record", async ({ browser, playwright }) => {
    const other = await hammersmithRecord(browser);
    // A Hammersmith appointment that still needs an outcome, booked here: the seeded week may have
    // none left (on a Saturday every seeded appointment of the week is in the past).
    const targetPath = await bookFutureAppointment(other.page, other.personPath, "09:05");
    const targetId = targetPath.split("/").pop() ?? "";

    // Capture a real outcome submission by a Cambridge officer, to learn the action id and body shape.
    const context = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const page = await context.newPage();
    const caseload = new CaseloadPage(page);
    await caseload.open("?mine=1");
    await page.goto(await bookFutureAppointment(page, await caseload.firstPersonPath(), "09:10"));
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);
    const ownId = page.url().split("/").pop() ?? "";
    expect(targetId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByLabel("Cancelled").check();
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
      page.getByRole("button", { name: "Save outcome" }).click(),
    ]);
    await expect(page.getByRole("status")).toContainText("Outcome saved");
    const headers = { "next-action": request.headers()["next-action"] ?? "", "content-type": request.headers()["content-type"] ?? "", origin: "http://localhost:3100" };
    const captured = (request.postDataBuffer() ?? Buffer.from("")).toString("latin1");
    expect(captured).toContain(ownId);
    const body = captured.split(ownId).join(targetId);
    const url = request.url();

    // 1. Replayed as the Cambridge officer against the Hammersmith appointment.
    const replay = await context.request.post(url, { headers, data: Buffer.from(body, "latin1"), maxRedirects: 0 });
    expect(replay.status()).toBeLessThan(500);
    // 2. Replayed with no session at all.
    const anonymous = await playwright.request.newContext({ baseURL: "http://localhost:3100" });
    const noSession = await anonymous.post(url, { headers, data: Buffer.from(body, "latin1"), maxRedirects: 0 });
    expect(noSession.status()).toBeLessThan(500);

    // The Hammersmith officer still sees it waiting for an outcome.
    await other.page.goto(targetPath);
    await expect(other.page.getByRole("heading", { name: "Record the outcome" })).toBeVisible();
    await expect(other.page.locator("main dl")).toContainText("Booked");

    await anonymous.dispose();
    await context.close();
    await other.context.close();
  });
});
