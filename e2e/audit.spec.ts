import { CaseloadPage } from "./pages/caseload-page";
import { expect, expectAccessible, storageStateFor, test } from "./fixtures";

/** The path of the first person on the Cambridge clinician's caseload. */
async function aCambridgePerson(browser: import("@playwright/test").Browser): Promise<string> {
  const context = await browser.newContext({ storageState: storageStateFor("clinician") });
  const caseload = new CaseloadPage(await context.newPage());
  await caseload.open();
  const path = await caseload.firstPersonPath();
  await context.close();
  return path;
}

test.describe("audit trail and subject access", () => {
  test("a clinician sees who has viewed or changed a record, filtered and paged", async ({ browser }) => {
    const personPath = await aCambridgePerson(browser);
    const context = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await context.newPage();
    await page.goto(personPath);
    await page.getByRole("link", { name: "Who has viewed or changed this record" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who has viewed or changed this record");
    const rows = page.locator("main table tbody tr");
    // This very visit is at the top, and the person page view just before it is listed too.
    await expect(rows.first()).toContainText("Viewed who has viewed or changed the record");
    await expect(page.locator("main table")).toContainText("Viewed the person's record");
    await expect(rows.first()).toContainText("Clinician");
    await expectAccessible(page, "record history");

    await page.getByRole("link", { name: "Changes" }).click();
    await expect(page).toHaveURL(/show=change/);
    await expect(page.locator("main")).not.toContainText("Viewed the person's record");
    await expectAccessible(page, "record history, changes only");
    await context.close();
  });

  test("a clinician reads the subject access report and downloads it as JSON", async ({ browser }) => {
    const personPath = await aCambridgePerson(browser);
    const context = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await context.newPage();
    await page.goto(personPath);
    await page.getByRole("link", { name: "Subject access report" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Subject access report");
    for (const section of ["Identity and probation details", "Consents", "Appointments", "Health checks (answers and scores)", "GP registration", "Screening", "Referrals", "Treatment requirements", "Please-see requests", "Same-day alerts", "Who has viewed or changed this record"]) {
      await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
    }
    await expectAccessible(page, "subject access report");

    const personId = personPath.split("/").pop() ?? "";
    const download = await page.request.get(`${personPath}/subject-access/export`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="subject-access-[A-Z]\d{6}-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(download.headers()["cache-control"]).toContain("no-store");
    const report = (await download.json()) as { person: { id: string }; sections: { key: string; records: unknown[] }[] };
    expect(report.person.id).toBe(personId);
    expect(report.sections.find((s) => s.key === "identity")?.records).toHaveLength(1);
    await context.close();
  });

  test("an officer cannot open the record history or the subject access report", async ({ browser }) => {
    const personPath = await aCambridgePerson(browser);
    const context = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const page = await context.newPage();
    await page.goto(personPath);
    await expect(page.getByRole("link", { name: "Who has viewed or changed this record" })).toHaveCount(0);
    for (const path of [`${personPath}/history`, `${personPath}/subject-access`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to see this page");
    }
    const download = await page.request.get(`${personPath}/subject-access/export`);
    expect(download.status()).toBe(403);
    expect(await download.text()).not.toContain("{");
    await context.close();
  });

  test("an administrator searches the audit trail, sees errors next to fields and downloads CSV", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("administrator") });
    const page = await context.newPage();
    await page.goto("/admin/users");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
    await expectAccessible(page, "audit search");

    await page.getByLabel("User's email address").fill("not-an-email");
    await page.locator("#fromDay").fill("31");
    await page.locator("#fromMonth").fill("2");
    await page.locator("#fromYear").fill("2026");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Enter an email address in the correct format");
    await expect(page.locator("#user-error")).toContainText("Enter an email address in the correct format");
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Start date must be a real date");
    await expectAccessible(page, "audit search with errors");

    await page.getByLabel("User's email address").fill("clinician.cambridge@hub.example");
    await page.locator("#fromDay").fill("");
    await page.locator("#fromMonth").fill("");
    await page.locator("#fromYear").fill("");
    await page.getByLabel("Action").selectOption("sign-in");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { level: 2, name: /\d+ events?/ })).toBeVisible();
    await expect(page.locator("main table")).toContainText("Signed in");
    await expectAccessible(page, "audit search results");

    const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const csv = await page.request.get(csvHref ?? "");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-events-/);
    const body = await csv.text();
    expect(body).toContain("clinician.cambridge@hub.example");
    expect(body).toContain("Signed in");
    await context.close();
  });

  test("the audit search is for administrators only", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await context.newPage();
    const response = await page.goto("/admin/audit");
    expect(response?.status()).toBe(403);
    expect((await page.request.get("/admin/audit/export")).status()).toBe(403);
    await context.close();
  });
});
