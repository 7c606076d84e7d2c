import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, storageStateFor, test } from "./fixtures";
import { fillDate } from "./pages/health-pages";

/**
 * The pilot dashboard as its users work it, on the demo data (about 200 people over the four
 * sites, so many figures are small): the sections and tables, suppression as the page shows it,
 * choosing a period and sites, and a table's CSV against the table on screen. The figures
 * themselves are checked against hand-worked values by server/dashboards/dashboards.int.test.ts.
 */

const SECTIONS = [
  "Reach",
  "GP registration",
  "Screening",
  "Health check findings",
  "Referrals",
  "Treatment requirements",
  "Probation appointment attendance",
  "Fairness",
  "Monthly trends",
];

/** Every table's figures, row by row, as shown (row label first). */
async function tableText(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
  );
}

async function columnHeadings(page: Page, tableId: string): Promise<string[]> {
  return (await page.locator(`table#${tableId} thead th`).allTextContents()).map((t) => t.trim());
}

/** What the CSV holds for a cell shown as `text`: numbers without grouping, units or per cent sign. */
function csvValueOf(text: string): string {
  if (text === "No data") return "";
  if (text === "*") return "*";
  return text.replace(/,/g, "").replace(/%$/, "").replace(/ days?$/, "");
}

test.describe("pilot dashboard", () => {
  test.describe("as a pilot manager", () => {
    test.use({ storageState: storageStateFor("pilot_manager") });

    test("shows every section for all four sites, with small numbers suppressed and a table for every chart", async ({ page }) => {
      await page.goto("/dashboards");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilot dashboard");
      await expect(page.getByTestId("figures-as-at")).toContainText("Figures as at");
      const contents = page.getByRole("navigation", { name: "Dashboard sections" });
      for (const title of SECTIONS) {
        await expect(contents.getByRole("link", { name: title, exact: true })).toBeVisible();
        await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
      }
      // Four sites: a column each and one for them all.
      expect(await columnHeadings(page, "reach")).toEqual(["Measure", "Cambridge", "Hammersmith", "Ilfracombe", "Middlesbrough", "All selected sites"]);

      // No figure on the page is a count from 1 to 4 (counts are the only bare whole numbers: rates
      // end in %, medians in "days"), and the demo data is small enough that some are suppressed.
      const cells = (await page.locator("main table.dashboard-table td").allTextContents()).map((t) => t.trim());
      expect(cells.length).toBeGreaterThan(200);
      expect(cells.filter((t) => /^[1-4]$/.test(t))).toEqual([]);
      expect(cells.filter((t) => t === "*").length).toBeGreaterThan(0);
      await expect(page.locator("main table.dashboard-table td abbr[title='Suppressed']").first()).toHaveText("*");

      // Each chart is drawn for sighted users only and followed by a table of the same numbers.
      const charts = page.locator("main figure");
      await expect(charts).toHaveCount(5);
      for (const chart of await charts.all()) {
        await expect(chart.locator("svg")).toHaveAttribute("aria-hidden", "true");
        await expect(chart.locator("table.dashboard-table")).toHaveCount(1);
      }
      await expectAccessible(page, "dashboard, all sites");
    });

    test("a wrong date is explained beside the field and shows no figures; right dates and chosen sites show theirs", async ({ page }) => {
      await page.goto("/dashboards");
      const form = page.getByRole("form", { name: "Choose the period and sites" });
      await form.getByLabel("Choose dates").check();
      const start = form.getByRole("group", { name: "Start date" });
      await fillDate(page, "Start date", ["31", "2", "2026"]);
      await fillDate(page, "End date", ["31", "3", "2026"]);
      await form.getByRole("button", { name: "Show figures" }).click();

      await expect(page).toHaveTitle(/^Error: Pilot dashboard/);
      const summary = page.locator("main").getByRole("alert");
      await expect(summary.getByRole("link", { name: "Start date must be a real date" })).toBeVisible();
      await expect(start).toContainText("Start date must be a real date");
      await expect(page.locator("main table")).toHaveCount(0);
      // What was typed is kept, so it can be corrected.
      await expect(start.getByLabel("Day")).toHaveValue("31");
      await expectAccessible(page, "dashboard with a date error");

      await fillDate(page, "Start date", ["1", "1", "2026"]);
      // Every site is ticked to begin with: untick the two not wanted.
      await expect(form.getByLabel("Ilfracombe")).toBeChecked();
      await form.getByLabel("Ilfracombe").uncheck();
      await form.getByLabel("Middlesbrough").uncheck();
      await form.getByRole("button", { name: "Show figures" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "1 January 2026 to 31 March 2026: Cambridge, Hammersmith" })).toBeVisible();
      expect(new URL(page.url()).searchParams.getAll("site")).toHaveLength(2);
      expect(await columnHeadings(page, "reach")).toEqual(["Measure", "Cambridge", "Hammersmith", "All selected sites"]);
      // Three months, each a row of the trend tables, and the whole period.
      expect((await tableText(page.locator("table#trend-enrolled"))).map((r) => r[0])).toEqual(["January 2026", "February 2026", "March 2026", "Whole period"]);
      // The form keeps the choice.
      await expect(form.getByLabel("Cambridge")).toBeChecked();
      await expect(form.getByLabel("Middlesbrough")).not.toBeChecked();

      await form.getByLabel("Hammersmith").uncheck();
      await form.getByRole("button", { name: "Show figures" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "1 January 2026 to 31 March 2026: Cambridge" })).toBeVisible();
      expect(await columnHeadings(page, "reach")).toEqual(["Measure", "Cambridge"]);
    });

    test("a table's CSV holds the figures the table shows, suppression included", async ({ page }) => {
      // The page and the CSV are each read from the rollups' latest refresh when they are asked
      // for, and a refresh (started by a view once the rollups are a few minutes old, after the
      // earlier tests' writes) can land between the two: the file name then gives a later time
      // than the page, and both are read again, until they come from the same refresh.
      await expect(async () => {
        await page.goto("/dashboards");
        const reach = page.locator("table#reach");
        const shown = await tableText(reach);
        const downloading = page.waitForEvent("download");
        // The link's name ends with the caption, which only screen readers hear.
        await page.getByRole("link", { name: /^Download CSV\s*:\s*Reach$/ }).click();
        const download = await downloading;
        // The file name says when its figures are as at, in London time, as the page does.
        const asAt = /^pilot-dashboard-reach-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-as-at-\d{4}-\d{2}-\d{2}-(\d{2})(\d{2})\.csv$/.exec(download.suggestedFilename());
        expect(asAt, download.suggestedFilename()).not.toBeNull();
        // "Figures as at 14:30", or "Mon 2 Mar 2026, 14:30" when they were brought up to date on another day.
        expect(await page.getByTestId("figures-as-at").textContent()).toMatch(new RegExp(`^Figures as at (.+, )?${asAt?.[1]}:${asAt?.[2]} \\(London time\\)`));
        const path = await download.path();
        const text = await readFile(path, "utf8");
        // A byte order mark first, so that a spreadsheet reads it as UTF-8.
        expect(text.startsWith("\uFEFF")).toBe(true);
        const records = text
          .slice(1)
          .trimEnd()
          .split("\r\n")
          .map((line) => line.split(","));
        expect(records[0]).toEqual(await columnHeadings(page, "reach"));
        expect(records.slice(1)).toEqual(shown.map(([label, ...cells]) => [label, ...cells.map(csvValueOf)]));
      }).toPass({ timeout: 60_000 });
    });
  });

  test.describe("as a clinician", () => {
    test.use({ storageState: storageStateFor("clinician") });

    test("sees their own site's figures and no other site to choose", async ({ page }) => {
      await page.goto("/dashboards");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilot dashboard");
      await expect(page.getByRole("heading", { level: 2, name: /: Cambridge$/ })).toBeVisible();
      expect(await columnHeadings(page, "reach")).toEqual(["Measure", "Cambridge"]);
      await expect(page.getByRole("group", { name: "Sites" })).toHaveCount(0);
      await expect(page.getByText("Hammersmith")).toHaveCount(0);
    });
  });
});
