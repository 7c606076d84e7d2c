import { expect } from "../fixtures";
import { HubPage } from "./hub-page";

export class BookAppointmentPage extends HubPage {
  async book(a: { kind: "Probation appointment" | "Health hub appointment"; type: string; date: [string, string, string]; time: string; minutes?: string }): Promise<void> {
    const p = this.page;
    await expect(this.heading()).toHaveText("Book an appointment");
    await this.checkAccessible();
    await p.getByLabel(a.kind).check();
    await p.getByLabel("Type").selectOption({ label: a.type });
    const group = p.getByRole("group", { name: "Date" });
    await group.getByLabel("Day").fill(a.date[0]);
    await group.getByLabel("Month").fill(a.date[1]);
    await group.getByLabel("Year").fill(a.date[2]);
    await p.getByLabel("Start time").fill(a.time);
    if (a.minutes) await p.getByLabel("Length in minutes").fill(a.minutes);
    await p.getByRole("button", { name: "Book appointment" }).click();
  }
}

export class AppointmentPage extends HubPage {
  async recordOutcome(outcome: string, extra: { newDate?: [string, string, string]; newTime?: string; note?: string } = {}): Promise<void> {
    const p = this.page;
    await expect(p.getByRole("heading", { name: "Record the outcome" })).toBeVisible();
    await this.checkAccessible();
    await p.getByLabel(outcome).check();
    if (extra.newDate) {
      const group = p.getByRole("group", { name: "New date" });
      await group.getByLabel("Day").fill(extra.newDate[0]);
      await group.getByLabel("Month").fill(extra.newDate[1]);
      await group.getByLabel("Year").fill(extra.newDate[2]);
    }
    if (extra.newTime) await p.getByLabel("New start time").fill(extra.newTime);
    if (extra.note) await p.getByLabel("Note (optional)").fill(extra.note);
    await p.getByRole("button", { name: "Save outcome" }).click();
  }
}
