/**
 * End-to-end only: after the demo seed, one extra person at Cambridge (the signed-in officer's and
 * clinician's site) and one at Hammersmith (another site), each with every kind of record a page
 * can show, so that every dynamic route can be opened by URL for a record at the caller's own site
 * and at another site. The Cambridge person's clinical free-text fields carry marker values that
 * must never reach a probation officer's browser (e2e/leaks.spec.ts).
 *
 * Called by scripts/e2e-server.ts once the database is seeded, before `next start`. Writes the ids
 * to .data/e2e-fixtures.json for the specs (the PGlite database cannot be opened by a second
 * process while the server runs).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase, type Database } from "../../db/client";
import {
  appointments,
  clinicalAlerts,
  consents,
  gpRegistrations,
  healthChecks,
  people,
  referralEvents,
  referrals,
  screenings,
  seeRequests,
  services,
  sites,
  treatmentRequirements,
  users,
} from "../../db/schema";
import { sectionAnswerSchemas } from "../../domain/schemas/health-check";

export const FIXTURES_FILE = path.join(process.cwd(), ".data", "e2e-fixtures.json");

/** Marker values put into clinical free-text fields; none may appear in an officer's HTML or RSC payload. */
export const clinicalMarkers = {
  selfHarmNote: "ZQXCLIN-SELFHARM-NOTE",
  longTermConditions: "ZQXCLIN-LTC",
  otherSubstance: "ZQXCLIN-SUBSTANCE",
  alertActionNote: "ZQXCLIN-ALERT-NOTE",
  gpPracticeName: "ZQXCLIN-GP-PRACTICE",
  gpNote: "ZQXCLIN-GP-NOTE",
  screeningNote: "ZQXCLIN-SCREENING-NOTE",
  referralReason: "ZQXCLIN-REFERRAL-REASON",
  rejectionReason: "ZQXCLIN-REJECTION-REASON",
  referralEventNote: "ZQXCLIN-REFERRAL-EVENT-NOTE",
  healthAppointmentNote: "ZQXCLIN-HEALTH-APPT-NOTE",
} as const;

export type SiteFixture = {
  siteId: string;
  personId: string;
  appointmentId: string;
  healthAppointmentId: string;
  consentId: string;
  healthCheckId: string;
  completedHealthCheckId: string;
  alertId: string;
  referralId: string;
  requirementId: string;
  requestId: string;
  serviceId: string;
  userId: string;
  programme: string;
  section: string;
};
export type E2eFixtures = { own: SiteFixture; other: SiteFixture; markers: typeof clinicalMarkers };

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`e2e fixtures: no ${what}`);
  return row;
}

async function siteFixture(db: Database, siteCode: string, staffEmail: string, clinicianEmail: string, officerEmail: string, withMarkers: boolean): Promise<SiteFixture> {
  const mark = (value: string) => (withMarkers ? value : `Other-site ${value.toLowerCase()}`);
  const site = await one(db.select({ id: sites.id }).from(sites).where(eq(sites.code, siteCode)), `site ${siteCode}`);
  const byEmail = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, [staffEmail, clinicianEmail, officerEmail]));
  const idOf = (email: string) => {
    const id = byEmail.find((u) => u.email === email)?.id;
    if (!id) throw new Error(`e2e fixtures: no user ${email}`);
    return id;
  };
  const clinicianId = idOf(clinicianEmail);
  const officerId = idOf(officerEmail);

  const person = await one(
    db
      .insert(people)
      .values({
        siteId: site.id,
        crn: withMarkers ? "X900001" : "X900002",
        // Away from the numbers the specs type (people.spec.ts adds 999 000 0018).
        nhsNumber: withMarkers ? "9999900003" : "9999900011",
        givenName: "Fixture",
        familyName: withMarkers ? "Ownsite" : "Othersite",
        dateOfBirth: "1965-06-15",
        sexRegisteredAtGp: "female",
        orderType: "community_order",
        enrolledOn: "2026-01-05",
        assignedOfficerId: officerId,
      })
      .returning({ id: people.id }),
    "person",
  );
  const consent = await one(
    db
      .insert(consents)
      .values({ personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "own_consent", recordedById: clinicianId })
      .returning({ id: consents.id }),
    "consent",
  );
  await db
    .insert(consents)
    .values({ personId: person.id, kind: "share_with_probation", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "own_consent", recordedById: clinicianId });

  const appointment = await one(
    db.insert(appointments).values({ personId: person.id, siteId: site.id, kind: "probation", type: "supervision", startsAt: daysFromNow(3), createdById: officerId }).returning({ id: appointments.id }),
    "appointment",
  );
  const healthAppointment = await one(
    db
      .insert(appointments)
      .values({
        personId: person.id,
        siteId: site.id,
        kind: "health",
        type: "health_check",
        startsAt: daysFromNow(-2),
        clinicianAttends: true,
        outcome: "attended",
        outcomeNote: mark(clinicalMarkers.healthAppointmentNote),
        outcomeRecordedAt: daysFromNow(-2),
        outcomeRecordedById: clinicianId,
        createdById: clinicianId,
      })
      .returning({ id: appointments.id }),
    "health appointment",
  );

  // Stored exactly as the app stores a draft: each section's answers as its schema outputs them.
  const answers = {
    self_harm: sectionAnswerSchemas.self_harm.parse({ currentThoughts: "no", recentSelfHarm: "no", note: mark(clinicalMarkers.selfHarmNote) }),
    physical: sectionAnswerSchemas.physical.parse({ longTermConditions: mark(clinicalMarkers.longTermConditions) }),
    drugs: sectionAnswerSchemas.drugs.parse({ otherSubstance: mark(clinicalMarkers.otherSubstance) }),
  };
  const check = await one(
    db.insert(healthChecks).values({ personId: person.id, siteId: site.id, status: "draft", answers, createdById: clinicianId, updatedById: clinicianId }).returning({ id: healthChecks.id }),
    "health check",
  );
  const completed = await one(
    db.select({ id: healthChecks.id }).from(healthChecks).where(and(eq(healthChecks.siteId, site.id), eq(healthChecks.status, "completed"))).limit(1),
    "completed health check",
  );
  const alert = await one(
    db
      .insert(clinicalAlerts)
      .values({
        personId: person.id,
        siteId: site.id,
        healthCheckId: check.id,
        kind: "phq9_item9",
        action: "other",
        actionNote: mark(clinicalMarkers.alertActionNote),
        actionedAt: daysFromNow(-1),
        actionedById: clinicianId,
      })
      .returning({ id: clinicalAlerts.id }),
    "alert",
  );
  await db.insert(gpRegistrations).values({
    personId: person.id,
    status: "registered",
    practiceName: mark(clinicalMarkers.gpPracticeName),
    odsCode: "A81001",
    registrationType: "permanent",
    registeredOn: "2026-01-20",
    supportStartedOn: "2026-01-06",
    barriers: [],
    note: mark(clinicalMarkers.gpNote),
    atEnrolment: true,
    recordedById: clinicianId,
  });
  await db.insert(screenings).values({ personId: person.id, programme: "bowel", status: "discussed", discussedOn: "2026-02-10", note: mark(clinicalMarkers.screeningNote), updatedById: clinicianId });

  const service = await one(
    db.insert(services).values({ siteId: site.id, name: `Fixture talking therapies ${siteCode}`, category: "talking_therapies", commissionerType: "icb" }).returning({ id: services.id }),
    "service",
  );
  const sentAt = daysFromNow(-3);
  const referral = await one(
    db
      .insert(referrals)
      .values({
        personId: person.id,
        siteId: site.id,
        serviceId: service.id,
        reason: mark(clinicalMarkers.referralReason),
        urgency: "routine",
        personAgreed: true,
        status: "sent",
        sentAt,
        createdAt: sentAt,
        createdById: clinicianId,
      })
      .returning({ id: referrals.id }),
    "referral",
  );
  await db.insert(referralEvents).values([
    { referralId: referral.id, fromStatus: null, toStatus: "draft", at: sentAt, byId: clinicianId, note: null },
    { referralId: referral.id, fromStatus: "draft", toStatus: "sent", at: sentAt, byId: clinicianId, note: mark(clinicalMarkers.referralEventNote) },
  ]);
  const rejectedAt = daysFromNow(-2);
  const rejected = await one(
    db
      .insert(referrals)
      .values({
        personId: person.id,
        siteId: site.id,
        serviceId: service.id,
        reason: mark(clinicalMarkers.referralReason),
        urgency: "routine",
        personAgreed: true,
        status: "rejected",
        rejectionReason: mark(clinicalMarkers.rejectionReason),
        sentAt,
        respondedAt: rejectedAt,
        endedAt: rejectedAt,
        createdAt: sentAt,
        createdById: clinicianId,
      })
      .returning({ id: referrals.id }),
    "rejected referral",
  );
  await db.insert(referralEvents).values([
    { referralId: rejected.id, fromStatus: null, toStatus: "draft", at: sentAt, byId: clinicianId, note: null },
    { referralId: rejected.id, fromStatus: "draft", toStatus: "sent", at: sentAt, byId: clinicianId, note: null },
    { referralId: rejected.id, fromStatus: "sent", toStatus: "rejected", at: rejectedAt, byId: clinicianId, note: mark(clinicalMarkers.referralEventNote) },
  ]);

  const requirement = await one(
    db
      .insert(treatmentRequirements)
      .values({ personId: person.id, kind: "DRR", status: "ordered", suitabilityAssessedOn: "2026-01-05", suitable: true, madeOn: "2026-01-15", lengthMonths: 18, provider: "Change Grow Live" })
      .returning({ id: treatmentRequirements.id }),
    "requirement",
  );
  const request = await one(
    db.insert(seeRequests).values({ personId: person.id, siteId: site.id, reason: "general_health", note: "Asked at supervision", requestedById: officerId }).returning({ id: seeRequests.id }),
    "please-see request",
  );

  return {
    siteId: site.id,
    personId: person.id,
    appointmentId: appointment.id,
    healthAppointmentId: healthAppointment.id,
    consentId: consent.id,
    healthCheckId: check.id,
    completedHealthCheckId: completed.id,
    alertId: alert.id,
    referralId: referral.id,
    requirementId: requirement.id,
    requestId: request.id,
    serviceId: service.id,
    userId: idOf(staffEmail),
    programme: "bowel",
    section: "smoking",
  };
}

export async function seedE2eFixtures(): Promise<E2eFixtures> {
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    const own = await siteFixture(handle.db, "cambridge", "officer2.cambridge@hub.example", "clinician.cambridge@hub.example", "officer.cambridge@hub.example", true);
    const other = await siteFixture(handle.db, "hammersmith", "officer2.hammersmith@hub.example", "clinician.hammersmith@hub.example", "officer.hammersmith@hub.example", false);
    const fixtures: E2eFixtures = { own, other, markers: clinicalMarkers };
    mkdirSync(path.dirname(FIXTURES_FILE), { recursive: true });
    writeFileSync(FIXTURES_FILE, JSON.stringify(fixtures, null, 2));
    return fixtures;
  } finally {
    await handle.close();
  }
}
