import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { currentConsent } from "@/domain/consent";
import { addDays, ageOn, londonDayBounds, toLondon, todayInLondon } from "@/domain/dates";
import { isValidCrn } from "@/domain/crn";
import { healthCheckSections } from "@/domain/health";
import { computeScores, incompleteSections, needsSameDayReview, parseAnswers, sectionStatuses } from "@/domain/health-check";
import { isTestRangeNhsNumber, isValidNhsNumber } from "@/domain/nhs-number";
import { isValidOdsCode } from "@/domain/ods-code";
import { allScreeningEligibility, type SmokingHistory } from "@/domain/screening";
import { createTestDatabase } from "@/test/db";
import type { Database, DatabaseHandle } from "./client";
import { appointments, clinicalAlerts, consents, gpRegistrations, healthChecks, people, screenings, sites, userSites, users } from "./schema";
import { assertLocalDatabase, isSeeded, seedDemoData, type SeedSummary } from "./seed";
import { INFORMATION_VERSION } from "./seed-health";

// Pinned once so the two seeded databases cannot straddle midnight.
const today = todayInLondon();

const freshDatabase = createTestDatabase;

function peopleSnapshot(db: Database) {
  return db
    .select({
      crn: people.crn,
      givenName: people.givenName,
      familyName: people.familyName,
      dateOfBirth: people.dateOfBirth,
      nhsNumber: people.nhsNumber,
      sex: people.sexRegisteredAtGp,
      ethnicGroup: people.ethnicGroup,
      orderType: people.orderType,
      enrolledOn: people.enrolledOn,
    })
    .from(people)
    .orderBy(asc(people.crn));
}

function appointmentsSnapshot(db: Database) {
  return db
    .select({ crn: people.crn, startsAt: appointments.startsAt, type: appointments.type, outcome: appointments.outcome })
    .from(appointments)
    .innerJoin(people, eq(people.id, appointments.personId))
    .orderBy(asc(people.crn), asc(appointments.startsAt));
}

const londonDate = (instant: Date) => toLondon(instant).date;
/** Recorded before the day the seed ends on, so never in the future (and not later today either). */
const beforeToday = (instant: Date) => londonDate(instant) < today;

/** Every health record, with ids replaced by what they point at (CRN, e-mail, time), in a stable order. */
async function healthSnapshot(db: Database) {
  const recordedBy = alias(users, "recorded_by");
  return {
    consents: await db
      .select({ crn: people.crn, kind: consents.kind, decision: consents.decision, decidedOn: consents.decidedOn, method: consents.method, by: recordedBy.email, recordedAt: consents.recordedAt, withdrawnOn: consents.withdrawnOn, withdrawalRecordedAt: consents.withdrawalRecordedAt, version: consents.version })
      .from(consents)
      .innerJoin(people, eq(people.id, consents.personId))
      .innerJoin(recordedBy, eq(recordedBy.id, consents.recordedById))
      .orderBy(asc(people.crn), asc(consents.recordedAt)),
    gpRegistrations: await db
      .select({ crn: people.crn, status: gpRegistrations.status, practiceName: gpRegistrations.practiceName, odsCode: gpRegistrations.odsCode, registrationType: gpRegistrations.registrationType, supportStartedOn: gpRegistrations.supportStartedOn, registeredOn: gpRegistrations.registeredOn, barriers: gpRegistrations.barriers, note: gpRegistrations.note, atEnrolment: gpRegistrations.atEnrolment, by: recordedBy.email, recordedAt: gpRegistrations.recordedAt })
      .from(gpRegistrations)
      .innerJoin(people, eq(people.id, gpRegistrations.personId))
      .innerJoin(recordedBy, eq(recordedBy.id, gpRegistrations.recordedById))
      .orderBy(asc(people.crn), asc(gpRegistrations.recordedAt)),
    healthChecks: await db
      .select({ crn: people.crn, appointmentAt: appointments.startsAt, status: healthChecks.status, answers: healthChecks.answers, phq9: healthChecks.phq9Score, bmi: healthChecks.bmi, by: recordedBy.email, createdAt: healthChecks.createdAt, completedAt: healthChecks.completedAt, version: healthChecks.version })
      .from(healthChecks)
      .innerJoin(people, eq(people.id, healthChecks.personId))
      .innerJoin(recordedBy, eq(recordedBy.id, healthChecks.createdById))
      .leftJoin(appointments, eq(appointments.id, healthChecks.appointmentId))
      .orderBy(asc(people.crn), asc(healthChecks.createdAt)),
    alerts: await db
      .select({ crn: people.crn, checkCreatedAt: healthChecks.createdAt, raisedAt: clinicalAlerts.raisedAt, action: clinicalAlerts.action, actionNote: clinicalAlerts.actionNote, actionedAt: clinicalAlerts.actionedAt })
      .from(clinicalAlerts)
      .innerJoin(people, eq(people.id, clinicalAlerts.personId))
      .innerJoin(healthChecks, eq(healthChecks.id, clinicalAlerts.healthCheckId))
      .orderBy(asc(people.crn), asc(clinicalAlerts.raisedAt)),
    screenings: await db
      .select({ crn: people.crn, programme: screenings.programme, status: screenings.status, lastTestOn: screenings.lastTestOn, hpv: screenings.lastResultHpvNegative, discussedOn: screenings.discussedOn, bookedFor: screenings.bookedFor, attendedOn: screenings.attendedOn, resultReceivedOn: screenings.resultReceivedOn, declinedOn: screenings.declinedOn, note: screenings.note, updatedAt: screenings.updatedAt })
      .from(screenings)
      .innerJoin(people, eq(people.id, screenings.personId))
      .orderBy(asc(people.crn), asc(screenings.programme)),
  };
}

describe("seedDemoData", () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let summary: SeedSummary;

  beforeAll(async () => {
    [first, second] = await Promise.all([freshDatabase(), freshDatabase()]);
    expect(await isSeeded(first.db)).toBe(false);
    const started = performance.now();
    summary = await seedDemoData(first.db, { today });
    console.info(`seedDemoData on in-memory PGlite: ${Math.round(performance.now() - started)} ms`, summary);
    await seedDemoData(second.db, { today });
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it("creates the four pilot sites and about 200 people", async () => {
    expect(await isSeeded(first.db)).toBe(true);
    const siteRows = await first.db.select({ code: sites.code, icb: sites.integratedCareBoard }).from(sites);
    expect(siteRows.map((s) => s.code).sort()).toEqual(["cambridge", "hammersmith", "ilfracombe", "middlesbrough"]);
    expect(siteRows.find((s) => s.code === "ilfracombe")?.icb).toBe("NHS Devon ICB");
    expect(summary.sites).toBe(4);
    expect(summary.people).toBe(200);
    expect(await first.db.$count(people)).toBe(200);
    expect(await first.db.$count(appointments)).toBe(summary.appointments);
  });

  it("gives people valid, unique identifiers and adult ages", async () => {
    const rows = await peopleSnapshot(first.db);
    expect(new Set(rows.map((p) => p.crn)).size).toBe(rows.length);
    for (const p of rows) {
      expect(isValidCrn(p.crn), p.crn).toBe(true);
      expect(p.crn).toMatch(/^[A-Z]\d{6}$/);
      if (p.nhsNumber !== null) {
        expect(isTestRangeNhsNumber(p.nhsNumber), p.nhsNumber).toBe(true);
        expect(isValidNhsNumber(p.nhsNumber), p.nhsNumber).toBe(true);
      }
      const age = ageOn(p.dateOfBirth, today);
      expect(age, p.dateOfBirth).toBeGreaterThanOrEqual(18);
      expect(age, p.dateOfBirth).toBeLessThanOrEqual(80);
      expect(p.enrolledOn >= addDays(today, -366) && p.enrolledOn < today, p.enrolledOn).toBe(true);
    }
    const withNhsNumber = rows.filter((p) => p.nhsNumber !== null).length;
    expect(withNhsNumber / rows.length).toBeGreaterThan(0.75);
    expect(withNhsNumber).toBeLessThan(rows.length);
  });

  it("staffs every site and books appointments there today", async () => {
    const { start, end } = londonDayBounds(today, addDays(today, 1));
    const siteRows = await first.db.select({ id: sites.id, code: sites.code }).from(sites);
    for (const site of siteRows) {
      const staff = await first.db
        .select({ role: users.role })
        .from(userSites)
        .innerJoin(users, eq(users.id, userSites.userId))
        .where(eq(userSites.siteId, site.id));
      expect(staff.some((u) => u.role === "clinician"), site.code).toBe(true);
      expect(staff.some((u) => u.role === "probation_officer"), site.code).toBe(true);

      const todays = await first.db
        .select({ startsAt: appointments.startsAt })
        .from(appointments)
        .where(and(eq(appointments.siteId, site.id), gte(appointments.startsAt, start), lt(appointments.startsAt, end)));
      expect(todays.length, site.code).toBeGreaterThanOrEqual(3);
      for (const a of todays) {
        const time = toLondon(a.startsAt).time;
        expect(time >= "09:00" && time < "17:00", time).toBe(true);
      }
    }
  });

  it("records past outcomes and leaves today's and future ones open", async () => {
    const { start } = londonDayBounds(today, addDays(today, 1));
    const rows = await first.db
      .select({ startsAt: appointments.startsAt, outcome: appointments.outcome, recordedAt: appointments.outcomeRecordedAt })
      .from(appointments);
    for (const a of rows) {
      if (a.startsAt < start) expect(a.outcome).not.toBeNull();
      else expect(a.outcome).toBeNull();
      expect(a.recordedAt === null).toBe(a.outcome === null);
    }
  });

  it("keeps every rescheduled appointment, with a replacement pointing back to it", async () => {
    const rows = await first.db
      .select({
        id: appointments.id,
        personId: appointments.personId,
        outcome: appointments.outcome,
        rescheduledFromId: appointments.rescheduledFromId,
      })
      .from(appointments);
    const rescheduled = rows.filter((a) => a.outcome === "rescheduled");
    expect(rescheduled.length).toBeGreaterThan(0);
    for (const original of rescheduled) {
      const replacement = rows.find((a) => a.rescheduledFromId === original.id);
      expect(replacement, original.id).toBeDefined();
      expect(replacement?.personId).toBe(original.personId);
    }
    for (const replacement of rows.filter((a) => a.rescheduledFromId !== null)) {
      expect(rows.find((a) => a.id === replacement.rescheduledFromId)?.outcome).toBe("rescheduled");
    }
  });

  it("is deterministic: two fresh databases get the same people and appointments", async () => {
    expect(await peopleSnapshot(second.db)).toEqual(await peopleSnapshot(first.db));
    expect(await appointmentsSnapshot(second.db)).toEqual(await appointmentsSnapshot(first.db));
  });

  it("is deterministic: two fresh databases get the same health records", async () => {
    const [a, b] = await Promise.all([healthSnapshot(first.db), healthSnapshot(second.db)]);
    expect(a.healthChecks.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});

describe("seedDemoData: health records", () => {
  let handle: DatabaseHandle;
  let db: Database;
  let summary: SeedSummary;

  beforeAll(async () => {
    handle = await freshDatabase();
    db = handle.db;
    summary = await seedDemoData(db, { today });
  });

  afterAll(async () => {
    await handle.close();
  });

  const allPeople = () =>
    db
      .select({ id: people.id, siteId: people.siteId, crn: people.crn, enrolledOn: people.enrolledOn, dateOfBirth: people.dateOfBirth, sex: people.sexRegisteredAtGp, ethnicGroup: people.ethnicGroup })
      .from(people);
  const allConsents = () =>
    db
      .select({ personId: consents.personId, kind: consents.kind, decision: consents.decision, decidedOn: consents.decidedOn, recordedAt: consents.recordedAt, withdrawnOn: consents.withdrawnOn, withdrawalRecordedAt: consents.withdrawalRecordedAt, withdrawalRecordedById: consents.withdrawalRecordedById, informationVersion: consents.informationVersion, method: consents.method })
      .from(consents);
  const scoreColumns = {
    smokingStatus: healthChecks.smokingStatus,
    vapes: healthChecks.vapes,
    hsiScore: healthChecks.hsiScore,
    hsiBand: healthChecks.hsiBand,
    auditCScore: healthChecks.auditCScore,
    auditCPositive: healthChecks.auditCPositive,
    auditScore: healthChecks.auditScore,
    auditBand: healthChecks.auditBand,
    phq9Score: healthChecks.phq9Score,
    phq9Band: healthChecks.phq9Band,
    phq9Item9: healthChecks.phq9Item9,
    gad7Score: healthChecks.gad7Score,
    gad7Band: healthChecks.gad7Band,
    bmi: healthChecks.bmi,
  };
  const allChecks = () =>
    db
      .select({
        id: healthChecks.id,
        personId: healthChecks.personId,
        siteId: healthChecks.siteId,
        status: healthChecks.status,
        answers: healthChecks.answers,
        scores: scoreColumns,
        createdAt: healthChecks.createdAt,
        updatedAt: healthChecks.updatedAt,
        completedAt: healthChecks.completedAt,
        completedById: healthChecks.completedById,
      })
      .from(healthChecks);

  it("reports what it wrote", async () => {
    expect(await db.$count(consents)).toBe(summary.consents);
    expect(await db.$count(gpRegistrations)).toBe(summary.gpRegistrations);
    expect(await db.$count(healthChecks, eq(healthChecks.status, "completed"))).toBe(summary.healthChecks);
    expect(await db.$count(healthChecks, eq(healthChecks.status, "draft"))).toBe(summary.draftHealthChecks);
    expect(await db.$count(clinicalAlerts)).toBe(summary.alerts);
    expect(await db.$count(screenings)).toBe(summary.screenings);
    expect(summary.healthChecks).toBeGreaterThan(80);
    expect(summary.draftHealthChecks).toBeGreaterThanOrEqual(4);
    expect(summary.screenings).toBeGreaterThan(10);
  });

  it("stores answers in the shape the app reads, with every score computed from them", async () => {
    const rows = await allChecks();
    for (const { id, answers, scores } of rows) {
      const parsed = parseAnswers(answers);
      expect(parsed, id).toEqual(answers);
      expect(scores, id).toEqual(computeScores(parsed));
    }
  });

  it("completes every section of a completed check, and leaves drafts part-done", async () => {
    const rows = await allChecks();
    const completed = rows.filter((c) => c.status === "completed");
    for (const c of completed) {
      expect(incompleteSections(parseAnswers(c.answers)), c.id).toEqual([]);
      expect(c.completedAt, c.id).not.toBeNull();
      expect(c.completedById, c.id).not.toBeNull();
      if (c.completedAt) expect(c.completedAt > c.createdAt && beforeToday(c.completedAt), c.id).toBe(true);
    }
    for (const d of rows.filter((c) => c.status === "draft")) {
      const statuses = Object.values(sectionStatuses(parseAnswers(d.answers)));
      expect(statuses.some((s) => s !== "not_started"), d.id).toBe(true);
      expect(statuses.filter((s) => s === "completed").length, d.id).toBeLessThan(healthCheckSections.length);
      expect(d.completedAt).toBeNull();
      expect(d.completedById).toBeNull();
      expect(beforeToday(d.updatedAt) && d.updatedAt >= d.createdAt).toBe(true);
    }
    // At most one draft per person: the app resumes it rather than starting another.
    const draftPeople = rows.filter((c) => c.status === "draft").map((c) => c.personId);
    expect(new Set(draftPeople).size).toBe(draftPeople.length);

    // Findings in the ranges DOMAIN.md describes for people on probation.
    const share = (test: (c: (typeof completed)[number]) => boolean) => completed.filter(test).length / completed.length;
    expect(share((c) => c.scores.smokingStatus === "current")).toBeGreaterThan(0.35);
    expect(share((c) => c.scores.smokingStatus === "current")).toBeLessThan(0.65);
    expect(share((c) => c.scores.auditCPositive === true)).toBeGreaterThan(0.12);
    expect(share((c) => c.scores.auditCPositive === true)).toBeLessThan(0.4);
    expect(share((c) => (c.scores.phq9Score ?? 0) >= 10)).toBeGreaterThan(0.12);
    expect(share((c) => (c.scores.phq9Score ?? 0) >= 10)).toBeLessThan(0.4);
  });

  it("links a health check only to the same person's appointment that day", async () => {
    const rows = await db
      .select({ personId: healthChecks.personId, createdAt: healthChecks.createdAt, appointmentPersonId: appointments.personId, startsAt: appointments.startsAt })
      .from(healthChecks)
      .innerJoin(appointments, eq(appointments.id, healthChecks.appointmentId));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.appointmentPersonId).toBe(r.personId);
      expect(londonDate(r.startsAt)).toBe(londonDate(r.createdAt));
    }
  });

  it("dates consent on or after enrolment and never in the future", async () => {
    const enrolled = new Map((await allPeople()).map((p) => [p.id, p.enrolledOn]));
    const rows = await allConsents();
    for (const c of rows) {
      const enrolledOn = enrolled.get(c.personId) ?? "";
      expect(c.decidedOn >= enrolledOn && c.decidedOn < today, `${c.decidedOn} vs enrolled ${enrolledOn}`).toBe(true);
      expect(londonDate(c.recordedAt)).toBe(c.decidedOn);
      expect(beforeToday(c.recordedAt)).toBe(true);
      expect(c.informationVersion).toBe(INFORMATION_VERSION);
      if (c.withdrawnOn !== null) {
        expect(c.decision).toBe("given");
        expect(c.withdrawnOn >= c.decidedOn && c.withdrawnOn < today).toBe(true);
        expect(c.withdrawalRecordedAt !== null && beforeToday(c.withdrawalRecordedAt) && c.withdrawalRecordedAt > c.recordedAt).toBe(true);
        expect(c.withdrawalRecordedById).not.toBeNull();
      } else {
        expect(c.withdrawalRecordedAt).toBeNull();
      }
    }
    expect(rows.some((c) => c.withdrawnOn !== null)).toBe(true);
    expect(rows.some((c) => c.method === "best_interests")).toBe(true);
    const hubCare = [...new Set(rows.map((c) => c.personId))].map((id) => currentConsent(rows.filter((c) => c.personId === id), "hub_care").state);
    const given = hubCare.filter((s) => s === "given").length / hubCare.length;
    expect(given).toBeGreaterThan(0.75);
    expect(given).toBeLessThan(0.97);
  });

  it("records GP registration from enrolment, with a valid practice for every registration", async () => {
    const enrolled = new Map((await allPeople()).map((p) => [p.id, p.enrolledOn]));
    const rows = await db.select().from(gpRegistrations).orderBy(asc(gpRegistrations.recordedAt));
    const byPerson = new Map<string, typeof rows>();
    for (const g of rows) byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), g]);
    for (const [personId, history] of byPerson) {
      const enrolledOn = enrolled.get(personId) ?? "";
      expect(history.filter((g) => g.atEnrolment)).toHaveLength(1);
      expect(history[0]?.atEnrolment).toBe(true);
      for (const g of history) {
        const recordedOn = londonDate(g.recordedAt);
        expect(recordedOn >= enrolledOn && recordedOn < today, `${recordedOn} vs enrolled ${enrolledOn}`).toBe(true);
        if (g.supportStartedOn !== null) expect(g.supportStartedOn >= enrolledOn && g.supportStartedOn <= recordedOn).toBe(true);
        if (g.status === "registered") {
          expect(g.practiceName).toBeTruthy();
          expect(isValidOdsCode(g.odsCode ?? ""), g.odsCode ?? "no ODS code").toBe(true);
          expect(g.registeredOn !== null && g.registeredOn <= recordedOn).toBe(true);
          expect(g.registrationType).not.toBeNull();
          if (!g.atEnrolment) expect(g.registeredOn !== null && g.supportStartedOn !== null && g.registeredOn >= g.supportStartedOn).toBe(true);
        } else {
          expect([g.practiceName, g.odsCode, g.registeredOn, g.registrationType]).toEqual([null, null, null, null]);
        }
      }
    }
    const first = rows.filter((g) => g.atEnrolment);
    expect(first.some((g) => g.status === "not_registered" && g.barriers.length > 0)).toBe(true);
    expect(rows.some((g) => !g.atEnrolment && g.status === "registered")).toBe(true);
  });

  it("writes health records only with consent to hub care in force", async () => {
    const consentRows = await allConsents();
    const inForceAt = (personId: string, at: Date) =>
      currentConsent(
        consentRows.filter((c) => c.personId === personId && c.recordedAt <= at),
        "hub_care",
      ).state === "given" ||
      // Withdrawal takes effect from when it is recorded.
      consentRows.some((c) => c.personId === personId && c.kind === "hub_care" && c.decision === "given" && c.recordedAt <= at && c.withdrawalRecordedAt !== null && c.withdrawalRecordedAt > at);
    for (const c of await allChecks()) expect(inForceAt(c.personId, c.createdAt), c.id).toBe(true);
    for (const g of await db.select({ personId: gpRegistrations.personId, recordedAt: gpRegistrations.recordedAt }).from(gpRegistrations)) {
      expect(inForceAt(g.personId, g.recordedAt)).toBe(true);
    }
    for (const s of await db.select({ personId: screenings.personId, updatedAt: screenings.updatedAt }).from(screenings)) {
      expect(inForceAt(s.personId, s.updatedAt)).toBe(true);
    }
  });

  it("raises an alert for every PHQ-9 question 9 above 0, and leaves a recent one open at every site", async () => {
    const checks = await allChecks();
    const alerts = await db.select().from(clinicalAlerts);
    const flagged = checks.filter((c) => needsSameDayReview(parseAnswers(c.answers)));
    expect(alerts.map((a) => a.healthCheckId).sort()).toEqual(flagged.map((c) => c.id).sort());
    for (const a of alerts) {
      const check = flagged.find((c) => c.id === a.healthCheckId);
      expect(a.personId).toBe(check?.personId);
      expect(a.siteId).toBe(check?.siteId);
      expect(a.raisedAt >= (check?.createdAt ?? a.raisedAt) && beforeToday(a.raisedAt)).toBe(true);
      expect(a.actionedAt === null).toBe(a.action === null);
      expect(a.actionedById === null).toBe(a.action === null);
      if (a.actionedAt) expect(londonDate(a.actionedAt)).toBe(londonDate(a.raisedAt));
      if (a.action === "other") expect(a.actionNote).toBeTruthy();
    }
    const siteRows = await db.select({ id: sites.id, code: sites.code }).from(sites);
    for (const site of siteRows) {
      const open = alerts.filter((a) => a.siteId === site.id && a.actionedAt === null);
      expect(open.length, site.code).toBeGreaterThanOrEqual(1);
      expect(open.length, site.code).toBeLessThanOrEqual(2);
      for (const a of open) expect(londonDate(a.raisedAt) >= addDays(today, -10), site.code).toBe(true);
      expect(checks.some((c) => c.siteId === site.id && c.status === "draft"), site.code).toBe(true);
    }
    expect(alerts.some((a) => a.actionedAt !== null)).toBe(true);
  });

  it("records screening only for eligible people, with dates that fit each status", async () => {
    const everyone = new Map((await allPeople()).map((p) => [p.id, p]));
    const checks = (await allChecks()).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const rows = await db.select().from(screenings);
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      const p = everyone.get(r.personId);
      if (!p) throw new Error("screening for an unknown person");
      const smokingHistory: SmokingHistory = checks.find((c) => c.personId === p.id && c.scores.smokingStatus !== null)?.scores.smokingStatus ?? "unknown";
      const eligibility = allScreeningEligibility({ dateOfBirth: p.dateOfBirth, sexRegisteredAtGp: p.sex, ethnicGroup: p.ethnicGroup, smokingHistory, today }, {});
      expect(eligibility[r.programme].eligible, `${p.crn} ${r.programme}`).toBe(true);
      if (r.programme !== "cervical") expect(r.lastResultHpvNegative).toBeNull();
      for (const past of [r.discussedOn, r.attendedOn, r.resultReceivedOn, r.declinedOn, r.lastTestOn]) if (past !== null) expect(past < today).toBe(true);
      expect(beforeToday(r.updatedAt)).toBe(true);
      for (const hub of [r.discussedOn, r.attendedOn, r.declinedOn]) if (hub !== null) expect(hub >= p.enrolledOn).toBe(true);
      switch (r.status) {
        case null:
          expect(r.lastTestOn).not.toBeNull();
          break;
        case "booked":
          expect(r.bookedFor !== null && r.bookedFor > today).toBe(true);
          break;
        case "attended":
        case "result_received":
          expect(r.attendedOn).not.toBeNull();
          expect(r.lastTestOn).toBe(r.attendedOn);
          if (r.status === "result_received") expect(r.resultReceivedOn !== null && r.attendedOn !== null && r.resultReceivedOn >= r.attendedOn).toBe(true);
          break;
        case "declined":
          expect(r.declinedOn).not.toBeNull();
          break;
        case "discussed":
          expect(r.discussedOn).not.toBeNull();
          break;
      }
      if (r.programme === "prostate" && r.discussedOn !== null) expect(r.lastTestOn !== null && r.lastTestOn >= r.discussedOn).toBe(true);
    }
  });
});

describe("assertLocalDatabase", () => {
  it("allows PGlite and a database on this machine", () => {
    expect(() => assertLocalDatabase(undefined)).not.toThrow();
    expect(() => assertLocalDatabase("postgres://postgres@127.0.0.1:5432/test")).not.toThrow();
    expect(() => assertLocalDatabase("postgres://hub:pw@localhost/hub")).not.toThrow();
    expect(() => assertLocalDatabase("postgres://[::1]:5432/hub")).not.toThrow();
  });

  it("refuses anything else", () => {
    expect(() => assertLocalDatabase("postgres://db.example.com/x")).toThrow(/non-local/);
    expect(() => assertLocalDatabase("postgres://localhost/x?host=db.example.com")).toThrow(/non-local/);
    expect(() => assertLocalDatabase("not a url")).toThrow();
  });
});
