import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible } from "../fixtures";

/** What every page of the service shares; each page object checks accessibility when it arrives. */
export class HubPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The GOV.UK error summary (scoped: Next's route announcer also has role=alert). */
  errorSummary(): Locator {
    return this.page.locator("main").getByRole("alert").filter({ hasText: "There is a problem" });
  }

  async expectErrors(messages: string[]): Promise<void> {
    const summary = this.errorSummary();
    await expect(summary).toBeVisible();
    for (const m of messages) {
      await expect(summary.getByRole("link", { name: m })).toBeVisible();
      // The same message sits beside its field.
      await expect(this.page.locator("main").locator("p", { hasText: m }).first()).toBeVisible();
    }
    await expect(this.page).toHaveTitle(/^Error: /);
    await expectAccessible(this.page, `${this.page.url()} with errors`);
  }

  async checkAccessible(label?: string): Promise<void> {
    await expectAccessible(this.page, label);
  }
}
