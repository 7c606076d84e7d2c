import type { APIRequestContext } from "@playwright/test";
import { ConsentPage, HealthCheckPage, choose, fillDate } from "./pages/health-pages";
import { PersonFormPage } from "./pages/person-form-page";
import { PersonPage } from "./pages/person-page";
import { accounts, daysAhead, expect, expectAccessible, followLink, signIn, storageStateFor, test, testCrn } from "./fixtures";

// Unique strings typed into clinical fields: they must never reach a probation officer's browser.
const MARKERS = {
  selfHarmNote: `MARKER-SELFHARM-${Date.now()}`,
  conditions: `MARKER-CONDITION-${Date.now()}`,
};
// Words that only clinical content would contain.
const CLINICAL_WORDS = ["PHQ-9", "GAD-7", "AUDIT", "Heaviness of Smoking", "Smokes now", "higher risk", "Dyslexia", "self-harm", "BMI", MARKERS.selfHarmNote, MARKERS.conditions];

/** The page as the server sends it, both as HTML and as the React Server Component payload. */
async function rawResponses(request: APIRequestContext, path: string): Promise<string[]> {
  const html = await (await request.get(path)).text();
  const rsc = await (await request.get(path, { headers: { RSC: "1" } })).text();
  expect(html.length).toBeGreaterThan(500);
  expect(rsc.length).toBeGreaterThan(100);
  return [html, rsc];
}

test.describe.configure({ mode: "serial" });

test.describe("the health record, and what probation may see of it", () => {
  let personPath = "";

  test("a clinician records consent, completes a full health check with the PHQ-9 item 9 alert and the full AUDIT, actions the alert, updates GP registration and books a screening", async ({ browser }) => {
    // A whole journey through many pages: 45 to 55 s on this 2-core machine under CI, too near the 60 s default.
    test.setTimeout(180_000);
    // Its own sign-in, not the saved one: this test signs out, which ends that session on the server
    // (server/auth/sessions.ts), and the saved clinician sign-in is shared by later specs.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, accounts.clinician);

    // A new person, 58 years old: bowel screening applies.
    const form = new PersonFormPage(page);
    await form.openNew();
    const year = String(new Date().getFullYear() - 58);
    await form.fill({ givenName: "Lee", familyName: "Healthcheck", dob: ["3", "2", year], crn: testCrn(), sex: "Male", ethnicGroup: "White", orderType: "Community order" });
    await page.getByLabel("Assigned probation officer (optional)").selectOption({ label: "James Okafor" });
    await form.submit();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lee Healthcheck");
    personPath = new URL(page.url()).pathname;
    await expect(page.locator("main")).toContainText("Record consent to care from the hub before starting a health check.");

    const consent = new ConsentPage(page);
    await consent.open(personPath);
    await consent.record("Care from the health hub", "Gave consent");
    await consent.record("Sharing health status with probation", "Gave consent");
    await consent.checkAccessible("consent recorded");

    const person = new PersonPage(page);
    await person.open(personPath);
    await followLink(page, page.getByRole("link", { name: "Start a health check" }));
    await expectAccessible(page, "start health check");
    await choose(page, "Which appointment is this health check part of?", "Not linked to an appointment");
    await page.getByRole("button", { name: "Start health check" }).click();

    const check = new HealthCheckPage(page);
    await check.backToTaskList();
    await check.checkAccessible("task list");
    await check.smoking();
    await check.alcohol();
    await check.drugs();
    await check.mood();
    // The alert shows on the task list as soon as question 9 is answered above 0.
    await expect(page.locator("main")).toContainText("same-day");

    // The draft survives signing out: sign in again and carry on where we were.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, accounts.clinician);
    await page.goto(personPath);
    await page.getByRole("link", { name: "Continue health check" }).click();
    await check.backToTaskList();
    await expect(page.locator("main")).toContainText("You have completed 4 of 7 sections.");
    await check.selfHarm(MARKERS.selfHarmNote);
    await check.neurodiversity();
    await check.physical(MARKERS.conditions);
    await check.checkAccessible("task list, all done");
    await page.getByRole("button", { name: "Complete health check" }).click();

    // The result: scores and bands computed on the server.
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/result/i);
    const main = page.locator("main");
    await expect(main).toContainText("AUDIT 16-19: higher risk: brief advice and follow-up");
    await expect(main).toContainText("AUDIT-C 5 or more: positive");
    await expect(main).toContainText("PHQ-9 5-9: mild depression");
    await expect(main).toContainText("GAD-7 10-14: moderate anxiety");
    await expect(main).toContainText("Heaviness of Smoking Index 5-6: high dependence");
    await expect(main).toContainText("26.1");
    await expectAccessible(page, "health check result");

    // Record the same-day action; the alert leaves the worklist.
    await followLink(page, page.getByRole("link", { name: /Record the action taken|action/i }).first());
    await expectAccessible(page, "alert");
    await choose(page, "What action was taken today?", "Same-day clinical review done");
    await page.getByRole("button", { name: /Save|Record/ }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await page.goto("/worklist");
    await expectAccessible(page, "worklist");
    await expect(page.locator("#alerts")).not.toContainText("Lee Healthcheck");

    // GP registration.
    await page.goto(`${personPath}/gp-registration`);
    await expectAccessible(page, "GP registration");
    await choose(page, "Is the person registered with a GP practice?", "Registered with a GP");
    await page.getByLabel("GP practice name").fill("Mill Road Surgery");
    await page.getByLabel("Practice ODS code").fill("d81001");
    await choose(page, "Type of registration (if registered)", "Permanent");
    const today = daysAhead(0);
    await fillDate(page, "Date registered", today);
    await page.getByRole("button", { name: /Save/ }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await expect(page.locator("main")).toContainText("D81001");

    // Book bowel screening.
    await page.goto(`${personPath}/screening`);
    await expectAccessible(page, "screening");
    await page.getByRole("link", { name: "Bowel cancer screening" }).click();
    await choose(page, "What has the hub done?", "Booked");
    await fillDate(page, "Date booked for", daysAhead(12));
    await page.getByRole("button", { name: /Save/ }).click();
    await expect(page.getByRole("status")).toBeVisible();

    // The person page shows the health summary.
    await person.open(personPath);
    await expect(person.page.locator("main")).toContainText("Mill Road Surgery");
    await context.close();
  });

  test("the officer sees only the permitted status, and nothing clinical reaches their browser", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const page = await context.newPage();
    const person = new PersonPage(page);
    await person.open(personPath);
    const card = page.locator("section[aria-labelledby=health-status-heading]");
    await expect(card).toContainText("Registered with a GP");
    await expect(card).toContainText("Yes");
    await expect(card).toContainText("Bowel cancer screening: booked");
    await expect(card).toContainText("Done on");
    await expect(page.locator("main")).not.toContainText("Health record");

    for (const body of await rawResponses(context.request, personPath)) {
      for (const word of CLINICAL_WORDS) expect(body, `officer response contains "${word}"`).not.toContain(word);
    }
    // Control: the same raw responses for a clinician do carry the clinical summary, so the check above can fail.
    const clinician = await browser.newContext({ storageState: storageStateFor("clinician") });
    for (const body of await rawResponses(clinician.request, personPath)) expect(body).toContain("PHQ-9");
    await clinician.close();
    // Clinical pages answer 403 to an officer.
    for (const path of [`${personPath}/consent`, `${personPath}/gp-registration`, `${personPath}/screening`, `${personPath}/health-checks/new`, "/worklist"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    await context.close();
  });

  test("withdrawing consent to share hides the status from probation at once", async ({ browser }) => {
    const clinician = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await clinician.newPage();
    const consent = new ConsentPage(page);
    await consent.open(personPath);
    await followLink(page, page.getByRole("link", { name: /Withdraw/ }).filter({ hasText: /sharing|probation/i }).first());
    await expectAccessible(page, "withdraw consent");
    await page.getByRole("button", { name: "Withdraw consent" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await clinician.close();

    const officer = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const officerPage = await officer.newPage();
    await new PersonPage(officerPage).open(personPath);
    const card = officerPage.locator("section[aria-labelledby=health-status-heading]");
    await expect(card).toContainText("has not agreed to share health information with probation");
    for (const body of await rawResponses(officer.request, personPath)) {
      expect(body).not.toContain("Bowel cancer screening");
      expect(body).not.toContain("Mill Road Surgery");
    }
    await officer.close();
  });
});
