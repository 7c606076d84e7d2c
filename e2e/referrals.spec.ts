import { ConsentPage, HealthCheckPage, choose, fillDate } from "./pages/health-pages";
import { PersonFormPage } from "./pages/person-form-page";
import { PersonPage } from "./pages/person-page";
import { daysAhead, expect, expectAccessible, followLink, storageStateFor, test, testCrn } from "./fixtures";

test.describe.configure({ mode: "serial" });

test.describe("referrals, from a health check finding to attended treatment", () => {
  let personPath = "";
  let referralPath = "";

  test("a clinician refers from a finding, records acceptance, books and records attendance, and closes it; the officer sees each status", async ({ browser }) => {
    // A whole journey through many pages: 45 to 55 s on this 2-core machine under CI, too near the 60 s default.
    test.setTimeout(180_000);
    const clinician = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await clinician.newPage();
    const officer = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const officerPage = await officer.newPage();

    const form = new PersonFormPage(page);
    await form.openNew();
    await form.fill({ givenName: "Robin", familyName: "Referral", dob: ["14", "8", "1990"], crn: testCrn(), sex: "Male", ethnicGroup: "White", orderType: "Licence" });
    await page.getByLabel("Assigned probation officer (optional)").selectOption({ label: "James Okafor" });
    await form.submit();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Robin Referral");
    personPath = new URL(page.url()).pathname;

    const consent = new ConsentPage(page);
    await consent.open(personPath);
    await consent.record("Care from the health hub", "Gave consent");
    await consent.record("Sharing health status with probation", "Gave consent");

    await page.goto(`${personPath}/health-checks/new`);
    await choose(page, "Which appointment is this health check part of?", "Not linked to an appointment");
    await page.getByRole("button", { name: "Start health check" }).click();
    const check = new HealthCheckPage(page);
    await check.backToTaskList();
    await check.smoking();
    await check.alcohol();
    await check.drugs();
    await check.mood();
    await check.selfHarm("Discussed");
    await check.neurodiversity();
    await check.physical("None");
    await page.getByRole("button", { name: "Complete health check" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/result/i);

    // Refer from the finding: current smoker -> stop smoking service.
    const person = new PersonPage(page);
    await person.open(personPath);
    await followLink(page, page.locator("section[aria-labelledby=referrals-heading]").getByRole("link", { name: /referral/i }).first());
    await expectAccessible(page, "new referral");
    const suggestion = page.locator("section[aria-labelledby=suggestions-heading] li", { hasText: "Stop smoking" }).first();
    await expect(suggestion).toBeVisible();
    await suggestion.getByRole("link", { name: /Use this suggestion/ }).click();
    const service = page.getByLabel("Service");
    if ((await service.inputValue()) === "") {
      const firstStopSmoking = await page.locator('optgroup[label="Stop smoking service"] option').first().getAttribute("value");
      await service.selectOption(firstStopSmoking ?? "");
    }
    await expect(page.getByLabel("Reason for the referral")).not.toHaveValue("");
    await choose(page, "Has the person agreed to this referral?", "Yes");
    await page.getByRole("button", { name: "Send referral" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/referral/i);
    await expect(page.locator("main")).toContainText("Sent");
    await expectAccessible(page, "referral sent");
    referralPath = new URL(page.url()).pathname;

    const officerSees = async (status: string) => {
      await officerPage.goto(personPath);
      const card = officerPage.locator("section[aria-labelledby=probation-referrals-heading]");
      await expect(card).toContainText("Stop smoking service");
      await expect(card).toContainText(status);
      await expect(card).not.toContainText("Heaviness");
    };
    await officerSees("Sent");

    // An invalid step is not offered; the allowed ones are.
    await expect(page.getByLabel("The person attended their first appointment")).toHaveCount(0);
    const step = async (label: string, extra?: () => Promise<void>) => {
      await page.goto(referralPath);
      await page.getByLabel(label).check();
      if (extra) await extra();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByRole("status")).toBeVisible();
    };
    await step("The service accepted the referral");
    await officerSees("Accepted");
    await step("The first appointment has been booked", async () => {
      await fillDate(page, "Date of the first appointment", daysAhead(-1));
      await page.getByLabel("Start time").fill("10:30");
    });
    await officerSees("First appointment booked");
    // The first appointment is on the person's timeline.
    await person.open(personPath);
    await expect(person.timelineRows().filter({ hasText: "First appointment from a referral" })).toHaveCount(1);

    await step("The person attended their first appointment");
    await officerSees("Attended");
    await person.open(personPath);
    await expect(person.timelineRows().filter({ hasText: "First appointment from a referral" }).first()).toContainText("Attended");

    await step("Close the referral", async () => {
      await choose(page, "Why is it being closed?", "No longer needed");
    });
    await expect(page.locator("main")).toContainText("Closed");
    // The history shows every step with who did it.
    for (const s of ["Sent", "Accepted", "First appointment booked", "Attended", "Closed"]) await expect(page.locator("main table").last()).toContainText(s);
    await expectAccessible(page, "referral closed");
    await officerSees("Closed");

    await officerPage.goto("/referrals/caseload");
    await expectAccessible(officerPage, "caseload referrals");
    await expect(officerPage.locator("main")).toContainText("Referral, Robin");
    await clinician.close();
    await officer.close();
  });

  test("referrals waiting too long for a response are on the worklist", async ({ browser }) => {
    const clinician = await browser.newContext({ storageState: storageStateFor("clinician") });
    const page = await clinician.newPage();
    await page.goto("/worklist");
    const waiting = page.locator("#referrals-waiting");
    await expect(waiting.locator("tbody tr").first()).toBeVisible();
    await expectAccessible(page, "worklist with referrals");
    await page.goto("/referrals");
    await expectAccessible(page, "all referrals");
    await clinician.close();
  });

  test("an officer asks the hub to see someone and it lands on the clinicians' worklist", async ({ browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const page = await officer.newPage();
    await page.goto(personPath);
    await followLink(page, page.getByRole("link", { name: /Ask the health hub to see/ }));
    await expectAccessible(page, "please see");
    await choose(page, "Why should the hub see this person?", "Needs help registering with a GP");
    await page.getByRole("button", { name: "Send request to the hub" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await officer.close();

    const clinician = await browser.newContext({ storageState: storageStateFor("clinician") });
    const clinicianPage = await clinician.newPage();
    await clinicianPage.goto("/worklist");
    await expect(clinicianPage.locator("#please-see")).toContainText("Referral, Robin");
    await clinician.close();
  });
});
