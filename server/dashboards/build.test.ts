import { describe, expect, it } from "vitest";
import { buildDashboard, findTable, pacer, SITE_COLUMNS, type DashboardData, type DashboardPerson } from "./build";

const period = { from: "2026-01-01", to: "2026-03-31" };

/** `enrolled[i]` people enrolled in the period at site i (nothing else recorded). */
function data(enrolled: number[]): DashboardData {
  const sites = enrolled.map((_, i) => ({ id: `site-${String(i).padStart(2, "0")}`, name: `Site ${String(i).padStart(2, "0")}` }));
  const people = enrolled.flatMap((n, i) =>
    Array.from({ length: n }, (_, j) => ({
      id: `p-${i}-${j}`,
      siteId: sites[i]?.id ?? "",
      enrolledOn: "2026-02-10",
      dateOfBirth: "1980-05-05",
      sexRegisteredAtGp: "male" as const,
      ethnicGroup: "white" as const,
      checkDays: [],
      latestCheck: null,
      smokingStatus: null,
      gpRows: [],
      screenings: [],
      referrals: [] as DashboardPerson["referrals"],
      requirements: [],
    })),
  );
  return {
    sites,
    people,
    attendanceAroundEnrolment: [],
    attendanceByMonth: [],
  };
}

describe("buildDashboard: many sites", () => {
  it(`keeps a column per site up to ${SITE_COLUMNS} sites, with no side-by-side section`, async () => {
    const dashboard = await buildDashboard(data(Array.from({ length: SITE_COLUMNS }, () => 10)), period);
    expect(findTable(dashboard, "reach")?.columns).toHaveLength(SITE_COLUMNS + 1);
    expect(dashboard.sections.some((s) => s.id === "sites")).toBe(false);
    // A folded fairness table per site, beside the combined one.
    expect(dashboard.sections.find((s) => s.id === "fairness")?.tables.filter((t) => t.folded)).toHaveLength(SITE_COLUMNS * 4);
  });

  it("beyond that, shows the sites together in every table and compares them in one table, with the same suppression", async () => {
    // Site 00 has 3 people (suppressed); site 01 must then be hidden too, or 3 could be worked out from the total.
    const enrolled = [3, 20, ...Array.from({ length: SITE_COLUMNS }, () => 10)];
    const dashboard = await buildDashboard(data(enrolled), period);
    const reach = findTable(dashboard, "reach");
    expect(reach?.columns).toEqual([{ key: "all", label: `All ${enrolled.length} selected sites` }]);
    expect(reach?.rows.find((r) => r.key === "enrolled")?.cells).toEqual([{ kind: "count", value: 3 + 20 + 10 * SITE_COLUMNS }]);
    expect(dashboard.sections.find((s) => s.id === "fairness")?.tables.filter((t) => t.folded)).toHaveLength(0);

    const sites = findTable(dashboard, "sites");
    expect(sites?.rows.map((r) => r.label)).toEqual([...dashboard.sites.map((s) => s.name), "All selected sites"]);
    const enrolledCell = (key: string) => sites?.rows.find((r) => r.key === key)?.cells[0];
    expect(enrolledCell("site-00")).toEqual({ kind: "suppressed" });
    const hidden = dashboard.sites.filter((s) => enrolledCell(s.id)?.kind === "suppressed");
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const [i, site] of dashboard.sites.entries()) if (!hidden.includes(site)) expect(enrolledCell(site.id)).toEqual({ kind: "count", value: enrolled[i] });
    expect(enrolledCell("all")).toEqual({ kind: "count", value: 3 + 20 + 10 * SITE_COLUMNS });
    // Nobody had a GP record or an attendance outcome: no rate to show.
    expect(sites?.rows.find((r) => r.key === "all")?.cells[2]).toEqual({ kind: "none" });
  });
});

describe("buildDashboard: fairness", () => {
  const ageRows = async (d: DashboardData) => (await buildDashboard(d, period)).sections.find((s) => s.id === "fairness")?.tables.find((t) => t.id === "fairness-age-all");

  it("lists 'Under 18' only when someone enrolled in the period falls in it, and counts each group per site", async () => {
    const adults = data([10, 12]);
    expect((await ageRows(adults))?.rows.map((r) => r.key)).toEqual(["18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "all"]);

    // Five 16-year-olds at site 01, three of them with a referral: the row appears with its own figures.
    const withYoung = data([10, 12]);
    const young = withYoung.people.filter((p) => p.siteId === "site-01").slice(0, 5);
    for (const p of young) p.dateOfBirth = "2010-01-01";
    for (const p of young.slice(0, 3)) p.referrals = [{ category: "talking_therapies", sentOn: "2026-03-01", acceptedOn: null, firstAttendedOn: null }];
    const table = await ageRows(withYoung);
    expect(table?.rows.map((r) => r.key)).toEqual(["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "all"]);
    expect(table?.rows.find((r) => r.key === "under_18")?.cells.slice(0, 1)).toEqual([{ kind: "count", value: 5 }]);
    expect(table?.rows.find((r) => r.key === "45_54")?.cells).toEqual([{ kind: "count", value: 17 }, { kind: "percent", value: 0 }, { kind: "percent", value: 0 }, { kind: "percent", value: 0 }]);
    // 3 of the 5 had a referral: a count of 3 is hidden, and so is the rate built on it.
    expect(table?.rows.find((r) => r.key === "under_18")?.cells[3]).toEqual({ kind: "suppressed" });

    // Per site: site 01's own table counts its 5 young people, site 00's has none.
    const dashboard = await buildDashboard(withYoung, period);
    const siteTable = (site: string) => dashboard.sections.find((s) => s.id === "fairness")?.tables.find((t) => t.id === `fairness-age-${site}`);
    expect(siteTable("site-01")?.rows.find((r) => r.key === "under_18")?.cells[0]).toEqual({ kind: "count", value: 5 });
    expect(siteTable("site-00")?.rows.find((r) => r.key === "under_18")?.cells[0]).toEqual({ kind: "count", value: 0 });
  });
});

describe("pacer", () => {
  it("gives way to the event loop during long work, and never during short work", async () => {
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 1);
    try {
      // A slice far longer than the loop takes, even on a busy machine: it must never give way.
      const quick = pacer(1_000);
      for (let i = 0; i < 1_000; i++) await quick();
      expect(ticks).toHaveLength(0);
      // 60 ms of busy work in slices: the timer runs in between.
      const pace = pacer(5);
      const until = performance.now() + 60;
      while (performance.now() < until) await pace();
      expect(ticks.length).toBeGreaterThanOrEqual(3);
    } finally {
      clearInterval(timer);
    }
  });
});
