import { expect } from "../fixtures";
import { HubPage } from "./hub-page";

export type PersonDetails = {
  givenName: string;
  familyName: string;
  dob: [string, string, string];
  crn: string;
  nhsNumber?: string;
  sex: "Female" | "Male" | "Indeterminate" | "Not known";
  ethnicGroup: string;
  orderType: string;
  requirements?: string[];
};

export class PersonFormPage extends HubPage {
  async openNew(): Promise<void> {
    await this.page.goto("/people/new");
    await expect(this.heading()).toHaveText("Add a person");
    await this.checkAccessible();
  }

  async fill(d: Partial<PersonDetails>): Promise<void> {
    const p = this.page;
    if (d.givenName !== undefined) await p.getByLabel("Given name").fill(d.givenName);
    if (d.familyName !== undefined) await p.getByLabel("Family name").fill(d.familyName);
    if (d.dob) {
      const group = p.getByRole("group", { name: "Date of birth" });
      await group.getByLabel("Day").fill(d.dob[0]);
      await group.getByLabel("Month").fill(d.dob[1]);
      await group.getByLabel("Year").fill(d.dob[2]);
    }
    if (d.crn !== undefined) await p.getByLabel("CRN (case reference number)").fill(d.crn);
    if (d.nhsNumber !== undefined) await p.getByLabel("NHS number (optional)").fill(d.nhsNumber);
    if (d.sex) await p.getByRole("group", { name: "Sex registered at their GP practice" }).getByLabel(d.sex, { exact: true }).check();
    if (d.ethnicGroup) await p.getByLabel("Ethnic group").selectOption({ label: d.ethnicGroup });
    if (d.orderType) await p.getByLabel("Order or licence").selectOption({ label: d.orderType });
    for (const r of d.requirements ?? []) await p.getByLabel(r).check();
  }

  async submit(label = "Add person"): Promise<void> {
    await this.page.getByRole("button", { name: label }).click();
  }
}
