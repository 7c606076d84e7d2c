import { AppointmentPage, BookAppointmentPage } from "./pages/appointment-pages";
import { CaseloadPage } from "./pages/caseload-page";
import { PersonPage } from "./pages/person-page";
import { daysAhead, expect, expectAccessible, storageStateFor, test } from "./fixtures";

test.describe("a probation officer books appointments and records outcomes", () => {
  test.use({ storageState: storageStateFor("probation_officer") });

  test("books an appointment, reschedules it (keeping the old one linked) and cancels the new one", async ({ page }) => {
    const caseload = new CaseloadPage(page);
    await caseload.open("?mine=1");
    const personPath = await caseload.firstPersonPath();
    const person = new PersonPage(page);
    await person.open(personPath);
    const before = await person.timelineRows().count();

    await page.getByRole("link", { name: "Book an appointment" }).click();
    const date = daysAhead(9);
    await new BookAppointmentPage(page).book({ kind: "Probation appointment", type: "Supervision", date, time: "10:15", minutes: "40" });
    await expect(page.getByRole("status")).toContainText("Appointment booked");
    await person.checkAccessible();

    const booked = person.timelineRows().filter({ hasText: "10:15" }).filter({ hasText: "Booked" }).first();
    await expect(booked).toBeVisible();
    await booked.getByRole("link", { name: /Cancel or reschedule/ }).click();

    const appointment = new AppointmentPage(page);
    // Not started yet: only cancel or reschedule are offered.
    await expect(page.getByLabel("Attended", { exact: true })).toHaveCount(0);
    await appointment.recordOutcome("Rescheduled", { newDate: daysAhead(16), newTime: "11:45", note: "Clash with a work shift" });
    await expect(page.getByRole("status")).toContainText("Outcome saved");
    await expect(page.locator("main dl")).toContainText("Rescheduled");
    await appointment.checkAccessible();

    await page.getByRole("link", { name: "The new appointment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("11:45");
    await expect(page.getByRole("link", { name: "The appointment this one replaced" })).toBeVisible();
    await appointment.recordOutcome("Cancelled");
    await expect(page.locator("main dl")).toContainText("Cancelled");

    await person.open(personPath);
    await expect(person.timelineRows()).toHaveCount(Math.min(before + 2, 20));
  });

  test("booking errors: a date in the past, a missing time", async ({ page }) => {
    const caseload = new CaseloadPage(page);
    await caseload.open("?mine=1");
    await page.goto(`${await caseload.firstPersonPath()}/appointments/new`);
    const book = new BookAppointmentPage(page);
    await book.book({ kind: "Probation appointment", type: "Review", date: daysAhead(-3), time: "09:00" });
    await book.expectErrors(["The appointment must be in the future"]);
    await page.getByLabel("Start time").fill("");
    await page.getByRole("button", { name: "Book appointment" }).click();
    await book.expectErrors(["Enter a time"]);
  });

  test("today's and this week's appointments at my sites", async ({ page }) => {
    await page.goto("/appointments");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Appointments today");
    await expect(page.locator("main table").first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "This week" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Appointments this week");
    await expect(page.locator("main caption").first()).toContainText("Cambridge");
    // Only Cambridge: this officer works nowhere else.
    await expect(page.locator("main caption", { hasText: "Hammersmith" })).toHaveCount(0);
    await expectAccessible(page, "appointments this week");
  });
});
