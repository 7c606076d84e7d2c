import { CaseloadPage } from "./pages/caseload-page";
import { PersonFormPage } from "./pages/person-form-page";
import { PersonPage } from "./pages/person-page";
import { expect, storageStateFor, test, testCrn } from "./fixtures";

test.describe("a clinician adds and edits a person", () => {
  test.use({ storageState: storageStateFor("clinician") });

  test("adds a person with valid details and sees them on their page and in the caseload", async ({ page }) => {
    const crn = testCrn();
    const form = new PersonFormPage(page);
    await form.openNew();
    await form.fill({
      givenName: "Morgan",
      familyName: "Testperson",
      dob: ["9", "4", "1987"],
      crn: crn.toLowerCase(),
      nhsNumber: "999 000 0018",
      sex: "Female",
      ethnicGroup: "Mixed or multiple ethnic groups",
      orderType: "Community order",
      requirements: ["Alcohol treatment requirement (ATR)"],
    });
    await form.submit();

    const person = new PersonPage(page);
    await expect(page.getByRole("status")).toContainText("Morgan Testperson has been added");
    await expect(person.heading()).toHaveText("Morgan Testperson");
    await expect(person.value("CRN")).toHaveText(crn);
    await expect(person.value("NHS number")).toHaveText("999 000 0018");
    await expect(person.value("Date of birth")).toContainText("9 April 1987");
    await expect(person.value("Treatment requirements")).toContainText("Alcohol treatment requirement (ATR)");
    await person.checkAccessible();

    const caseload = new CaseloadPage(page);
    await caseload.open();
    await caseload.search(crn);
    await expect(caseload.rows()).toHaveCount(1);
    await expect(caseload.rows().first()).toContainText("Testperson, Morgan");
  });

  test("bad input shows every error at the top and beside its field, keeps what was typed, and saves nothing", async ({ page }) => {
    const crn = testCrn();
    const form = new PersonFormPage(page);
    await form.openNew();
    await form.fill({ givenName: "Robin", dob: ["31", "2", "1990"], crn, nhsNumber: "999 000 0019", sex: "Male" });
    await form.submit();
    await form.expectErrors([
      "Enter family name",
      "Date of birth must be a real date",
      "Enter a valid NHS number: this one fails the check digit, so it may be mistyped",
      "Select an ethnic group, or Not stated",
      "Select the order or licence type",
    ]);
    await expect(page.getByLabel("Given name")).toHaveValue("Robin");
    await expect(page.getByLabel("CRN (case reference number)")).toHaveValue(crn);
    // The summary link takes the user to the field.
    await form.errorSummary().getByRole("link", { name: "Enter family name" }).click();
    await expect(page.getByLabel("Family name")).toBeFocused();

    const caseload = new CaseloadPage(page);
    await caseload.open();
    await caseload.search(crn);
    await expect(caseload.rows()).toHaveCount(0);
  });

  test("without JavaScript the server checks the form and answers with the same messages", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: storageStateFor("clinician") });
    const page = await context.newPage();
    const form = new PersonFormPage(page);
    await page.goto("/people/new");
    await form.fill({ givenName: "Sam", familyName: "Nojs", dob: ["1", "1", "2030"], crn: "bad" });
    await form.submit();
    await expect(page.locator("main").getByText("There is a problem")).toBeVisible();
    await expect(page.locator("main").getByRole("link", { name: "Date of birth must be in the past" })).toBeVisible();
    await expect(page.locator("main").getByRole("link", { name: "Enter a CRN as one capital letter then six digits, like X123456" })).toBeVisible();
    await expect(page.getByLabel("Family name")).toHaveValue("Nojs");
    await context.close();
  });

  test("a duplicate CRN is refused by the server next to the field", async ({ page }) => {
    const caseload = new CaseloadPage(page);
    await caseload.open();
    const existingCrn = (await caseload.rows().first().locator("td").nth(1).textContent())?.trim() ?? "";
    const form = new PersonFormPage(page);
    await form.openNew();
    await form.fill({ givenName: "Dee", familyName: "Duplicate", dob: ["2", "3", "1980"], crn: existingCrn, sex: "Male", ethnicGroup: "White", orderType: "Licence" });
    await form.submit();
    await form.expectErrors(["A person with this CRN already exists"]);
  });

  test("edits a person's details; a stale edit is refused with a conflict message", async ({ page, browser }) => {
    const crn = testCrn();
    const form = new PersonFormPage(page);
    await form.openNew();
    await form.fill({ givenName: "Casey", familyName: "Editme", dob: ["5", "5", "1975"], crn, sex: "Male", ethnicGroup: "White", orderType: "Licence" });
    await form.submit();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Casey Editme");
    const personUrl = page.url().split("?")[0] ?? "";

    // A second session opens the edit form and waits.
    const other = await browser.newContext({ storageState: storageStateFor("probation_officer") });
    const otherPage = await other.newPage();
    await otherPage.goto(`${personUrl}/edit`);
    await expect(otherPage.getByLabel("Family name")).toHaveValue("Editme");

    await page.getByRole("link", { name: "Change name" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Change details");
    await new PersonFormPage(page).checkAccessible();
    await page.getByLabel("Family name").fill("Edited");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Casey Edited");

    await otherPage.getByLabel("Family name").fill("Stale");
    await otherPage.getByRole("button", { name: "Save changes" }).click();
    await expect(otherPage.locator("main").getByRole("alert")).toContainText("This record changed since you opened it");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Casey Edited");
    await other.close();
  });
});
