/**
 * The pilot dashboard against a small dataset whose every figure was worked out by hand. The
 * expected numbers below are written out literally, with the arithmetic beside them; none is
 * computed by the code under test. "*" marks a suppressed cell.
 *
 * Period: 1 January to 31 March 2026 (London), asked for on 15 April 2026.
 *
 * Site A ("=Alpha...", a name that would be a formula in a spreadsheet):
 *   P1–P6   female, born 1995-03-01 (30 at enrolment), white, enrolled 2026-01-05 (P1–P6)
 *   P7–P10  male,   born 1970-01-20 (55 at enrolment), white, enrolled 2026-01-05
 *   P11–P12 male,   born 1970-01-20 (56 at enrolment), white, enrolled 2026-02-02
 *   P13–P15 male,   born 2004-05-01 (21 at enrolment), white, enrolled 2026-02-02
 *   P16–P20 male,   born 2000-06-15, white, enrolled 2025-11-10 (before the period)
 *   P21     enrolled 2026-04-05 (after the period: never counted)
 * Site B: 3 people enrolled 2026-01-20 (born 2000-06-15, male, white), nothing else.
 * Site C: 7 people enrolled 2026-01-10, nothing else; nobody in these tests but its own clinician works there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, gpRegistrations, healthChecks, referrals, screenings, services, treatmentRequirements } from "@/db/schema";
import type { ScreeningProgramme, SmokingStatus } from "@/domain/health";
import { exportFilename } from "@/domain/dashboard/csv";
import type { DashboardCell } from "@/domain/dashboard/table";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import type { Dashboard } from "./build";
import { exportDashboardTable } from "./export";
import { getDashboard } from "./measures";
import { refreshDashboardRollups } from "./rollups";

let handle: DatabaseHandle;
let db: Database;
let siteA: { id: string; name: string };
let siteB: { id: string; name: string };
let siteC: { id: string; name: string };
let clinicianA: Ctx;
let clinicianC: Ctx;
let manager: Ctx;
let officer: Ctx;
let admin: Ctx;

const NOW = new Date("2026-04-15T11:00:00Z");
const Q1 = { from: "2026-01-01", to: "2026-03-31" };
const at = (iso: string) => new Date(iso);

type Person = { id: string; siteId: string };

const neurodiversity = (marked: boolean) => ({
  neurodiversity: {
    condition_adhd: "not_recorded",
    condition_autism: "not_recorded",
    condition_learning_disability: "not_recorded",
    condition_acquired_brain_injury: "not_recorded",
    condition_dyslexia: marked ? "self_declared" : "not_recorded",
    condition_other: "not_recorded",
    conditionOther: null,
    adjustments: ["none"],
    adjustmentsOther: null,
  },
});

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  siteA = await makeSite(db, `=Alpha ${Date.now()}`);
  siteB = await makeSite(db, `Beta ${Date.now()}`);
  siteC = await makeSite(db, `Gamma ${Date.now()}`);
  const staff = await makeUser(db, "clinician", [siteA.id]);
  clinicianA = ctxFor(db, staff, [siteA.id]);
  clinicianC = ctxFor(db, await makeUser(db, "clinician", [siteC.id]), [siteC.id]);
  manager = ctxFor(db, await makeUser(db, "pilot_manager", [siteA.id, siteB.id]), [siteA.id, siteB.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [siteA.id]), [siteA.id]);
  admin = ctxFor(db, await makeUser(db, "administrator", [siteA.id]), [siteA.id]);

  const person = (siteId: string, enrolledOn: string, dateOfBirth: string, sexRegisteredAtGp: "female" | "male") =>
    makePerson(db, siteId, { enrolledOn, dateOfBirth, sexRegisteredAtGp, ethnicGroup: "white" });
  const P: Person[] = [];
  for (let i = 1; i <= 6; i++) P[i] = await person(siteA.id, "2026-01-05", "1995-03-01", "female");
  for (let i = 7; i <= 10; i++) P[i] = await person(siteA.id, "2026-01-05", "1970-01-20", "male");
  for (let i = 11; i <= 12; i++) P[i] = await person(siteA.id, "2026-02-02", "1970-01-20", "male");
  for (let i = 13; i <= 15; i++) P[i] = await person(siteA.id, "2026-02-02", "2004-05-01", "male");
  for (let i = 16; i <= 20; i++) P[i] = await person(siteA.id, "2025-11-10", "2000-06-15", "male");
  P[21] = await person(siteA.id, "2026-04-05", "1970-01-20", "male");
  for (let i = 0; i < 3; i++) await person(siteB.id, "2026-01-20", "2000-06-15", "male");
  for (let i = 0; i < 7; i++) await person(siteC.id, "2026-01-10", "2000-06-15", "male");
  const p = (i: number): Person => {
    const found = P[i];
    if (!found) throw new Error(`no P${i}`);
    return found;
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

  // ---- Health checks (createdAt set: the lung rule reads the latest check by when it was started)
  const check = (who: Person, completedAt: string | null, scores: { smokingStatus: SmokingStatus | null; auditCPositive: boolean; phq9Score: number; gad7Score: number }, answers: Record<string, unknown> = {}) =>
    db.insert(healthChecks).values({
      personId: who.id,
      siteId: who.siteId,
      status: completedAt ? "completed" : "draft",
      answers,
      ...scores,
      createdById: staff.id,
      createdAt: at(completedAt ?? "2026-03-01T10:00:00Z"),
      completedAt: completedAt ? at(completedAt) : null,
    });
  // P1: a first check in January (smoker, AUDIT-C positive), then the latest in March (never smoked, not positive).
  await check(p(1), "2026-01-12T09:00:00Z", { smokingStatus: "current", auditCPositive: true, phq9Score: 4, gad7Score: 2 }, neurodiversity(true));
  await check(p(1), "2026-03-10T10:00:00Z", { smokingStatus: "never", auditCPositive: false, phq9Score: 4, gad7Score: 10 }, neurodiversity(true));
  for (const i of range(2, 5)) await check(p(i), "2026-01-12T10:00:00Z", { smokingStatus: "never", auditCPositive: false, phq9Score: 4, gad7Score: 10 }, neurodiversity(true));
  const phq = [12, 10, 15, 4, 4];
  for (const i of range(6, 10)) await check(p(i), "2026-02-16T10:00:00Z", { smokingStatus: "current", auditCPositive: false, phq9Score: phq[i - 6] ?? 0, gad7Score: 9 }, neurodiversity(false));
  // Not counted: a draft; a check completed at 00:30 on 1 April London time (23:30 UTC on 31 March); P21's.
  await check(p(11), null, { smokingStatus: null, auditCPositive: false, phq9Score: 0, gad7Score: 0 });
  await check(p(12), "2026-03-31T23:30:00Z", { smokingStatus: "current", auditCPositive: true, phq9Score: 20, gad7Score: 20 }, neurodiversity(true));
  await check(p(21), "2026-04-06T10:00:00Z", { smokingStatus: "current", auditCPositive: true, phq9Score: 20, gad7Score: 20 });

  // ---- GP registration: the first row is the status at enrolment.
  const gp = (who: Person, row: { status: "registered" | "not_registered"; atEnrolment: boolean; recordedAt: string; registeredOn?: string; supportStartedOn?: string }) =>
    db.insert(gpRegistrations).values({
      personId: who.id,
      status: row.status,
      atEnrolment: row.atEnrolment,
      registeredOn: row.registeredOn ?? null,
      supportStartedOn: row.supportStartedOn ?? null,
      recordedAt: at(row.recordedAt),
      recordedById: staff.id,
    });
  for (const i of range(1, 5)) await gp(p(i), { status: "registered", atEnrolment: true, registeredOn: "2020-01-01", recordedAt: "2026-01-05T10:00:00Z" });
  for (const i of range(6, 10)) await gp(p(i), { status: "not_registered", atEnrolment: true, supportStartedOn: "2026-01-06", recordedAt: "2026-01-05T10:00:00Z" });
  for (const i of [6, 7]) await gp(p(i), { status: "registered", atEnrolment: false, registeredOn: "2026-01-20", supportStartedOn: "2026-01-06", recordedAt: "2026-01-20T10:00:00Z" });
  for (const i of [8, 9, 10]) await gp(p(i), { status: "registered", atEnrolment: false, registeredOn: "2026-02-10", supportStartedOn: "2026-01-06", recordedAt: "2026-02-10T10:00:00Z" });
  for (const i of range(11, 15)) await gp(p(i), { status: "not_registered", atEnrolment: true, recordedAt: "2026-02-02T10:00:00Z" });
  // Registered after the period: not "now" at the end of March, and not a new registration in it.
  await gp(p(11), { status: "registered", atEnrolment: false, registeredOn: "2026-04-02", recordedAt: "2026-04-02T09:00:00Z" });

  // ---- Screening
  const screen = (who: Person, programme: ScreeningProgramme, row: Partial<typeof screenings.$inferInsert>) => db.insert(screenings).values({ personId: who.id, programme, ...row });
  for (const i of [7, 8, 9]) await screen(p(i), "bowel", { status: "attended", bookedFor: "2026-02-10", attendedOn: "2026-02-10", lastTestOn: "2026-02-10" });
  for (const i of [10, 11]) await screen(p(i), "bowel", { status: "booked", bookedFor: "2026-03-20", lastTestOn: "2025-06-01" });
  await screen(p(12), "bowel", { status: "booked", bookedFor: "2026-04-20" });
  for (const i of range(1, 6)) await screen(p(i), "cervical", { lastTestOn: "2024-05-01" });

  // ---- Referrals
  const [talking] = await db.insert(services).values({ siteId: siteA.id, name: "Talking Therapies", category: "talking_therapies", commissionerType: "icb" }).returning();
  const [smoking] = await db.insert(services).values({ siteId: siteA.id, name: "Stop Smoking", category: "stop_smoking", commissionerType: "local_authority" }).returning();
  if (!talking || !smoking) throw new Error("no services");
  const refer = (who: Person, serviceId: string, steps: { sentAt?: string; acceptedAt?: string; firstAttendedAt?: string }) =>
    db.insert(referrals).values({
      personId: who.id,
      siteId: who.siteId,
      serviceId,
      reason: "Test",
      urgency: "routine",
      personAgreed: true,
      status: steps.firstAttendedAt ? "attended" : steps.acceptedAt ? "accepted" : steps.sentAt ? "sent" : "draft",
      sentAt: steps.sentAt ? at(steps.sentAt) : null,
      acceptedAt: steps.acceptedAt ? at(steps.acceptedAt) : null,
      firstAttendedAt: steps.firstAttendedAt ? at(steps.firstAttendedAt) : null,
      createdById: staff.id,
    });
  for (const i of [1, 2, 3]) await refer(p(i), talking.id, { sentAt: "2026-01-13T10:00:00Z", acceptedAt: "2026-01-20T10:00:00Z" });
  await refer(p(4), talking.id, {});
  for (const i of [6, 7, 8]) await refer(p(i), smoking.id, { sentAt: "2026-02-17T10:00:00Z", acceptedAt: "2026-02-19T10:00:00Z", firstAttendedAt: "2026-03-03T10:00:00Z" });
  for (const i of [9, 10]) await refer(p(i), smoking.id, { sentAt: "2026-02-17T10:00:00Z", acceptedAt: "2026-02-19T10:00:00Z" });
  await refer(p(11), smoking.id, { sentAt: "2026-03-20T10:00:00Z", acceptedAt: "2026-04-03T10:00:00Z" });
  await refer(p(16), talking.id, { sentAt: "2025-12-01T10:00:00Z", acceptedAt: "2025-12-03T10:00:00Z" });

  // ---- Treatment requirements
  for (const i of range(1, 5)) await db.insert(treatmentRequirements).values({ personId: p(i).id, kind: "DRR", status: "started", treatmentStartedOn: "2026-02-01" });
  await db.insert(treatmentRequirements).values({ personId: p(6).id, kind: "ATR", status: "completed", treatmentStartedOn: "2025-10-01", endedOn: "2026-03-15" });
  await db.insert(treatmentRequirements).values({ personId: p(7).id, kind: "MHTR", status: "ordered" });
  await db.insert(treatmentRequirements).values({ personId: p(16).id, kind: "MHTR", status: "breached", treatmentStartedOn: "2025-09-01", endedOn: "2025-12-20" });

  // ---- Probation appointments
  const appt = (who: Person, startsAt: string, outcome: "attended" | "dna_acceptable" | "dna_unacceptable" | "cancelled" | null, kind: "probation" | "health" = "probation") =>
    makeAppointment(db, who, { startsAt: at(startsAt), outcome, kind, type: kind === "probation" ? "supervision" : "follow_up" });
  for (const i of range(1, 5)) await appt(p(i), "2025-12-01T10:00:00Z", "dna_unacceptable");
  for (const i of range(6, 10)) await appt(p(i), "2025-12-01T10:00:00Z", "attended");
  for (const i of range(11, 15)) await appt(p(i), "2026-01-20T10:00:00Z", "attended");
  for (const i of range(1, 5)) await appt(p(i), "2026-02-03T10:00:00Z", "dna_acceptable");
  for (const i of range(6, 10)) await appt(p(i), "2026-02-03T10:00:00Z", "attended");
  for (const i of range(1, 10)) await appt(p(i), "2026-03-03T10:00:00Z", "attended");
  for (const i of range(16, 20)) await appt(p(i), "2026-01-15T10:00:00Z", "attended");
  // Not counted: cancelled, a health appointment, no outcome yet, and 00:30 on 1 April London time.
  await appt(p(1), "2026-02-10T10:00:00Z", "cancelled");
  await appt(p(2), "2026-02-11T10:00:00Z", "dna_unacceptable", "health");
  await appt(p(3), "2026-02-12T10:00:00Z", null);
  await appt(p(12), "2026-03-31T23:30:00Z", "dna_unacceptable");
  // The dashboard reads the rollups: refreshed once the data is in, as the app would.
  await refreshDashboardRollups(db);
});
afterAll(async () => handle?.close());

const S = "*";
const N = "No data";

/** A table as { row key: [cell per column] }, cells written the way the page shows them. */
function grid(dashboard: Dashboard, tableId: string): Record<string, (string | number)[]> {
  const table = dashboard.sections.flatMap((s) => s.tables).find((t) => t.id === tableId);
  if (!table) throw new Error(`no table ${tableId}`);
  const show = (c: DashboardCell): string | number => {
    switch (c.kind) {
      case "count":
        return c.value;
      case "percent":
        return `${c.value.toFixed(1)}%`;
      case "days":
        return `${c.value} days`;
      case "suppressed":
        return S;
      case "none":
        return N;
    }
  };
  return Object.fromEntries(table.rows.map((r) => [r.key, r.cells.map(show)]));
}

function columnsOf(dashboard: Dashboard, tableId: string): string[] {
  const table = dashboard.sections.flatMap((s) => s.tables).find((t) => t.id === tableId);
  return table?.columns.map((c) => c.label) ?? [];
}

describe("one site (a clinician at site A): every measure", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await getDashboard({ ctx: clinicianA, input: Q1, now: NOW });
  });

  it("reads the rollups, as at their last refresh, with the same figures as the base tables", async () => {
    const dashboard = await getDashboard({ ctx: clinicianA, input: Q1, now: NOW });
    expect(dashboard.asAt).toBeInstanceOf(Date);
    const fromBase = await getDashboard({ ctx: clinicianA, input: Q1, now: NOW, source: "base" });
    expect(fromBase.asAt).toBeNull();
    expect({ ...dashboard, asAt: null }).toEqual(fromBase);
  });

  it("shows the one site only, for the period asked", () => {
    expect(d.sites.map((s) => s.id)).toEqual([siteA.id]);
    expect(d.period).toEqual(Q1);
    expect(columnsOf(d, "reach")).toEqual([siteA.name]);
  });

  it("reach", () => {
    expect(grid(d, "reach")).toEqual({
      enrolled: [15], // P1–P10 in January + P11–P15 in February; P16–P20 before, P21 after
      enrolledToDate: [20], // 15 + P16–P20; the 5 before the period is not small, so nothing is hidden
      checks: [11], // P1–P5 on 12 Jan, P6–P10 on 16 Feb, P1 again on 10 Mar; not the draft, not 00:30 BST on 1 April
      daysToFirstCheck: ["24.5 days"], // P1–P5: 5 Jan -> 12 Jan = 7; P6–P10: 5 Jan -> 16 Feb = 42; median of five 7s and five 42s = (7 + 42) / 2
    });
  });

  it("GP registration", () => {
    expect(grid(d, "gp")).toEqual({
      gpRecord: [15], // P1–P15
      gpAtEnrolment: ["33.3%"], // P1–P5 registered at enrolment: 5 / 15
      gpNow: ["66.7%"], // P1–P10 by 31 March (P11's registration is recorded in April): 10 / 15
      gpNew: [5], // P6, P7 (20 Jan) and P8–P10 (10 Feb)
      daysToRegister: ["35 days"], // 6 Jan -> 20 Jan = 14 (twice), 6 Jan -> 10 Feb = 35 (three times); median of 14, 14, 35, 35, 35
    });
  });

  it("screening per programme, eligibility on 31 March 2026", () => {
    // P7–P12 (men aged 56): bowel and prostate; P7–P10 also lung (smoke now). P1–P6 (women aged 31): cervical.
    expect(grid(d, "screening-bowel")).toEqual({
      eligible: [6], // P7–P12
      upToDate: [S], // P7–P9 tested Feb 2026, P10–P11 Jun 2025 = 5; but 6 − 5 = 1 would be revealed, so hidden
      booked: [5], // P7–P9 for 10 Feb, P10–P11 for 20 Mar; not P12 (20 April)
      attended: [S], // P7–P9 = 3
    });
    expect(grid(d, "screening-cervical")).toEqual({ eligible: [6], upToDate: [6], booked: [0], attended: [0] }); // P1–P6, tested May 2024, next due May 2027
    expect(grid(d, "screening-lung")).toEqual({ eligible: [S], upToDate: [0], booked: [0], attended: [0] }); // P7–P10 = 4, none tested
    expect(grid(d, "screening-prostate")).toEqual({ eligible: [6], upToDate: [0], booked: [0], attended: [0] }); // P7–P12, no discussion recorded
    expect(grid(d, "screening-breast")).toEqual({ eligible: [0], upToDate: [0], booked: [0], attended: [0] });
    expect(grid(d, "screening-aaa")).toEqual({ eligible: [0], upToDate: [0], booked: [0], attended: [0] }); // P7–P12 turn 65 in 2035
  });

  it("health check findings on each person's latest completed check", () => {
    expect(grid(d, "findings")).toEqual({
      checked: [10], // P1–P10 (P12's completes on 1 April London time)
      smoking: ["50.0%"], // P6–P10 smoke; P1's latest says never: 5 / 10
      auditC: ["0.0%"], // only P1's earlier check was positive: 0 / 10
      phq9: [S], // P6 (12), P7 (10), P8 (15) = 3
      gad7: ["50.0%"], // P1–P5 scored exactly 10: 5 / 10
    });
  });

  it("referrals by service", () => {
    // Talking therapies: P1–P3 sent 13 Jan, accepted 20 Jan (7 days). Stop smoking: P6–P10 sent
    // 17 Feb, accepted 19 Feb (2 days), P6–P8 attended 3 Mar (14 days); P11 sent 20 Mar, accepted
    // in April. P4's draft and P16's December referral are not counted.
    expect(grid(d, "referrals-made")).toEqual({
      talking_therapies: [S], // 3
      stop_smoking: [S], // 6, hidden: with the total shown it would give away the 3
      all: [9],
    });
    expect(grid(d, "referrals-accepted")).toEqual({
      talking_therapies: [S], // 3
      stop_smoking: [S], // 5, hidden to protect the 3 in the same column
      all: [S], // 8: 9 made − 8 = 1 not accepted would be revealed
    });
    expect(grid(d, "referrals-attended")).toEqual({ talking_therapies: [0], stop_smoking: [S], all: [S] }); // 3 and 3
    expect(grid(d, "referrals-days-accepted")).toEqual({
      talking_therapies: [S], // 3 referrals
      stop_smoking: ["2 days"], // five 2s
      all: ["2 days"], // 2, 2, 2, 2, 2, 7, 7, 7: middle two are 2 and 2
    });
    expect(grid(d, "referrals-days-attended")).toEqual({ talking_therapies: [N], stop_smoking: [S], all: [S] }); // three 14s
  });

  it("treatment requirements", () => {
    expect(grid(d, "requirements")).toEqual({
      started: [5], // P1–P5 started 1 Feb
      completed: [S], // P6 on 15 Mar = 1
      breached: [0], // P16's breach was in December
    });
  });

  it("probation attendance before and after enrolment, for people enrolled in the period", () => {
    expect(grid(d, "attendance")).toEqual({
      beforeRecorded: [15], // P1–P10 on 1 Dec + P11–P15 on 20 Jan (before their 2 Feb enrolment)
      beforeMissed: [5], // P1–P5 on 1 Dec
      beforeRate: ["33.3%"], // 5 / 15
      afterRecorded: [20], // P1–P10 on 3 Feb and on 3 Mar; not the cancelled, health, unrecorded or 1 April ones
      afterMissed: [5], // P1–P5 on 3 Feb
      afterRate: ["25.0%"], // 5 / 20
    });
  });

  it("fairness breakdowns of people enrolled in the period", () => {
    // Had a health check: P1–P10. Registered with a GP: P1–P10. Referral made: P1–P3, P6–P11.
    expect(grid(d, "fairness-age-all")).toEqual({
      "18_24": [S, S, S, S], // P13–P15 = 3 people
      "25_34": [S, S, S, S], // P1–P6 = 6, hidden so the 3 cannot be worked out from 15
      "55_64": [6, S, S, S], // P7–P12: checks 4 of 6, GP 4 of 6, referrals 5 of 6 (1 without)
      all: [15, "66.7%", "66.7%", "60.0%"], // 10/15, 10/15, 9/15
      "35_44": [0, N, N, N],
      "45_54": [0, N, N, N],
      "65_plus": [0, N, N, N],
    });
    expect(grid(d, "fairness-sex-all")).toEqual({
      // Men: checks 4 of 9 (hidden), so the women's 6 of 6 goes too, then both groups' sizes.
      female: [S, S, S, S],
      male: [S, S, S, S],
      indeterminate: [0, N, N, N],
      not_known: [0, N, N, N],
      all: [15, "66.7%", "66.7%", "60.0%"],
    });
    expect(grid(d, "fairness-ethnicity-all")).toEqual({
      asian: [0, N, N, N],
      black: [0, N, N, N],
      mixed: [0, N, N, N],
      white: [15, "66.7%", "66.7%", "60.0%"], // everyone
      other: [0, N, N, N],
      not_stated: [0, N, N, N],
      all: [15, "66.7%", "66.7%", "60.0%"],
    });
    expect(grid(d, "fairness-neurodivergence-all")).toEqual({
      any: [5, "100.0%", "100.0%", S], // P1–P5 self-declared dyslexia; referrals P1–P3 = 3
      none: [5, "100.0%", "100.0%", "100.0%"], // P6–P10
      unknown: [5, "0.0%", "0.0%", S], // P11–P15, no completed check; referral P11 = 1
      all: [15, "66.7%", "66.7%", "60.0%"],
    });
  });

  it("monthly trends, with months adding up to the whole period", () => {
    expect(grid(d, "trend-enrolled")).toEqual({ "2026-01": [10], "2026-02": [5], "2026-03": [0], period: [15] });
    // 5 + 5 + 1: March's 1 is small, so the smaller other month (January, first of the two 5s) goes too.
    expect(grid(d, "trend-health-checks")).toEqual({ "2026-01": [S], "2026-02": [5], "2026-03": [S], period: [11] });
    expect(grid(d, "trend-referrals")).toEqual({ "2026-01": [S], "2026-02": [5], "2026-03": [S], period: [9] }); // 3 + 5 + 1
    expect(grid(d, "trend-gp")).toEqual({ "2026-01": [S], "2026-02": [S], "2026-03": [0], period: [5] }); // 2 + 3 + 0
    // Probation appointments after enrolment: Jan P16–P20 attended (0 of 5), Feb 5 of 10, Mar 0 of 10; period 5 of 25.
    expect(grid(d, "trend-dna")).toEqual({ "2026-01": ["0.0%"], "2026-02": ["50.0%"], "2026-03": ["0.0%"], period: ["20.0%"] });
  });

  it("returns aggregates only: no person's name, CRN or id anywhere", async () => {
    const json = JSON.stringify(d);
    const [anyone] = await db.select({ id: healthChecks.personId }).from(healthChecks).limit(1);
    expect(anyone).toBeDefined();
    expect(json).not.toContain(anyone?.id ?? "missing");
    expect(json).not.toMatch(/Tester/);
  });
});

describe("sites side by side (a pilot manager at sites A and B)", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await getDashboard({ ctx: manager, input: Q1, now: NOW });
  });

  it("has a column per site and one for all selected sites, and never site C", () => {
    expect(columnsOf(d, "reach")).toEqual([siteA.name, siteB.name, "All selected sites"]);
    expect(d.sites.map((s) => s.id)).toEqual([siteA.id, siteB.id]);
  });

  it("hides a second site when one is small, so neither can be taken from the total", () => {
    expect(grid(d, "reach")).toEqual({
      enrolled: [S, S, 18], // A 15, B 3 (small): 15 would give away B as 18 − 15
      enrolledToDate: [S, S, 23], // A 20, B 3
      checks: [11, 0, 11], // B's 0 is shown: it identifies no one
      daysToFirstCheck: ["24.5 days", N, "24.5 days"],
    });
    expect(grid(d, "trend-enrolled")).toEqual({
      "2026-01": [S, S, 13], // A 10, B 3
      "2026-02": [5, 0, 5],
      "2026-03": [0, 0, 0],
      period: [S, S, 18],
    });
    expect(grid(d, "findings")).toEqual({
      checked: [10, 0, 10],
      smoking: ["50.0%", N, "50.0%"],
      auditC: ["0.0%", N, "0.0%"],
      phq9: [S, N, S],
      gad7: ["50.0%", N, "50.0%"],
    });
  });

  it("can narrow to one of the manager's sites", async () => {
    const onlyB = await getDashboard({ ctx: manager, input: { ...Q1, siteIds: [siteB.id] }, now: NOW });
    expect(columnsOf(onlyB, "reach")).toEqual([siteB.name]);
    expect(grid(onlyB, "reach").enrolled).toEqual([S]); // 3
  });
});

describe("site scoping", () => {
  it("gives a clinician at site C only site C's figures", async () => {
    const d = await getDashboard({ ctx: clinicianC, input: Q1, now: NOW });
    expect(d.sites.map((s) => s.id)).toEqual([siteC.id]);
    expect(grid(d, "reach")).toEqual({ enrolled: [7], enrolledToDate: [7], checks: [0], daysToFirstCheck: [N] });
    expect(grid(d, "referrals-made")).toEqual({ all: [0] });
  });

  it("answers a site the user does not work at as not found, and audits the refusal", async () => {
    await expect(getDashboard({ ctx: clinicianA, input: { ...Q1, siteIds: [siteA.id, siteC.id] }, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDashboard({ ctx: manager, input: { ...Q1, siteIds: [siteC.id] }, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDashboard({ ctx: manager, input: { ...Q1, siteIds: ["not-a-uuid"] }, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, manager.user.id), eq(auditEvents.action, "dashboard.view"), eq(auditEvents.outcome, "denied")));
    expect(denied.map((a) => a.entityId)).toEqual(expect.arrayContaining([siteC.id, "not-a-uuid"]));
  });
});

describe("permissions and input", () => {
  it.each([
    ["probation officer", () => officer],
    ["administrator", () => admin],
  ])("refuses a %s, and audits it", async (_role, who) => {
    const ctx = who();
    await expect(getDashboard({ ctx, input: Q1, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportDashboardTable({ ctx, input: { ...Q1, table: "reach" }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, ctx.user.id), eq(auditEvents.outcome, "denied")));
    expect(denied.map((a) => a.action).sort()).toEqual(["dashboard.export", "dashboard.view"]);
  });

  it("refuses a period that ends in the future or starts after it ends", async () => {
    await expect(getDashboard({ ctx: manager, input: { from: "2026-01-01", to: "2026-04-16" }, now: NOW })).rejects.toBeInstanceOf(ValidationError);
    await expect(getDashboard({ ctx: manager, input: { from: "2026-03-01", to: "2026-02-01" }, now: NOW })).rejects.toBeInstanceOf(ValidationError);
    await expect(getDashboard({ ctx: manager, input: { from: "2026-02-30", to: "2026-03-01" }, now: NOW })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("CSV export", () => {
  it("exports a table with the same suppression, neutralises a formula-like site name, and audits the export", async () => {
    const { filename, csv } = await exportDashboardTable({ ctx: manager, input: { ...Q1, table: "reach" }, now: NOW });
    const shown = await getDashboard({ ctx: manager, input: Q1, now: NOW });
    expect(csv).toBe(
      [
        `Measure,'${siteA.name},${siteB.name},All selected sites`,
        "People enrolled in the period,*,*,18",
        "People enrolled by the end of the period,*,*,23",
        "Health checks completed in the period,11,0,11",
        "Median days from enrolment to first completed health check (first checks in the period),24.5,,24.5",
        "",
      ].join("\r\n"),
    );
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, manager.user.id), eq(auditEvents.action, "dashboard.export")));
    expect(audit).toMatchObject({ outcome: "success", entityType: "dashboard_table", entityId: "reach" });
    // As at the refresh it was read from (or now, before the first refresh), which the file name says in London time.
    const asAt = shown.asAt ?? NOW;
    expect(audit?.detail).toEqual({ table: "reach", from: "2026-01-01", to: "2026-03-31", siteIds: [siteA.id, siteB.id], asAt: asAt.toISOString() });
    expect(filename).toBe(exportFilename("reach", Q1, asAt));
    expect(filename).toMatch(/^pilot-dashboard-reach-2026-01-01-to-2026-03-31-as-at-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  });

  it("writes rates as numbers and suppressed cells as *", async () => {
    const { csv } = await exportDashboardTable({ ctx: clinicianA, input: { ...Q1, table: "findings" }, now: NOW });
    expect(csv.split("\r\n")).toEqual([
      `Measure,'${siteA.name}`,
      "People with a completed health check,10",
      "Smoke now (%),50.0",
      '"AUDIT-C positive, 5 or more (%)",0.0',
      "PHQ-9 score 10 or more (%),*",
      "GAD-7 score 10 or more (%),50.0",
      "",
    ]);
  });

  it("answers an unknown table as not found", async () => {
    await expect(exportDashboardTable({ ctx: manager, input: { ...Q1, table: "people" }, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
  });
});
