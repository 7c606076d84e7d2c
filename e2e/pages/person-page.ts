import { expect } from "../fixtures";
import { HubPage } from "./hub-page";

export class PersonPage extends HubPage {
  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByRole("heading", { name: "Details" })).toBeVisible();
    await this.checkAccessible();
  }

  value(key: string) {
    return this.page.locator("main dl > div").filter({ has: this.page.locator("dt", { hasText: key }) }).locator("dd").first();
  }

  timelineRows() {
    return this.page.locator("main section[aria-labelledby=timeline-heading] table tbody tr");
  }
}
