import { expect } from "../fixtures";
import { HubPage } from "./hub-page";

export class CaseloadPage extends HubPage {
  async open(query = ""): Promise<void> {
    await this.page.goto(`/caseload${query}`);
    await expect(this.heading()).toHaveText(/Caseload|My cases/);
    await this.checkAccessible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel("Name or CRN").fill(text);
    await this.page.getByRole("button", { name: "Search" }).click();
    await this.page.waitForURL(/q=/);
    await this.checkAccessible("caseload search results");
  }

  rows() {
    return this.page.locator("main table tbody tr");
  }

  /** The person page path of the first row. */
  async firstPersonPath(): Promise<string> {
    const href = await this.rows().first().getByRole("link").first().getAttribute("href");
    if (!href) throw new Error("no person link");
    return href;
  }
}
