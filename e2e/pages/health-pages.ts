import type { Page } from "@playwright/test";
import { auditItems, gad7Items, phq9Items } from "../../domain/questionnaires";
import { expect } from "../fixtures";
import { HubPage } from "./hub-page";

/** Radio `label` inside the fieldset whose legend is `legend`. */
async function choose(page: Page, legend: string | RegExp, label: string): Promise<void> {
  await page.getByRole("group", { name: legend }).getByLabel(label, { exact: true }).check();
}

async function fillDate(page: Page, legend: string, [d, m, y]: [string, string, string]): Promise<void> {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(d);
  await group.getByLabel("Month").fill(m);
  await group.getByLabel("Year").fill(y);
}

export class ConsentPage extends HubPage {
  async open(personPath: string): Promise<void> {
    await this.page.goto(`${personPath}/consent`);
    await expect(this.heading()).toHaveText("Consent");
    await this.checkAccessible();
  }

  async record(kind: string, decision: "Gave consent" | "Refused consent", version = "Hub leaflet v1.2"): Promise<void> {
    await choose(this.page, "What was the consent about?", kind);
    await choose(this.page, "What did the person decide?", decision);
    await this.page.getByLabel("Version of the information given").fill(version);
    await choose(this.page, "How was the decision made?", "The person's own consent");
    await this.page.getByRole("button", { name: "Save consent decision" }).click();
    await expect(this.page.getByRole("status")).toBeVisible();
  }
}

export class HealthCheckPage extends HubPage {
  async openSection(name: string): Promise<void> {
    await this.page.getByRole("link", { name }).click();
    await expect(this.page.getByRole("button", { name: "Save and continue" })).toBeVisible();
    await this.checkAccessible(`section ${name}`);
  }

  async save(): Promise<void> {
    await this.page.getByRole("button", { name: "Save and continue" }).click();
  }

  async backToTaskList(): Promise<void> {
    await expect(this.page.getByRole("button", { name: /Complete health check/ })).toBeVisible();
  }

  async smoking(): Promise<void> {
    await this.openSection("Smoking and vaping");
    await choose(this.page, "Do they smoke?", "Smokes now");
    await choose(this.page, "Do they vape?", "No");
    await choose(this.page, "How soon after waking do they smoke their first cigarette?", "Within 5 minutes");
    await choose(this.page, "How many cigarettes do they smoke a day?", "21 to 30");
    await choose(this.page, /Was very brief advice given\?/, "Yes");
    await choose(this.page, "Was a referral to the local stop smoking service offered?", "Yes");
    await choose(this.page, "Did they accept the referral?", "Yes");
    await this.save();
    await this.backToTaskList();
  }

  /** AUDIT-C of 8 (positive), then items 4-10 for a full AUDIT of 17: higher risk. */
  async alcohol(): Promise<void> {
    await this.openSection("Alcohol (AUDIT-C and AUDIT)");
    const answer = async (i: number, label: string) => choose(this.page, `${i + 1}. ${auditItems[i]?.question ?? ""}`, label);
    await answer(0, "4 or more times a week"); // 4
    await answer(1, "5 to 6"); // 2
    await answer(2, "Monthly"); // 2
    await this.save();
    // AUDIT-C is positive: the full AUDIT questions are asked on the same page.
    await expect(this.page.getByRole("group", { name: `4. ${auditItems[3]?.question ?? ""}` })).toBeVisible();
    await this.checkAccessible("full AUDIT");
    await answer(3, "Monthly"); // 2
    await answer(4, "Less than monthly"); // 1
    await answer(5, "Never"); // 0
    await answer(6, "Monthly"); // 2
    await answer(7, "Never"); // 0
    await answer(8, "Yes, but not in the last year"); // 2
    await answer(9, "Yes, but not in the last year"); // 2 -> total 17
    await this.save();
    await this.backToTaskList();
  }

  async drugs(): Promise<void> {
    await this.openSection("Drug use");
    await this.page.getByLabel("None in the last 3 months").check();
    await choose(this.page, "Have they ever injected drugs?", "No");
    await choose(this.page, "Are they in drug treatment now?", "No");
    await choose(this.page, /Are they on opioid substitution therapy\?/, "No");
    await this.save();
    await this.backToTaskList();
  }

  /** PHQ-9 of 9 with question 9 at "Several days" (raises the alert); GAD-7 of 14. */
  async mood(): Promise<void> {
    await this.openSection("Mood and anxiety (PHQ-9 and GAD-7)");
    for (const [i, item] of phq9Items.entries()) await choose(this.page, `${i + 1}. ${item}`, "Several days");
    for (const [i, item] of gad7Items.entries()) await choose(this.page, `${i + 1}. ${item}`, "More than half the days");
    await this.save();
    await this.backToTaskList();
  }

  async selfHarm(note: string): Promise<void> {
    await this.openSection("Self-harm and suicide");
    await choose(this.page, "Do they have thoughts of suicide or self-harm now?", "Yes");
    await choose(this.page, "Have they self-harmed in the last 3 months?", "No");
    await choose(this.page, "What action was taken?", "Same-day clinical review");
    await this.page.getByLabel("Note (optional)").fill(note);
    await this.save();
    await this.backToTaskList();
  }

  async neurodiversity(): Promise<void> {
    await this.openSection("Neurodivergence, disability and adjustments");
    for (const c of ["ADHD", "Autism", "Learning disability", "Acquired brain injury", "Other"]) await choose(this.page, c, "Not recorded");
    await choose(this.page, "Dyslexia", "Self-declared");
    await this.page.getByLabel("Easy read information").check();
    await this.save();
    await this.backToTaskList();
  }

  async physical(conditions: string): Promise<void> {
    await this.openSection("Physical health");
    await this.page.getByLabel("Height in centimetres").fill("175");
    await this.page.getByLabel("Weight in kilograms").fill("80");
    await this.page.getByLabel("Systolic (top number)").fill("128");
    await this.page.getByLabel("Diastolic (bottom number)").fill("82");
    await this.page.getByLabel("Long-term conditions (optional)").fill(conditions);
    await this.page.getByLabel("A&E attendances in the last 12 months").fill("2");
    await choose(this.page, "Are they registered with a dentist?", "No");
    await this.save();
    await this.backToTaskList();
  }
}

export { choose, fillDate };
