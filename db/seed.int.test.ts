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
import { isTerminal, referralEvents as lifecycleEvents, transition } from "@/domain/referral-lifecycle";
import { seeRequestReasons, type ReferralStatus } from "@/domain/referrals";
import { requirementProblems, reviewSchedule, reviewsMandatory } from "@/domain/requirements";
import { datePartValues } from "@/domain/schemas/consent";
import { updateRequirementSchema } from "@/domain/schemas/requirement";
import { allScreeningEligibility, type SmokingHistory } from "@/domain/screening";
import { waitingCutoff, workingDaysBetween } from "@/domain/working-days";
import { createTestDatabase } from "@/test/db";
import type { Database, DatabaseHandle } from "./client";
import {
  appointments,
  clinicalAlerts,
  consents,
  gpRegistrations,
  healthChecks,
  people,
  referralEvents,
  referrals,
  requirementReviews,
  screenings,
  seeRequests,
  services,
  sites,
  treatmentRequirements,
  userSites,
  users,
} from "./schema";
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

/** Referrals with their history, please-see requests and requirement tracking, ids replaced by what they point at. */
async function referralSnapshot(db: Database) {
  const by = alias(users, "by");
  return {
    referrals: await db
      .select({ crn: people.crn, service: services.name, status: referrals.status, reason: referrals.reason, urgency: referrals.urgency, closureReason: referrals.closureReason, rejectionReason: referrals.rejectionReason, createdAt: referrals.createdAt, sentAt: referrals.sentAt, acceptedAt: referrals.acceptedAt, firstAttendedAt: referrals.firstAttendedAt, endedAt: referrals.endedAt, appointmentAt: appointments.startsAt, version: referrals.version })
      .from(referrals)
      .innerJoin(people, eq(people.id, referrals.personId))
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .leftJoin(appointments, eq(appointments.id, referrals.firstAppointmentId))
      .orderBy(asc(people.crn), asc(services.name)),
    events: await db
      .select({ crn: people.crn, service: services.name, from: referralEvents.fromStatus, to: referralEvents.toStatus, at: referralEvents.at, by: by.email, note: referralEvents.note })
      .from(referralEvents)
      .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
      .innerJoin(people, eq(people.id, referrals.personId))
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .innerJoin(by, eq(by.id, referralEvents.byId))
      .orderBy(asc(people.crn), asc(services.name), asc(referralEvents.at), asc(referralEvents.toStatus)),
    seeRequests: await db
      .select({ crn: people.crn, reason: seeRequests.reason, note: seeRequests.note, status: seeRequests.status, by: by.email, requestedAt: seeRequests.requestedAt, handledAt: seeRequests.handledAt })
      .from(seeRequests)
      .innerJoin(people, eq(people.id, seeRequests.personId))
      .innerJoin(by, eq(by.id, seeRequests.requestedById))
      .orderBy(asc(people.crn), asc(seeRequests.requestedAt)),
    requirements: await db
      .select({ crn: people.crn, kind: treatmentRequirements.kind, status: treatmentRequirements.status, assessedOn: treatmentRequirements.suitabilityAssessedOn, provider: treatmentRequirements.provider, startedOn: treatmentRequirements.treatmentStartedOn, endedOn: treatmentRequirements.endedOn, note: treatmentRequirements.note, version: treatmentRequirements.version })
      .from(treatmentRequirements)
      .innerJoin(people, eq(people.id, treatmentRequirements.personId))
      .orderBy(asc(people.crn), asc(treatmentRequirements.kind)),
    reviews: await db
      .select({ crn: people.crn, kind: treatmentRequirements.kind, reviewedOn: requirementReviews.reviewedOn, outcome: requirementReviews.outcome, by: by.email })
      .from(requirementReviews)
      .innerJoin(treatmentRequirements, eq(treatmentRequirements.id, requirementReviews.requirementId))
      .innerJoin(people, eq(people.id, treatmentRequirements.personId))
      .innerJoin(by, eq(by.id, requirementReviews.recordedById))
      .orderBy(asc(people.crn), asc(treatmentRequirements.kind), asc(requirementReviews.reviewedOn)),
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

  it("is deterministic: two fresh databases get the same referrals, please-see requests and requirement tracking", async () => {
    const [a, b] = await Promise.all([referralSnapshot(first.db), referralSnapshot(second.db)]);
    expect(a.referrals.length).toBeGreaterThan(0);
    expect(a.reviews.length).toBeGreaterThan(0);
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

describe("seedDemoData: referrals, please-see requests and treatment requirements", () => {
  let handle: DatabaseHandle;
  let db: Database;
  let summary: SeedSummary;
  const startOfToday = londonDayBounds(today, addDays(today, 1)).start;

  beforeAll(async () => {
    handle = await freshDatabase();
    db = handle.db;
    summary = await seedDemoData(db, { today });
  });

  afterAll(async () => {
    await handle.close();
  });

  const allReferrals = () => db.select().from(referrals);
  const allEvents = async () => {
    const rows = await db.select().from(referralEvents);
    const byReferral = new Map<string, typeof rows>();
    for (const e of rows) byReferral.set(e.referralId, [...(byReferral.get(e.referralId) ?? []), e]);
    // As the referral page orders them: created and sent in one go share a time, creation first.
    for (const list of byReferral.values()) list.sort((x, y) => x.at.getTime() - y.at.getTime() || Number(x.fromStatus !== null) - Number(y.fromStatus !== null));
    return byReferral;
  };
  const siteStaff = async (role: "clinician" | "probation_officer") => {
    const rows = await db.select({ userId: userSites.userId, siteId: userSites.siteId }).from(userSites).innerJoin(users, eq(users.id, userSites.userId)).where(eq(users.role, role));
    return new Set(rows.map((r) => `${r.userId}|${r.siteId}`));
  };

  it("reports what it wrote", async () => {
    expect(await db.$count(referrals)).toBe(summary.referrals);
    expect(await db.$count(referralEvents)).toBe(summary.referralEvents);
    expect(await db.$count(appointments, eq(appointments.type, "referral_first_appointment"))).toBe(summary.referralAppointments);
    expect(await db.$count(seeRequests)).toBe(summary.seeRequests);
    expect(await db.$count(seeRequests, eq(seeRequests.status, "open"))).toBe(summary.openSeeRequests);
    expect(await db.$count(requirementReviews)).toBe(summary.requirementReviews);
    expect(summary.trackedRequirements).toBe(await db.$count(treatmentRequirements));
    expect(summary.openReferrals).toBe((await allReferrals()).filter((r) => !isTerminal(r.status)).length);

    // About 35% of the people with consent to hub care have a referral, most from a health check.
    const consentRows = await db.select().from(consents);
    const consenting = [...new Set(consentRows.map((c) => c.personId))].filter((id) => currentConsent(consentRows.filter((c) => c.personId === id), "hub_care").state === "given");
    const rows = await allReferrals();
    const referred = new Set(rows.map((r) => r.personId));
    expect(referred.size / consenting.length).toBeGreaterThan(0.28);
    expect(referred.size / consenting.length).toBeLessThan(0.42);
    expect(rows.filter((r) => r.healthCheckId !== null).length / rows.length).toBeGreaterThan(0.6);
    expect(rows.filter((r) => r.urgency === "routine").length / rows.length).toBeGreaterThan(0.6);
    expect(new Set(rows.map((r) => r.status)).size).toBe(9);
  });

  it("gives every referral a history that is a path through the lifecycle, ending at its status", async () => {
    const histories = await allEvents();
    const rows = await allReferrals();
    for (const r of rows) {
      const events = histories.get(r.id) ?? [];
      const [created, ...steps] = events;
      expect(created?.fromStatus, r.id).toBeNull();
      expect(created?.toStatus, r.id).toBe("draft");
      let status: ReferralStatus = "draft";
      for (const e of steps) {
        expect(e.fromStatus, r.id).toBe(status);
        const moves = lifecycleEvents.map((event) => transition(status, event)).filter((t) => t.ok && t.to === e.toStatus);
        expect(moves.length, `${r.id}: ${status} -> ${e.toStatus}`).toBeGreaterThan(0);
        status = e.toStatus;
      }
      expect(status, r.id).toBe(r.status);
    }
    expect(new Set((await db.select({ id: referralEvents.referralId }).from(referralEvents)).map((e) => e.id)).size).toBe(rows.length);
  });

  it("keeps each step's time on the row in line with the history", async () => {
    const histories = await allEvents();
    const clinicians = await siteStaff("clinician");
    const appointmentRows = new Map((await db.select().from(appointments).where(eq(appointments.type, "referral_first_appointment"))).map((a) => [a.id, a]));
    for (const r of await allReferrals()) {
      const events = histories.get(r.id) ?? [];
      const atOf = (test: (e: (typeof events)[number]) => boolean) => events.find(test)?.at ?? null;
      const last = events[events.length - 1];
      expect(r.createdAt, r.id).toEqual(events[0]?.at);
      expect(r.sentAt, r.id).toEqual(atOf((e) => e.toStatus === "sent"));
      expect(r.respondedAt, r.id).toEqual(atOf((e) => e.fromStatus === "sent" && (e.toStatus === "accepted" || e.toStatus === "rejected")));
      expect(r.acceptedAt, r.id).toEqual(atOf((e) => e.toStatus === "accepted"));
      // A rebooked first appointment keeps the first booking time.
      expect(r.appointmentBookedAt, r.id).toEqual(atOf((e) => e.toStatus === "appointment_booked"));
      expect(r.endedAt, r.id).toEqual(atOf((e) => e.toStatus === "rejected" || e.toStatus === "completed" || e.toStatus === "closed"));
      const attended = atOf((e) => e.toStatus === "attended");
      const first = r.firstAppointmentId ? appointmentRows.get(r.firstAppointmentId) : undefined;
      // First attendance is the time of the appointment attended, recorded after it.
      expect(r.firstAttendedAt, r.id).toEqual(attended ? first?.startsAt : null);
      if (attended && first) expect(attended >= first.startsAt, r.id).toBe(true);
      expect(r.updatedAt, r.id).toEqual(last?.at);
      expect(r.version, r.id).toBe(events.length);
      expect(r.closureReason !== null, r.id).toBe(r.status === "closed");
      expect(r.rejectionReason !== null, r.id).toBe(r.status === "rejected");
      if (r.closureReason === "other") expect(last?.note, r.id).toBeTruthy();
      expect(r.personAgreed).toBe(true);
      expect(r.createdById, r.id).toBe(events[0]?.byId);
      for (const e of events) {
        expect(e.at < startOfToday, r.id).toBe(true);
        expect(clinicians.has(`${e.byId}|${r.siteId}`), `${r.id} by ${e.byId}`).toBe(true);
      }
      for (let i = 1; i < events.length; i++) expect((events[i]?.at ?? r.createdAt) >= (events[i - 1]?.at ?? r.createdAt), r.id).toBe(true);
    }
  });

  it("refers to an active service at the person's site, from a completed health check, with consent in force", async () => {
    const everyone = new Map((await db.select({ id: people.id, siteId: people.siteId }).from(people)).map((p) => [p.id, p]));
    const serviceRows = new Map((await db.select().from(services)).map((s) => [s.id, s]));
    const checks = new Map((await db.select().from(healthChecks)).map((c) => [c.id, c]));
    const consentRows = await db.select().from(consents);
    for (const r of await allReferrals()) {
      const service = serviceRows.get(r.serviceId);
      expect(r.siteId, r.id).toBe(everyone.get(r.personId)?.siteId);
      expect(service?.siteId, r.id).toBe(r.siteId);
      expect(service?.active, r.id).toBe(true);
      if (r.healthCheckId !== null) {
        const check = checks.get(r.healthCheckId);
        expect(check?.personId, r.id).toBe(r.personId);
        expect(check?.status, r.id).toBe("completed");
        expect(check?.completedAt !== null && check?.completedAt !== undefined && check.completedAt < r.createdAt, r.id).toBe(true);
      }
      const mine = consentRows.filter((c) => c.personId === r.personId && c.recordedAt <= r.createdAt);
      expect(currentConsent(mine, "hub_care").state, r.id).toBe("given");
    }
  });

  it("books first appointments on the person's timeline, with outcomes that fit the referral", async () => {
    const histories = await allEvents();
    const everyone = new Map((await db.select({ id: people.id, siteId: people.siteId }).from(people)).map((p) => [p.id, p]));
    const firstAppointments = await db.select().from(appointments).where(eq(appointments.type, "referral_first_appointment"));
    const byId = new Map(firstAppointments.map((a) => [a.id, a]));
    const rows = await allReferrals();
    let bookings = 0;
    for (const r of rows) {
      const booked = (histories.get(r.id) ?? []).filter((e) => e.toStatus === "appointment_booked").length;
      bookings += booked;
      expect(r.firstAppointmentId !== null, r.id).toBe(booked > 0);
      if (r.firstAppointmentId === null) continue;
      const a = byId.get(r.firstAppointmentId);
      expect(a, r.id).toBeDefined();
      if (!a) continue;
      expect(a.personId, r.id).toBe(r.personId);
      expect(a.siteId, r.id).toBe(everyone.get(r.personId)?.siteId);
      expect(a.kind, r.id).toBe("health");
      expect(a.createdAt < a.startsAt, r.id).toBe(true);
      if (r.status === "appointment_booked") {
        expect(a.outcome, r.id).toBeNull();
        expect(a.startsAt >= londonDayBounds(addDays(today, 1), addDays(today, 2)).start, r.id).toBe(true);
        expect(londonDate(a.startsAt) <= addDays(today, 14), r.id).toBe(true);
      } else if (r.status === "did_not_attend") {
        expect(a.outcome, r.id).toBe("dna_unacceptable");
      } else if (r.firstAttendedAt !== null) {
        expect(a.outcome, r.id).toBe("attended");
      }
      if (a.outcome !== null) expect(a.startsAt < startOfToday && a.outcomeRecordedAt !== null && a.outcomeRecordedAt > a.startsAt, r.id).toBe(true);
    }
    // Every first appointment ever booked is on the timeline, a missed one kept when it was rebooked.
    expect(firstAppointments.length).toBe(bookings);
    expect(firstAppointments.some((a) => a.outcome === null)).toBe(true);
  });

  it("fills each site's worklists: waiting for a response, accepted but not booked, did not attend, please see", async () => {
    const cutoff = londonDayBounds(waitingCutoff(today, 5), addDays(waitingCutoff(today, 5), 1)).start;
    const rows = await allReferrals();
    const requests = await db.select().from(seeRequests);
    const siteRows = await db.select({ id: sites.id, code: sites.code }).from(sites);
    for (const site of siteRows) {
      const here = rows.filter((r) => r.siteId === site.id);
      const waiting = here.filter((r) => r.status === "sent" && r.sentAt !== null && r.sentAt < cutoff);
      expect(waiting.length, site.code).toBeGreaterThanOrEqual(1);
      expect(waiting.some((r) => r.sentAt !== null && workingDaysBetween(londonDate(r.sentAt), today) >= 8), site.code).toBe(true);
      expect(here.some((r) => r.status === "accepted" && r.firstAppointmentId === null), site.code).toBe(true);
      expect(here.some((r) => r.status === "did_not_attend"), site.code).toBe(true);
      const open = requests.filter((s) => s.siteId === site.id && s.status === "open");
      expect(open.length, site.code).toBeGreaterThanOrEqual(2);
      expect(open.length, site.code).toBeLessThanOrEqual(3);
    }
    // Some sent referrals are still within the response time.
    expect(rows.some((r) => r.status === "sent" && r.sentAt !== null && r.sentAt >= cutoff)).toBe(true);
  });

  it("has please-see requests from the person's own officer, and handled ones by a clinician at the site", async () => {
    const everyone = new Map((await db.select({ id: people.id, siteId: people.siteId, officer: people.assignedOfficerId }).from(people)).map((p) => [p.id, p]));
    const clinicians = await siteStaff("clinician");
    const requests = await db.select().from(seeRequests);
    for (const s of requests) {
      const person = everyone.get(s.personId);
      expect(s.siteId).toBe(person?.siteId);
      expect(s.requestedById).toBe(person?.officer);
      expect(seeRequestReasons).toContain(s.reason);
      expect(s.requestedAt < startOfToday).toBe(true);
      if (s.status === "open") {
        expect([s.handledAt, s.handledById, s.version]).toEqual([null, null, 1]);
      } else {
        expect(s.handledAt !== null && s.handledAt > s.requestedAt && s.handledAt < startOfToday).toBe(true);
        expect(clinicians.has(`${s.handledById ?? ""}|${s.siteId}`)).toBe(true);
        expect(s.version).toBe(2);
      }
    }
    expect(requests.some((s) => s.status !== "open")).toBe(true);
  });

  it("tracks treatment requirements in states the app's own validation accepts", async () => {
    const everyone = new Map((await db.select({ id: people.id, siteId: people.siteId }).from(people)).map((p) => [p.id, p]));
    const serviceNames = await db.select({ siteId: services.siteId, name: services.name }).from(services);
    const rows = await db.select().from(treatmentRequirements);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const state = { status: r.status, suitabilityAssessedOn: r.suitabilityAssessedOn, suitable: r.suitable, madeOn: r.madeOn, lengthMonths: r.lengthMonths, provider: r.provider, treatmentStartedOn: r.treatmentStartedOn, endedOn: r.endedOn };
      expect(requirementProblems(state), r.id).toEqual({});
      const form = {
        personId: r.personId,
        requirementId: r.id,
        version: String(r.version),
        status: r.status,
        ...datePartValues("suitabilityAssessedOn", r.suitabilityAssessedOn),
        suitable: r.suitable === null ? "" : r.suitable ? "yes" : "no",
        ...datePartValues("madeOn", r.madeOn),
        lengthMonths: r.lengthMonths === null ? "" : String(r.lengthMonths),
        provider: r.provider ?? "",
        ...datePartValues("treatmentStartedOn", r.treatmentStartedOn),
        ...datePartValues("endedOn", r.endedOn),
        note: r.note ?? "",
      };
      const parsed = updateRequirementSchema.safeParse(form);
      expect(parsed.success ? [] : parsed.error.issues, r.id).toEqual([]);
      // Assessed before the order, started after it, and a provider named from the site's services.
      expect(r.suitable, r.id).toBe(true);
      expect(r.suitabilityAssessedOn !== null && r.madeOn !== null && r.suitabilityAssessedOn < r.madeOn, r.id).toBe(true);
      if (r.treatmentStartedOn !== null) expect(r.madeOn !== null && r.treatmentStartedOn > r.madeOn, r.id).toBe(true);
      expect(serviceNames.some((s) => s.siteId === everyone.get(r.personId)?.siteId && s.name === r.provider), r.id).toBe(true);
      expect(r.updatedAt >= r.createdAt && r.updatedAt < startOfToday, r.id).toBe(true);
    }
    const statuses = rows.map((r) => r.status);
    expect(statuses.filter((s) => s === "started").length / rows.length).toBeGreaterThan(0.4);
    expect(statuses).toContain("completed");
    expect(statuses).toContain("breached");
  });

  it("reviews DRRs of more than 12 months monthly, with one review overdue", async () => {
    const everyone = new Map((await db.select({ id: people.id, siteId: people.siteId }).from(people)).map((p) => [p.id, p]));
    const officers = await siteStaff("probation_officer");
    const rows = await db.select().from(treatmentRequirements);
    const reviews = await db.select().from(requirementReviews);
    const schedules = rows.map((r) => {
      const mine = reviews.filter((v) => v.requirementId === r.id);
      if (!reviewsMandatory(r.kind, r.lengthMonths)) expect(mine, r.id).toEqual([]);
      for (const v of mine) {
        expect(r.madeOn !== null && v.reviewedOn > r.madeOn && v.reviewedOn < today, r.id).toBe(true);
        if (r.endedOn !== null) expect(v.reviewedOn <= r.endedOn, r.id).toBe(true);
        expect(officers.has(`${v.recordedById}|${everyone.get(r.personId)?.siteId ?? ""}`), r.id).toBe(true);
        expect(v.outcome.length).toBeGreaterThan(0);
        expect(londonDate(v.recordedAt)).toBe(v.reviewedOn);
      }
      expect(new Set(mine.map((v) => v.reviewedOn)).size, r.id).toBe(mine.length);
      return reviewSchedule({ kind: r.kind, lengthMonths: r.lengthMonths, madeOn: r.madeOn, treatmentStartedOn: r.treatmentStartedOn, reviews: mine.map((v) => v.reviewedOn), today, endedOn: r.endedOn });
    });
    expect(schedules.filter((s) => s.required).length).toBeGreaterThanOrEqual(2);
    expect(schedules.filter((s) => s.overdue)).toHaveLength(1);
    // Everyone else's reviews are up to date.
    expect(schedules.filter((s) => !s.overdue && s.missed > 0)).toEqual([]);
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
