import "server-only";
/**
 * Turns the rows loaded for a dashboard (measures.ts) into suppressed tables. No database here:
 * every figure is registered with the ways it adds up (sites to all sites, months to the period,
 * groups to everyone, parts to wholes), suppression is decided once for the whole dashboard, and
 * only then are the tables written, so a figure shown in two places is hidden in both or neither.
 *
 * Definitions (period = London dates `from` to `to`, both inclusive; "by the end" = before the
 * London midnight that ends `to`). People count at the site they belong to now. Everyone counted
 * was enrolled on or before `to`.
 * - Reach: enrolled in the period; enrolled to date; health checks completed in the period; median
 *   days from enrolment to the first completed health check, for first checks in the period.
 * - GP registration, among people with any GP record by the end: registered at enrolment (the
 *   at-enrolment row) and at the end (the latest row). A new registration is a person not
 *   registered at enrolment whose first later "registered" row has its registration date in the
 *   period; days to register run from the earliest "support started" date to that date.
 * - Screening, per programme: eligible and up to date on `to` (domain/screening.ts); booked for a
 *   date in the period; attended in the period.
 * - Findings, on each person's latest health check completed by the end.
 * - Referrals sent in the period, by service category; accepted and first attended by the end.
 * - Treatment requirements: started, completed, breached in the period (by their dates).
 * - Attendance: for people enrolled in the period, probation appointments with an attendance
 *   outcome before their enrolment date against those from it to the end of the period.
 * - Fairness: people enrolled in the period, by group; health check done, registered with a GP
 *   and referral made, each by the end of the period.
 * - Trends: per calendar month (part months at either end); the DNA rate counts probation
 *   appointments on or after the person's enrolment.
 */
import { londonDateOfInstant } from "@/domain/dates";
import type { GpStatus, ScreeningProgramme, SmokingStatus } from "@/domain/health";
import { screeningProgrammeLabels, screeningProgrammes } from "@/domain/health";
import type { EthnicGroup, SexRegisteredAtGp } from "@/domain/people";
import type { RequirementStatus, ServiceCategory } from "@/domain/referrals";
import { serviceCategories, serviceCategoryLabels } from "@/domain/referrals";
import { screeningEligibility } from "@/domain/screening";
import { ageBandOn } from "@/domain/dashboard/age-bands";
import { fairnessDimensionLabels, fairnessDimensions, fairnessGroups, neurodivergenceFrom, type FairnessDimension, type NeurodivergenceGroup } from "@/domain/dashboard/fairness";
import { daysBetween } from "@/domain/dashboard/median";
import { describePeriod, monthsInPeriod, type Period } from "@/domain/dashboard/periods";
import { figureRegistry, gridGroups } from "@/domain/dashboard/suppression";
import {
  countCell,
  medianCell,
  rateCell,
  type DashboardColumn,
  type DashboardRow,
  type DashboardSection,
  type DashboardTable,
} from "@/domain/dashboard/table";

export type DashboardSite = { id: string; name: string };

/**
 * One person counted, with what the measures compare with the period. The loader (measures.ts)
 * reads each list only up to the end of the period where it can say so, and turns instants into
 * London dates (an instant is before the end of the period exactly when its London date is on or
 * before `to`).
 */
export type DashboardPerson = {
  id: string;
  siteId: string;
  enrolledOn: string;
  dateOfBirth: string;
  sexRegisteredAtGp: SexRegisteredAtGp;
  ethnicGroup: EthnicGroup;
  /** London dates of the health checks completed by the end, oldest first. */
  checkDays: string[];
  /** The latest of those checks. */
  latestCheck: {
    smokingStatus: SmokingStatus | null;
    auditCPositive: boolean | null;
    phq9Score: number | null;
    gad7Score: number | null;
    /** The neurodivergence its answers record (domain/dashboard/fairness.ts). */
    neurodivergence: NeurodivergenceGroup;
  } | null;
  /** Smoking history for lung screening: the latest check by the end that recorded one. */
  smokingStatus: SmokingStatus | null;
  /** GP registration rows recorded by the end (recordedAt in milliseconds). */
  gpRows: { status: GpStatus; atEnrolment: boolean; registeredOn: string | null; supportStartedOn: string | null; recordedAt: number }[];
  screenings: { programme: ScreeningProgramme; lastTestOn: string | null; lastResultHpvNegative: boolean | null; bookedFor: string | null; attendedOn: string | null }[];
  /** Referrals sent by the end, as London dates. */
  referrals: { category: ServiceCategory; sentOn: string; acceptedOn: string | null; firstAttendedOn: string | null }[];
  requirements: { status: RequirementStatus; treatmentStartedOn: string | null; endedOn: string | null }[];
};

export type DashboardData = {
  sites: DashboardSite[];
  people: DashboardPerson[];
  attendanceAroundEnrolment: { siteId: string; before: boolean; recorded: number; missed: number }[];
  attendanceByMonth: { siteId: string; month: string; recorded: number; missed: number }[];
};

export type Dashboard = {
  period: Period;
  periodLabel: string;
  sites: DashboardSite[];
  sections: DashboardSection[];
};

const ALL = "all";
/** The most sites shown as columns of every table; more are compared in "Sites side by side". */
export const SITE_COLUMNS = 8;
const PERIOD = "period";
const k = (metric: string, column: string) => `${metric}@${column}`;
type GpFacts = { registeredAtEnrolment: boolean; registeredNow: boolean; newRegistrationOn: string | null; supportStartedOn: string | null };

function gpFacts(rows: DashboardPerson["gpRows"]): GpFacts {
  // Oldest first; the at-enrolment row first among rows recorded in the same instant.
  const sorted = rows.length === 1 ? rows : [...rows].sort((a, b) => a.recordedAt - b.recordedAt || Number(b.atEnrolment) - Number(a.atEnrolment));
  const atEnrolment = sorted.find((r) => r.atEnrolment) ?? sorted[0];
  const registeredAtEnrolment = atEnrolment?.status === "registered";
  let newRegistrationOn: string | null = null;
  let supportStartedOn: string | null = null;
  for (const r of sorted) {
    if (r.supportStartedOn !== null && (supportStartedOn === null || r.supportStartedOn < supportStartedOn)) supportStartedOn = r.supportStartedOn;
    if (registeredAtEnrolment || r === atEnrolment || r.status !== "registered") continue;
    const on = r.registeredOn ?? londonDateOfInstant(r.recordedAt);
    if (newRegistrationOn === null || on < newRegistrationOn) newRegistrationOn = on;
  }
  return { registeredAtEnrolment, registeredNow: sorted.at(-1)?.status === "registered", newRegistrationOn, supportStartedOn };
}

export async function buildDashboard(data: DashboardData, period: Period): Promise<Dashboard> {
  // A national dashboard is seconds of JavaScript: it gives way to other requests as it goes.
  const pace = pacer();
  const { sites } = data;
  const columns = [...sites.map((s) => s.id), ALL];
  // Up to SITE_COLUMNS sites, every table has a column per site; beyond that (a national view) the
  // tables show the selected sites together, and "Sites side by side" compares them row by row.
  const many = sites.length > SITE_COLUMNS;
  const shown: DashboardColumn[] = many
    ? [{ key: ALL, label: `All ${sites.length} selected sites` }]
    : sites.length > 1
      ? [...sites.map((s) => ({ key: s.id, label: s.name })), { key: ALL, label: "All selected sites" }]
      : sites.map((s) => ({ key: s.id, label: s.name }));
  const months = monthsInPeriod(period);
  const inPeriod = (d: string | null): d is string => d !== null && d >= period.from && d <= period.to;
  const f = figureRegistry();
  const addOne = (counts: number[], slot: number) => (counts[slot] = (counts[slot] ?? 0) + 1);

  // ---- Registering figures ----------------------------------------------------------------

  /** One figure per site and all sites; the sites add up to all. */
  function bySite(metric: string, countAt: (siteId: string) => number): void {
    let all = 0;
    for (const s of sites) {
      const n = countAt(s.id);
      f.set(k(metric, s.id), n);
      all += n;
    }
    f.set(k(metric, ALL), all);
    f.sum(k(metric, ALL), sites.map((s) => k(metric, s.id)));
  }

  /**
   * One figure per month and site, with both margins: sites add up to all sites (bySite, per month
   * and for the period), and months add up to the whole period (the period row is `metric@site`,
   * the same cell the other tables show).
   */
  function bySiteAndMonth(metric: string, countAt: (siteId: string, month: string) => number): void {
    for (const m of months) bySite(`${metric}#${m.key}`, (s) => countAt(s, m.key));
    bySite(metric, (s) => months.reduce((sum, m) => sum + countAt(s, m.key), 0));
    const key = (row: string, column: string) => (row === PERIOD ? k(metric, column) : k(`${metric}#${row}`, column));
    f.groups(gridGroups([...months.map((m) => m.key), PERIOD], columns, key, { rowTotal: PERIOD }));
  }

  /** `part` is part of `whole` in every column (and every month, for monthly figures). */
  function subset(part: string, whole: string, monthly = false): void {
    const rows = monthly ? [...months.map((m) => `#${m.key}`), ""] : [""];
    for (const r of rows) for (const c of columns) f.subset(k(`${part}${r}`, c), k(`${whole}${r}`, c));
  }

  // ---- Facts per person --------------------------------------------------------------------
  // One pass per section over the people counted, adding to counters per site (an array indexed
  // by the site's position) and per month and site; the figures are registered after each pass,
  // in the same order as the tables read them.

  const siteIndex = new Map(sites.map((s, i) => [s.id, i]));
  const monthIndex = new Map(months.map((m, i) => [m.key, i]));
  const people = data.people.filter((p) => siteIndex.has(p.siteId));
  const siteAt = (p: DashboardPerson) => siteIndex.get(p.siteId) ?? 0;
  /** Per metric, a counter per site. */
  const perSite = new Map<string, number[]>();
  const countsOf = (metric: string) => getOrCreate(perSite, metric, () => new Array<number>(sites.length).fill(0));
  const tallied = (metric: string) => (siteId: string) => perSite.get(metric)?.[siteIndex.get(siteId) ?? -1] ?? 0;
  /** Per metric, a counter per month and site (at month * sites + site). */
  const perMonth = new Map<string, number[]>();
  const countInMonth = (metric: string, site: number, on: string | null) => {
    if (!inPeriod(on)) return;
    const month = monthIndex.get(on.slice(0, 7));
    if (month === undefined) return;
    addOne(getOrCreate(perMonth, metric, () => new Array<number>(months.length * sites.length).fill(0)), month * sites.length + site);
  };
  const talliedByMonth = (metric: string) =>
    bySiteAndMonth(metric, (s, m) => perMonth.get(metric)?.[(monthIndex.get(m) ?? 0) * sites.length + (siteIndex.get(s) ?? 0)] ?? 0);
  const enrolledInPeriod = people.filter((p) => inPeriod(p.enrolledOn));

  // ---- Reach -------------------------------------------------------------------------------

  const enrolledToDate = countsOf("enrolledToDate");
  const daysToFirstCheck = new Map<string, number[]>();
  for (const p of people) {
    await pace();
    const site = siteAt(p);
    addOne(enrolledToDate, site);
    countInMonth("enrolled", site, p.enrolledOn);
    for (const day of p.checkDays) countInMonth("checks", site, day);
    // Oldest first: the first completed check.
    const first = p.checkDays[0] ?? null;
    if (inPeriod(first)) pushTo(daysToFirstCheck, p.siteId, daysBetween(p.enrolledOn, first));
  }
  talliedByMonth("enrolled");
  bySite("enrolledToDate", tallied("enrolledToDate"));
  subset("enrolled", "enrolledToDate");
  talliedByMonth("checks");

  // ---- GP registration ---------------------------------------------------------------------

  const gpOf = new Map<DashboardPerson, GpFacts>();
  const gpCounts = { record: countsOf("gpRecord"), atEnrolment: countsOf("gpAtEnrolment"), now: countsOf("gpNow") };
  const daysToRegister = new Map<string, number[]>();
  for (const p of people) {
    if (!p.gpRows.length) continue;
    await pace();
    const gp = gpFacts(p.gpRows);
    gpOf.set(p, gp);
    const site = siteAt(p);
    addOne(gpCounts.record, site);
    if (gp.registeredAtEnrolment) addOne(gpCounts.atEnrolment, site);
    if (gp.registeredNow) addOne(gpCounts.now, site);
    const on = gp.newRegistrationOn;
    if (!inPeriod(on)) continue;
    countInMonth("gpNew", site, on);
    // Support recorded as starting after the registration date says nothing about how long it took.
    if (gp.supportStartedOn !== null && gp.supportStartedOn <= on) pushTo(daysToRegister, p.siteId, daysBetween(gp.supportStartedOn, on));
  }
  for (const metric of ["gpRecord", "gpAtEnrolment", "gpNow"]) bySite(metric, tallied(metric));
  subset("gpAtEnrolment", "gpRecord");
  subset("gpNow", "gpRecord");
  talliedByMonth("gpNew");

  // ---- Screening ---------------------------------------------------------------------------

  // Eligibility is worked out in JavaScript (domain/screening.ts holds the rules): one definition of
  // "due". Once per person and programme: nearly every date of birth is different, so a cache of
  // earlier answers cost more to look up than the rules take to run.
  // Four counters per programme (eligible, up to date, booked, attended), each per site.
  const screeningMeasures = ["eligible", "upToDate", "booked", "attended"] as const;
  const programmeIndex = new Map(screeningProgrammes.map((programme, i) => [programme, i]));
  const screeningCounts = screeningProgrammes.map((programme) => ({
    eligible: countsOf(`screen.${programme}.eligible`),
    upToDate: countsOf(`screen.${programme}.upToDate`),
    booked: countsOf(`screen.${programme}.booked`),
    attended: countsOf(`screen.${programme}.attended`),
  }));
  const lastTestOn: (string | null)[] = [];
  const lastResultHpvNegative: (boolean | null)[] = [];
  for (const p of people) {
    await pace();
    const site = siteAt(p);
    lastTestOn.fill(null, 0, screeningProgrammes.length);
    lastResultHpvNegative.fill(null, 0, screeningProgrammes.length);
    for (const r of p.screenings) {
      const i = programmeIndex.get(r.programme) ?? 0;
      // A test after the end of the period was not known then.
      const known = r.lastTestOn !== null && r.lastTestOn <= period.to;
      lastTestOn[i] = known ? r.lastTestOn : null;
      lastResultHpvNegative[i] = known ? r.lastResultHpvNegative : null;
      const counts = screeningCounts[i];
      if (counts && inPeriod(r.bookedFor)) addOne(counts.booked, site);
      if (counts && inPeriod(r.attendedOn)) addOne(counts.attended, site);
    }
    const smokingHistory = p.smokingStatus ?? "unknown";
    for (let i = 0; i < screeningProgrammes.length; i++) {
      const e = screeningEligibility(screeningProgrammes[i] ?? "bowel", {
        dateOfBirth: p.dateOfBirth,
        sexRegisteredAtGp: p.sexRegisteredAtGp,
        ethnicGroup: p.ethnicGroup,
        smokingHistory,
        lastTestOn: lastTestOn[i] ?? null,
        lastResultHpvNegative: lastResultHpvNegative[i] ?? null,
        today: period.to,
      });
      const counts = screeningCounts[i];
      if (!e.eligible || !counts) continue;
      addOne(counts.eligible, site);
      if (e.status === "up_to_date") addOne(counts.upToDate, site);
    }
  }
  for (const programme of screeningProgrammes) {
    for (const m of screeningMeasures) bySite(`screen.${programme}.${m}`, tallied(`screen.${programme}.${m}`));
    subset(`screen.${programme}.upToDate`, `screen.${programme}.eligible`);
  }

  // ---- Findings ----------------------------------------------------------------------------

  type LatestCheck = NonNullable<DashboardPerson["latestCheck"]>;
  const findings: { key: string; known: (c: LatestCheck) => boolean; yes: (c: LatestCheck) => boolean }[] = [
    { key: "smoking", known: (c) => c.smokingStatus !== null, yes: (c) => c.smokingStatus === "current" },
    { key: "auditC", known: (c) => c.auditCPositive !== null, yes: (c) => c.auditCPositive === true },
    { key: "phq9", known: (c) => c.phq9Score !== null, yes: (c) => (c.phq9Score ?? 0) >= 10 },
    { key: "gad7", known: (c) => c.gad7Score !== null, yes: (c) => (c.gad7Score ?? 0) >= 10 },
  ];
  const checked = countsOf("checked");
  const findingCounts = findings.map((x) => ({ ...x, knownCounts: countsOf(`finding.${x.key}.known`), yesCounts: countsOf(`finding.${x.key}.yes`) }));
  for (const p of people) {
    const c = p.latestCheck;
    if (!c) continue;
    const site = siteAt(p);
    addOne(checked, site);
    for (const x of findingCounts) {
      if (!x.known(c)) continue;
      addOne(x.knownCounts, site);
      if (x.yes(c)) addOne(x.yesCounts, site);
    }
  }
  bySite("checked", tallied("checked"));
  for (const x of findings) {
    bySite(`finding.${x.key}.known`, tallied(`finding.${x.key}.known`));
    bySite(`finding.${x.key}.yes`, tallied(`finding.${x.key}.yes`));
    subset(`finding.${x.key}.yes`, `finding.${x.key}.known`);
  }

  // ---- Referrals ---------------------------------------------------------------------------

  // Accepted and first attended dates are null unless they fell by the end of the period.
  const referralSteps = ["made", "accepted", "attended"] as const;
  const categoryIndex = new Map(serviceCategories.map((c, i) => [c, i]));
  /** Per step and kind of service (in serviceCategories' order), a counter per site. */
  const referralCounts = referralSteps.map((step) => serviceCategories.map((c) => countsOf(`ref.${step}.${c}`)));
  const stepTotals = { accepted: countsOf("ref.accepted"), attended: countsOf("ref.attended") };
  const referredTo = new Set<ServiceCategory>();
  // Days to each step, per site: for every service together (key "") and per service.
  const referralDaysByStep = { acceptedOn: new Map<string, Map<string, number[]>>(), firstAttendedOn: new Map<string, Map<string, number[]>>() };
  const addDays = (until: keyof typeof referralDaysByStep, category: ServiceCategory, siteId: string, days: number) => {
    for (const c of ["", category]) pushTo(getOrCreate(referralDaysByStep[until], c, () => new Map<string, number[]>()), siteId, days);
  };
  for (const p of people) {
    if (!p.referrals.length) continue;
    const site = siteAt(p);
    for (const r of p.referrals) {
      if (!inPeriod(r.sentOn)) continue;
      referredTo.add(r.category);
      const c = categoryIndex.get(r.category) ?? 0;
      addOne(referralCounts[0]?.[c] ?? [], site);
      countInMonth("ref.made", site, r.sentOn);
      if (r.acceptedOn !== null) {
        addOne(referralCounts[1]?.[c] ?? [], site);
        addOne(stepTotals.accepted, site);
        addDays("acceptedOn", r.category, p.siteId, daysBetween(r.sentOn, r.acceptedOn));
      }
      if (r.firstAttendedOn !== null) {
        addOne(referralCounts[2]?.[c] ?? [], site);
        addOne(stepTotals.attended, site);
        addDays("firstAttendedOn", r.category, p.siteId, daysBetween(r.sentOn, r.firstAttendedOn));
      }
    }
  }
  // Only services referred to in the period are listed.
  const categories = serviceCategories.filter((c) => referredTo.has(c));
  for (const step of referralSteps) {
    for (const c of categories) bySite(`ref.${step}.${c}`, tallied(`ref.${step}.${c}`));
    if (step === "made") talliedByMonth("ref.made");
    else bySite(`ref.${step}`, tallied(`ref.${step}`));
    // Categories add up to all services, in each site and in all sites.
    for (const col of columns) f.sum(k(`ref.${step}`, col), categories.map((c) => k(`ref.${step}.${c}`, col)));
  }
  for (const c of [...categories.map((c) => `.${c}`), ""]) {
    subset(`ref.accepted${c}`, `ref.made${c}`);
    subset(`ref.attended${c}`, `ref.made${c}`);
  }
  const referralDays = (category: string | null, until: "acceptedOn" | "firstAttendedOn") => referralDaysByStep[until].get(category ?? "") ?? new Map<string, number[]>();

  // ---- Treatment requirements ----------------------------------------------------------------

  const requirementCounts = { started: countsOf("req.started"), completed: countsOf("req.completed"), breached: countsOf("req.breached") };
  for (const p of people) {
    for (const r of p.requirements) {
      if (inPeriod(r.treatmentStartedOn)) addOne(requirementCounts.started, siteAt(p));
      if ((r.status === "completed" || r.status === "breached") && inPeriod(r.endedOn)) addOne(requirementCounts[r.status], siteAt(p));
    }
  }
  for (const metric of ["req.started", "req.completed", "req.breached"]) bySite(metric, tallied(metric));

  // ---- Probation attendance ----------------------------------------------------------------

  for (const when of ["before", "after"] as const) {
    const rows = data.attendanceAroundEnrolment.filter((r) => r.before === (when === "before"));
    bySite(`dna.${when}.recorded`, (s) => rows.filter((r) => r.siteId === s).reduce((n, r) => n + r.recorded, 0));
    bySite(`dna.${when}.missed`, (s) => rows.filter((r) => r.siteId === s).reduce((n, r) => n + r.missed, 0));
    subset(`dna.${when}.missed`, `dna.${when}.recorded`);
  }
  const monthlyTotals = new Map<string, { recorded: number; missed: number }>();
  for (const r of data.attendanceByMonth) {
    const key = `${r.siteId}|${r.month}`;
    const t = monthlyTotals.get(key) ?? { recorded: 0, missed: 0 };
    monthlyTotals.set(key, { recorded: t.recorded + r.recorded, missed: t.missed + r.missed });
  }
  const monthly = (s: string, m: string, field: "recorded" | "missed") => monthlyTotals.get(`${s}|${m}`)?.[field] ?? 0;
  bySiteAndMonth("dnaTrend.recorded", (s, m) => monthly(s, m, "recorded"));
  bySiteAndMonth("dnaTrend.missed", (s, m) => monthly(s, m, "missed"));
  subset("dnaTrend.missed", "dnaTrend.recorded", true);

  // ---- Fairness ----------------------------------------------------------------------------

  const fairnessMeasures = {
    healthCheck: (p: DashboardPerson) => p.checkDays.length > 0,
    gpRegistered: (p: DashboardPerson) => gpOf.get(p)?.registeredNow === true,
    referral: (p: DashboardPerson) => p.referrals.length > 0,
  };
  const groupOf = (p: DashboardPerson, d: FairnessDimension): string => {
    switch (d) {
      case "age":
        return ageBandOn(p.dateOfBirth, p.enrolledOn);
      case "sex":
        return p.sexRegisteredAtGp;
      case "ethnicity":
        return p.ethnicGroup;
      case "neurodivergence":
        // Classified by the loader, once per distinct answer (neurodivergence.ts).
        return p.latestCheck === null ? neurodivergenceFrom(null) : p.latestCheck.neurodivergence;
    }
  };
  // One pass over the people enrolled in the period. A group's counters are made the first time
  // someone in it is counted; their names are worked out once.
  const measureNames = Object.keys(fairnessMeasures) as (keyof typeof fairnessMeasures)[];
  const measures = measureNames.map((m) => ({ has: fairnessMeasures[m], counts: countsOf(`fair.${m}`) }));
  /** Per dimension and group: the counters of its people and of each measure. */
  const groupCounters = new Map<FairnessDimension, Map<string, { people: number[]; measures: number[][] }>>();
  const countersOf = (d: FairnessDimension, g: string) => {
    const byGroup = getOrCreate(groupCounters, d, () => new Map<string, { people: number[]; measures: number[][] }>());
    return getOrCreate(byGroup, g, () => ({ people: countsOf(`fair.${d}.${g}.people`), measures: measureNames.map((m) => countsOf(`fair.${d}.${g}.${m}`)) }));
  };
  const had: boolean[] = measures.map(() => false);
  for (const p of enrolledInPeriod) {
    await pace();
    const site = siteAt(p);
    for (let i = 0; i < measures.length; i++) {
      const m = measures[i];
      had[i] = m !== undefined && m.has(p);
      if (m && had[i]) addOne(m.counts, site);
    }
    for (const d of fairnessDimensions) {
      const counters = countersOf(d, groupOf(p, d));
      addOne(counters.people, site);
      for (let i = 0; i < counters.measures.length; i++) if (had[i]) addOne(counters.measures[i] ?? [], site);
    }
  }
  for (const m of Object.keys(fairnessMeasures)) {
    bySite(`fair.${m}`, tallied(`fair.${m}`));
    subset(`fair.${m}`, "enrolled");
  }
  const fairnessRows: Record<FairnessDimension, { key: string; label: string }[]> = { age: [], sex: [], ethnicity: [], neurodivergence: [] };
  for (const d of fairnessDimensions) {
    // "Under 18" should be empty (adults only); listed only when someone falls in it (a group's
    // counters are made when its first person is counted).
    fairnessRows[d] = fairnessGroups[d].filter((g) => g.key !== "under_18" || perSite.has(`fair.${d}.${g.key}.people`));
    const groupKeys = fairnessRows[d].map((g) => g.key);
    for (const g of groupKeys) {
      bySite(`fair.${d}.${g}.people`, tallied(`fair.${d}.${g}.people`));
      for (const m of Object.keys(fairnessMeasures)) {
        bySite(`fair.${d}.${g}.${m}`, tallied(`fair.${d}.${g}.${m}`));
        subset(`fair.${d}.${g}.${m}`, `fair.${d}.${g}.people`);
      }
    }
    // Groups add up to everyone enrolled in the period (and to each measure's total), per column.
    for (const m of ["people", ...Object.keys(fairnessMeasures)]) {
      const total = m === "people" ? "enrolled" : `fair.${m}`;
      for (const col of columns) f.sum(k(total, col), groupKeys.map((g) => k(`fair.${d}.${g}.${m}`, col)));
    }
  }

  // ---- Decide, then write the tables ---------------------------------------------------------

  const figures = f.solve();
  const count = (metric: string) => shown.map((c) => countCell(figures.count(k(metric, c.key))));
  const rate = (num: string, den: string) => shown.map((c) => rateCell(figures.rate(k(num, c.key), k(den, c.key))));
  const medians = (days: Map<string, number[]>) => shown.map((c) => medianCell(c.key === ALL ? [...days.values()].flat() : (days.get(c.key) ?? [])));
  const table = (id: string, caption: string, rowHeading: string, rows: DashboardRow[], extra: Partial<DashboardTable> = {}): DashboardTable => ({ id, caption, rowHeading, columns: shown, rows, ...extra });
  const row = (key: string, label: string, cells: DashboardRow["cells"], total = false): DashboardRow => ({ key, label, cells, ...(total ? { total } : {}) });

  const sections: DashboardSection[] = [
    {
      id: "reach",
      title: "Reach",
      description: "People enrolled, health checks completed, and how soon after enrolment the first health check was done.",
      tables: [
        table("reach", "Reach", "Measure", [
          row("enrolled", "People enrolled in the period", count("enrolled")),
          row("enrolledToDate", "People enrolled by the end of the period", count("enrolledToDate")),
          row("checks", "Health checks completed in the period", count("checks")),
          row("daysToFirstCheck", "Median days from enrolment to first completed health check (first checks in the period)", medians(daysToFirstCheck)),
        ]),
      ],
    },
    {
      id: "gp",
      title: "GP registration",
      description: "Among people with a GP registration record: registered when they enrolled, and at the end of the period. New registrations are people not registered at enrolment who registered in the period.",
      tables: [
        table("gp", "GP registration", "Measure", [
          row("gpRecord", "People with a GP registration record", count("gpRecord")),
          row("gpAtEnrolment", "Registered with a GP at enrolment (%)", rate("gpAtEnrolment", "gpRecord")),
          row("gpNow", "Registered with a GP at the end of the period (%)", rate("gpNow", "gpRecord")),
          row("gpNew", "New GP registrations in the period", count("gpNew")),
          row("daysToRegister", "Median days from support starting to registration (new registrations in the period)", medians(daysToRegister)),
        ]),
      ],
    },
    {
      id: "screening",
      title: "Screening",
      description: "Eligible and up to date on the last day of the period, worked out from date of birth, sex registered at GP, smoking history and the last test; screening booked for a date in the period and attended in the period.",
      tables: screeningProgrammes.map((p) =>
        table(`screening-${p}`, screeningProgrammeLabels[p], "Measure", [
          row("eligible", "Eligible on the last day of the period", count(`screen.${p}.eligible`)),
          row("upToDate", "Eligible and up to date", count(`screen.${p}.upToDate`)),
          row("booked", "Booked for a date in the period", count(`screen.${p}.booked`)),
          row("attended", "Attended in the period", count(`screen.${p}.attended`)),
        ]),
      ),
    },
    {
      id: "findings",
      title: "Health check findings",
      description: "From each person's latest completed health check by the end of the period. Each percentage is of the people whose check recorded that answer.",
      tables: [
        table("findings", "Health check findings", "Measure", [
          row("checked", "People with a completed health check", count("checked")),
          row("smoking", "Smoke now (%)", rate("finding.smoking.yes", "finding.smoking.known")),
          row("auditC", "AUDIT-C positive, 5 or more (%)", rate("finding.auditC.yes", "finding.auditC.known")),
          row("phq9", "PHQ-9 score 10 or more (%)", rate("finding.phq9.yes", "finding.phq9.known")),
          row("gad7", "GAD-7 score 10 or more (%)", rate("finding.gad7.yes", "finding.gad7.known")),
        ]),
      ],
    },
    {
      id: "referrals",
      title: "Referrals",
      description: "Referrals sent in the period, by the kind of service; accepted and first attended by the end of the period. Only services referred to in the period are listed.",
      tables: [
        ...(["made", "accepted", "attended"] as const).map((step) =>
          table(
            `referrals-${step}`,
            { made: "Referrals made", accepted: "Referrals accepted", attended: "Referrals with a first appointment attended" }[step],
            "Service",
            [...categories.map((c) => row(c, serviceCategoryLabels[c], count(`ref.${step}.${c}`))), row("all", "All services", count(`ref.${step}`), true)],
          ),
        ),
        ...(["acceptedOn", "firstAttendedOn"] as const).map((until) =>
          table(
            until === "acceptedOn" ? "referrals-days-accepted" : "referrals-days-attended",
            until === "acceptedOn" ? "Median days from sending a referral to its acceptance" : "Median days from sending a referral to the first appointment attended",
            "Service",
            [...categories.map((c) => row(c, serviceCategoryLabels[c], medians(referralDays(c, until)))), row("all", "All services", medians(referralDays(null, until)), true)],
          ),
        ),
      ],
    },
    {
      id: "requirements",
      title: "Treatment requirements",
      description: "Mental health, drug rehabilitation and alcohol treatment requirements: treatment started, completed and breached in the period.",
      tables: [
        table("requirements", "Treatment requirements", "Measure", [
          row("started", "Treatment started in the period", count("req.started")),
          row("completed", "Completed in the period", count("req.completed")),
          row("breached", "Breached in the period", count("req.breached")),
        ]),
      ],
    },
    {
      id: "attendance",
      title: "Probation appointment attendance",
      description: "For people enrolled in the period: probation appointments with an attendance outcome before their enrolment date, against those from enrolment to the end of the period.",
      tables: [
        table("attendance", "Probation appointments: did not attend, before and after enrolment", "Measure", [
          row("beforeRecorded", "Before enrolment: appointments with an attendance outcome", count("dna.before.recorded")),
          row("beforeMissed", "Before enrolment: did not attend", count("dna.before.missed")),
          row("beforeRate", "Before enrolment: did-not-attend rate (%)", rate("dna.before.missed", "dna.before.recorded")),
          row("afterRecorded", "After enrolment: appointments with an attendance outcome", count("dna.after.recorded")),
          row("afterMissed", "After enrolment: did not attend", count("dna.after.missed")),
          row("afterRate", "After enrolment: did-not-attend rate (%)", rate("dna.after.missed", "dna.after.recorded")),
        ]),
      ],
    },
    {
      id: "fairness",
      title: "Fairness",
      description:
        "People enrolled in the period, by group: the share who had a health check, were registered with a GP and had a referral made, by the end of the period. Neurodivergence comes from the latest completed health check, so everyone without one is 'not known'.",
      tables: fairnessDimensions.flatMap((d) => {
        const forColumn = (col: string, name: string | null): DashboardTable => {
          const cells = (g: string | null) => {
            const key = (m: string) => (g === null ? (m === "people" ? k("enrolled", col) : k(`fair.${m}`, col)) : k(`fair.${d}.${g}.${m}`, col));
            return [
              countCell(figures.count(key("people"))),
              ...Object.keys(fairnessMeasures).map((m) => rateCell(figures.rate(key(m), key("people")))),
            ];
          };
          return {
            id: `fairness-${d}-${col}`,
            caption: `By ${fairnessDimensionLabels[d].title}${name ? `: ${name}` : ""}`,
            rowHeading: fairnessDimensionLabels[d].rowHeading,
            columns: [
              { key: "people", label: "People enrolled in the period" },
              { key: "healthCheck", label: "Had a health check (%)" },
              { key: "gpRegistered", label: "Registered with a GP (%)" },
              { key: "referral", label: "Referral made (%)" },
            ],
            rows: [...fairnessRows[d].map((g) => row(g.key, g.label, cells(g.key))), row("all", "Everyone enrolled in the period", cells(null), true)],
            ...(name ? { folded: true } : {}),
          };
        };
        // The combined table reads the all-sites column, which for one site holds that site's figures.
        const combined = forColumn(ALL, null);
        return sites.length > 1 && !many ? [combined, ...sites.map((s) => forColumn(s.id, s.name))] : [combined];
      }),
    },
    ...(many ? [sitesSideBySide()] : []),
    {
      id: "trends",
      title: "Monthly trends",
      description: "Each calendar month in the period (the first and last may be part months). The chart shows all selected sites; the table beside it has each site.",
      tables: [
        trend("trend-enrolled", "People enrolled", "enrolled", "count"),
        trend("trend-health-checks", "Health checks completed", "checks", "count"),
        trend("trend-referrals", "Referrals made", "ref.made", "count"),
        trend("trend-gp", "New GP registrations", "gpNew", "count"),
        trend("trend-dna", "Probation appointments not attended after enrolment (%)", "dnaTrend.missed", "percent", "dnaTrend.recorded"),
      ],
    },
  ];

  /** With more than SITE_COLUMNS sites: one row per site (and all of them) on the headline measures. */
  function sitesSideBySide(): DashboardSection {
    const cells = (column: string): DashboardRow["cells"] => [
      countCell(figures.count(k("enrolled", column))),
      countCell(figures.count(k("checks", column))),
      rateCell(figures.rate(k("gpNow", column), k("gpRecord", column))),
      countCell(figures.count(k("ref.made", column))),
      rateCell(figures.rate(k("dna.after.missed", column), k("dna.after.recorded", column))),
    ];
    return {
      id: "sites",
      title: "Sites side by side",
      description: `The ${sites.length} selected sites, one row each, on the headline measures of the tables above. Choose ${SITE_COLUMNS} sites or fewer to see every table with a column for each site.`,
      tables: [
        {
          id: "sites",
          caption: "Sites side by side",
          rowHeading: "Site",
          columns: [
            { key: "enrolled", label: "People enrolled in the period" },
            { key: "checks", label: "Health checks completed in the period" },
            { key: "gpNow", label: "Registered with a GP at the end of the period (%)" },
            { key: "referrals", label: "Referrals made in the period" },
            { key: "dnaAfter", label: "Did-not-attend rate after enrolment (%)" },
          ],
          rows: [...sites.map((s) => row(s.id, s.name, cells(s.id))), row(ALL, "All selected sites", cells(ALL), true)],
        },
      ],
    };
  }

  function trend(id: string, caption: string, metric: string, unit: "count" | "percent", denominator?: string): DashboardTable {
    const cellsFor = (suffix: string) => (denominator ? rate(`${metric}${suffix}`, `${denominator}${suffix}`) : count(`${metric}${suffix}`));
    return table(
      id,
      caption,
      "Month",
      [...months.map((m) => row(m.key, m.label, cellsFor(`#${m.key}`))), row("period", "Whole period", cellsFor(""), true)],
      { chart: { unit } },
    );
  }

  return { period, periodLabel: describePeriod(period), sites, sections };
}

/**
 * Gives way to the event loop (setImmediate) once `sliceMs` of work has passed since it last did,
 * so other requests are answered while a large dashboard is built. Cheap when there is no need:
 * a small dashboard never yields.
 */
export function pacer(sliceMs = 10): () => Promise<void> {
  let since = performance.now();
  let calls = 0;
  return async () => {
    if (++calls % 256 !== 0) return;
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every table of a dashboard, by id (for the CSV export). */
export function findTable(dashboard: Dashboard, id: string): DashboardTable | null {
  for (const s of dashboard.sections) for (const t of s.tables) if (t.id === id) return t;
  return null;
}
