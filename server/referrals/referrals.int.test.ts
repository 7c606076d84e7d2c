import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { appointments, auditEvents, consents, gpRegistrations, healthChecks, referralEvents, referrals, services } from "@/db/schema";
import type { ConsentKind } from "@/domain/health";
import { healthRecordMessages, messages, referralMessages } from "@/domain/messages";
import { can, type Permission } from "@/domain/permissions";
import { transition, type ReferralEvent } from "@/domain/referral-lifecycle";
import { roles, type Role } from "@/domain/roles";
import { createReferralSchema, transitionReferralSchema, type CreateReferralInput, type TransitionReferralInput } from "@/domain/schemas/referral";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser } from "@/test/factories";
import { recordOutcome } from "../appointments/mutations";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { formInput, zodFieldErrors } from "../form-action";
import { getTimeline } from "../people/queries";
import { createReferral, transitionReferral } from "./mutations";
import { getProbationReferrals, listCaseloadReferrals } from "./probation";
import { getNewReferralOptions, getReferral, listReferrals, listReferralsForPerson } from "./queries";
import { listAcceptedNotBooked, listAwaitingResponse, listDidNotAttend } from "./worklists";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let clinician: Ctx;
let otherClinician: Ctx;
let officer: Ctx;
const callers = new Map<Role, Ctx>();

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse One" }), [site.id]);
  otherClinician = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id], { name: "Officer One" }), [site.id]);
  for (const role of roles) callers.set(role, ctxFor(db, await makeUser(db, role, [site.id]), [site.id]));
});
afterAll(async () => handle?.close());

// Monday 2 March 2026, 10:00 in London (GMT).
const T0 = new Date("2026-03-02T10:00:00Z");
const REASON = "PHQ-9 16: moderately severe depression, wants talking therapy";

async function makeService(siteId: string, overrides: Partial<typeof services.$inferInsert> = {}) {
  const [service] = await db
    .insert(services)
    .values({ siteId, name: `Talking Therapies ${Math.random().toString(36).slice(2, 8)}`, category: "talking_therapies", commissionerType: "icb", ...overrides })
    .returning();
  if (!service) throw new Error("no service");
  return service;
}

async function consent(personId: string, kind: ConsentKind, decision: "given" | "refused" = "given", overrides: Partial<typeof consents.$inferInsert> = {}) {
  await db.insert(consents).values({ personId, kind, decision, decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: clinician.user.id, ...overrides });
}

/** A person at `siteId` who consents to care from the hub, and a service there to refer to. */
async function setUp(siteId = site.id, personOverrides: Parameters<typeof makePerson>[2] = {}) {
  const person = await makePerson(db, siteId, personOverrides);
  await consent(person.id, "hub_care");
  const service = await makeService(siteId);
  return { person, service };
}

function referralInput(personId: string, serviceId: string, overrides: Partial<CreateReferralInput> = {}): CreateReferralInput {
  return { personId, serviceId, reason: REASON, urgency: "routine", personAgreed: true, healthCheckId: null, send: true, ...overrides };
}

async function stored(referralId: string) {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, referralId));
  if (!row) throw new Error("no referral");
  return row;
}

async function eventsOf(referralId: string) {
  return db.select().from(referralEvents).where(eq(referralEvents.referralId, referralId)).orderBy(asc(referralEvents.at));
}

async function auditOf(entityId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(asc(auditEvents.id));
}

/** Runs one step with the referral's current version. */
async function step(referralId: string, event: ReferralEvent, extra: Partial<TransitionReferralInput> = {}, now = T0, ctx = clinician) {
  const { version } = await stored(referralId);
  return transitionReferral({ ctx, input: { referralId, version, event, note: null, ...extra }, now });
}

async function sentReferral(now = T0, siteId = site.id) {
  const { person, service } = await setUp(siteId);
  const { id } = await createReferral({ ctx: siteId === site.id ? clinician : otherClinician, input: referralInput(person.id, service.id), now });
  return { id, person, service };
}

async function bookedReferral(appointment = { date: "2026-03-04", time: "10:30" }) {
  const r = await sentReferral();
  await step(r.id, "accept");
  await step(r.id, "book_first_appointment", { appointment });
  const row = await stored(r.id);
  if (!row.firstAppointmentId) throw new Error("no first appointment");
  return { ...r, appointmentId: row.firstAppointmentId };
}

describe("createReferral", () => {
  it("creates and sends in one go: the referral, two history rows and the audit rows commit together", async () => {
    const { person, service } = await setUp();
    const { id, status } = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { urgency: "soon" }), now: T0 });
    expect(status).toBe("sent");
    const row = await stored(id);
    expect(row).toMatchObject({ personId: person.id, siteId: site.id, serviceId: service.id, reason: REASON, urgency: "soon", personAgreed: true, status: "sent", version: 2, createdById: clinician.user.id });
    expect(row.sentAt?.toISOString()).toBe(T0.toISOString());
    expect(row.acceptedAt).toBeNull();

    const events = await eventsOf(id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.byId])).toEqual([
      [null, "draft", clinician.user.id],
      ["draft", "sent", clinician.user.id],
    ]);
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["referral.create", "referral.send"]);
    for (const a of audit) expect(a).toMatchObject({ outcome: "success", userId: clinician.user.id, personId: person.id, siteId: site.id, entityType: "referral" });
    // The clinical reason is never copied into the audit trail.
    expect(JSON.stringify(audit)).not.toContain("PHQ-9 16");
  });

  it("saves a draft, which may be saved before the person has agreed", async () => {
    const { person, service } = await setUp();
    const { id, status } = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { send: false, personAgreed: false }), now: T0 });
    expect(status).toBe("draft");
    expect(await stored(id)).toMatchObject({ status: "draft", version: 1, sentAt: null, personAgreed: false });
    expect((await eventsOf(id)).map((e) => e.toStatus)).toEqual(["draft"]);
  });

  it("refuses to send without the person's agreement, and writes nothing", async () => {
    const { person, service } = await setUp();
    const error = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { personAgreed: false }) }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ personAgreed: referralMessages.agreeBeforeSending });
    expect(await db.select().from(referrals).where(eq(referrals.personId, person.id))).toHaveLength(0);
  });

  it("refuses without consent to care from the hub: nothing saved, the refusal audited", async () => {
    const person = await makePerson(db, site.id);
    await consent(person.id, "hub_care", "refused");
    const service = await makeService(site.id);
    const error = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(healthRecordMessages.noHubCareConsent);
    expect(await db.select().from(referrals).where(eq(referrals.personId, person.id))).toHaveLength(0);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "referral.create")));
    expect(denied.map((d) => d.outcome)).toEqual(["denied"]);
  });

  it("refuses a service at another site, or one no longer active", async () => {
    const { person } = await setUp();
    const elsewhere = await makeService(otherSite.id);
    const inactive = await makeService(site.id, { active: false });
    for (const service of [elsewhere, inactive]) {
      const error = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id) }).catch((e: unknown) => e);
      expect((error as ValidationError).fieldErrors).toEqual({ serviceId: referralMessages.serviceNotAvailable });
    }
    expect(await db.select().from(referrals).where(eq(referrals.personId, person.id))).toHaveLength(0);
  });

  it("links a completed health check of the person's only", async () => {
    const { person, service } = await setUp();
    const someoneElse = await makePerson(db, site.id);
    const [theirs] = await db.insert(healthChecks).values({ personId: someoneElse.id, siteId: site.id, status: "completed", completedAt: T0, createdById: clinician.user.id }).returning();
    const [mine] = await db.insert(healthChecks).values({ personId: person.id, siteId: site.id, status: "completed", completedAt: T0, createdById: clinician.user.id }).returning();
    if (!theirs || !mine) throw new Error("no health checks");
    const error = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { healthCheckId: theirs.id }) }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ healthCheckId: referralMessages.healthCheckNotLinkable });
    const { id } = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { healthCheckId: mine.id }) });
    expect((await stored(id)).healthCheckId).toBe(mine.id);
  });
});

describe("transitionReferral", () => {
  it("refuses a step the lifecycle does not allow with a form error, and changes nothing", async () => {
    const { id } = await sentReferral();
    const before = await stored(id);
    const eventsBefore = await eventsOf(id);
    const auditBefore = await auditOf(id);
    for (const event of ["record_attended", "complete", "send", "book_first_appointment"] as const) {
      const error = await step(id, event, { appointment: { date: "2026-03-04", time: "10:30" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const expected = transition("sent", event);
      expect((error as ValidationError).fieldErrors).toEqual({ event: expected.ok ? "" : expected.message });
    }
    expect(await stored(id)).toEqual(before);
    expect(await eventsOf(id)).toEqual(eventsBefore);
    expect(await auditOf(id)).toEqual(auditBefore);
    expect(await db.select().from(appointments).where(eq(appointments.personId, before.personId))).toHaveLength(0);
  });

  it("refuses a stale version with the conflict message", async () => {
    const { id } = await sentReferral();
    await step(id, "accept");
    const error = await transitionReferral({ ctx: clinician, input: { referralId: id, version: 2, event: "close", closureReason: "declined" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.conflict);
    expect((await stored(id)).status).toBe("accepted");
  });

  it("of two simultaneous steps on the same version, exactly one wins and the other gets a conflict", async () => {
    const { id } = await sentReferral();
    const version = (await stored(id)).version;
    const results = await Promise.allSettled([
      transitionReferral({ ctx: clinician, input: { referralId: id, version, event: "accept" }, now: T0 }),
      transitionReferral({ ctx: clinician, input: { referralId: id, version, event: "reject", rejectionReason: "Outside catchment" }, now: T0 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" ? rejected.reason : null).toBeInstanceOf(ConflictError);
    const row = await stored(id);
    expect(row.version).toBe(version + 1);
    expect(["accepted", "rejected"]).toContain(row.status);
    expect((await eventsOf(id)).filter((e) => e.fromStatus === "sent")).toHaveLength(1);
  });

  it("walks the whole way, setting each step's time, with a history row and an audit row for every step", async () => {
    const { id, person } = await sentReferral(T0);
    const t = (hours: number) => new Date(T0.getTime() + hours * 3600_000);
    await step(id, "accept", { note: "Assessment offered" }, t(24));
    await step(id, "book_first_appointment", { appointment: { date: "2026-03-09", time: "14:00" } }, t(48));
    await step(id, "record_attended", {}, new Date("2026-03-09T15:00:00Z"));
    await step(id, "complete", {}, new Date("2026-04-01T09:00:00Z"));

    const row = await stored(id);
    expect(row).toMatchObject({ status: "completed", version: 6, closureReason: null });
    expect(row.sentAt?.toISOString()).toBe(T0.toISOString());
    expect(row.respondedAt?.toISOString()).toBe(t(24).toISOString());
    expect(row.acceptedAt?.toISOString()).toBe(t(24).toISOString());
    expect(row.appointmentBookedAt?.toISOString()).toBe(t(48).toISOString());
    expect(row.firstAttendedAt?.toISOString()).toBe("2026-03-09T14:00:00.000Z"); // the appointment's time
    expect(row.endedAt?.toISOString()).toBe("2026-04-01T09:00:00.000Z");

    const events = await eventsOf(id);
    expect(events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual(["null>draft", "draft>sent", "sent>accepted", "accepted>appointment_booked", "appointment_booked>attended", "attended>completed"]);
    expect(events.find((e) => e.toStatus === "accepted")?.note).toBe("Assessment offered");
    const actions = (await auditOf(id)).map((a) => a.action);
    expect(actions).toEqual(["referral.create", "referral.send", "referral.accept", "referral.book_first_appointment", "referral.record_attended", "referral.complete"]);

    // The first appointment is a health appointment at the person's site, on their timeline, attended.
    const [appointment] = await db.select().from(appointments).where(eq(appointments.personId, person.id));
    expect(appointment).toMatchObject({ id: row.firstAppointmentId, kind: "health", type: "referral_first_appointment", siteId: site.id, clinicianAttends: false, outcome: "attended" });
    expect(appointment?.startsAt.toISOString()).toBe("2026-03-09T14:00:00.000Z");
    const timeline = await getTimeline({ ctx: clinician, personId: person.id });
    expect(timeline.entries.map((e) => e.id)).toContain(row.firstAppointmentId);
  });

  it("audits every other step too: reject, did not attend, rebook, close, and closing a draft", async () => {
    const rejected = await sentReferral();
    await step(rejected.id, "reject", { rejectionReason: "Outside catchment area" });
    expect(await stored(rejected.id)).toMatchObject({ status: "rejected", rejectionReason: "Outside catchment area" });
    expect((await stored(rejected.id)).endedAt?.toISOString()).toBe(T0.toISOString());

    const missed = await bookedReferral();
    await step(missed.id, "record_did_not_attend", {}, new Date("2026-03-05T09:00:00Z"));
    const [dnaAppointment] = await db.select().from(appointments).where(eq(appointments.id, missed.appointmentId));
    expect(dnaAppointment?.outcome).toBe("dna_unacceptable");
    await step(missed.id, "book_first_appointment", { appointment: { date: "2026-03-12", time: "09:15" } }, new Date("2026-03-05T10:00:00Z"));
    const rebooked = await stored(missed.id);
    expect(rebooked.status).toBe("appointment_booked");
    expect(rebooked.firstAppointmentId).not.toBe(missed.appointmentId);
    expect(rebooked.appointmentBookedAt?.toISOString()).toBe(T0.toISOString()); // the first booking time is kept
    await step(missed.id, "close", { closureReason: "not_engaged" });
    expect(await stored(missed.id)).toMatchObject({ status: "closed", closureReason: "not_engaged" });

    const { person, service } = await setUp();
    const draft = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { send: false }) });
    await step(draft.id, "close", { closureReason: "other", note: "Made in error" });

    const audited = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(inArray(auditEvents.entityId, [rejected.id, missed.id, draft.id]), eq(auditEvents.entityType, "referral")));
    expect(audited.map((a) => a.action).sort()).toEqual(
      [
        "referral.create",
        "referral.send",
        "referral.reject",
        "referral.create",
        "referral.send",
        "referral.accept",
        "referral.book_first_appointment",
        "referral.record_did_not_attend",
        "referral.book_first_appointment",
        "referral.close",
        "referral.create",
        "referral.close",
      ].sort(),
    );
    const historyRows = await db.select({ n: count() }).from(referralEvents).where(inArray(referralEvents.referralId, [rejected.id, missed.id, draft.id]));
    expect(historyRows[0]?.n).toBe(3 + 7 + 2);
  });

  it("needs a coded reason to close, a note for Other, and a reason to record a rejection", async () => {
    const { id } = await sentReferral();
    expect(((await step(id, "close").catch((e: unknown) => e)) as ValidationError).fieldErrors).toEqual({ closureReason: referralMessages.closureReason });
    expect(((await step(id, "close", { closureReason: "other" }).catch((e: unknown) => e)) as ValidationError).fieldErrors).toEqual({ note: referralMessages.closureNoteForOther });
    expect(((await step(id, "reject").catch((e: unknown) => e)) as ValidationError).fieldErrors).toEqual({ rejectionReason: referralMessages.rejectionReason });
    expect((await stored(id)).status).toBe("sent");
  });

  it("sends a draft once the person has agreed, recording the agreement", async () => {
    const { person, service } = await setUp();
    const { id } = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { send: false, personAgreed: false }) });
    expect(((await step(id, "send").catch((e: unknown) => e)) as ValidationError).fieldErrors).toEqual({ personAgreed: referralMessages.agreeBeforeSending });
    await step(id, "send", { personAgreed: true });
    expect(await stored(id)).toMatchObject({ status: "sent", personAgreed: true });
  });

  it("refuses to record attendance before the first appointment has started", async () => {
    const { id } = await bookedReferral({ date: "2026-03-04", time: "10:30" });
    const error = await step(id, "record_attended", {}, new Date("2026-03-04T10:00:00Z")).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ event: messages.outcomeFuture });
    expect((await stored(id)).status).toBe("appointment_booked");
  });

  it("refuses an appointment time the clocks skip", async () => {
    const r = await sentReferral();
    await step(r.id, "accept");
    const error = await step(r.id, "book_first_appointment", { appointment: { date: "2026-03-29", time: "01:30" } }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ appointmentTime: messages.timeNotExists });
  });
});

describe("recordOutcome on a referral's first appointment", () => {
  const after = new Date("2026-03-05T09:00:00Z");

  it.each([
    ["attended", "attended"],
    ["attended_late", "attended"],
    ["dna_acceptable", "did_not_attend"],
    ["dna_unacceptable", "did_not_attend"],
  ] as const)("%s moves the referral to %s, with a history row and an audit row", async (outcome, status) => {
    const { id, appointmentId } = await bookedReferral();
    const version = (await stored(id)).version;
    await recordOutcome({ ctx: clinician, input: { appointmentId, version: 1, outcome, note: null }, now: after });
    const row = await stored(id);
    expect(row).toMatchObject({ status, version: version + 1 });
    if (status === "attended") expect(row.firstAttendedAt?.toISOString()).toBe("2026-03-04T10:30:00.000Z");
    const last = (await eventsOf(id)).at(-1);
    expect(last).toMatchObject({ fromStatus: "appointment_booked", toStatus: status, byId: clinician.user.id });
    expect(await auditOf(id, status === "attended" ? "referral.record_attended" : "referral.record_did_not_attend")).toHaveLength(1);
  });

  it("rescheduling passes the referral on to the replacement appointment", async () => {
    const { id, appointmentId } = await bookedReferral();
    const { replacementId } = await recordOutcome({ ctx: clinician, input: { appointmentId, version: 1, outcome: "rescheduled", note: null, newDate: "2026-03-11", newTime: "11:00" }, now: T0 });
    expect(await stored(id)).toMatchObject({ status: "appointment_booked", firstAppointmentId: replacementId });
    if (!replacementId) throw new Error("no replacement");
    await recordOutcome({ ctx: clinician, input: { appointmentId: replacementId, version: 1, outcome: "attended", note: null }, now: new Date("2026-03-11T12:00:00Z") });
    expect((await stored(id)).status).toBe("attended");
  });

  it("leaves referrals alone for other appointments, and once the referral has moved on", async () => {
    const { id, appointmentId, person } = await bookedReferral();
    const other = await makeAppointment(db, person, { kind: "health", type: "follow_up", startsAt: new Date("2026-03-03T10:00:00Z") });
    await recordOutcome({ ctx: clinician, input: { appointmentId: other.id, version: 1, outcome: "attended", note: null }, now: after });
    expect((await stored(id)).status).toBe("appointment_booked");
    await step(id, "close", { closureReason: "moved_away" });
    await recordOutcome({ ctx: clinician, input: { appointmentId, version: 1, outcome: "attended", note: null }, now: after });
    expect((await stored(id)).status).toBe("closed");
  });
});

describe("reading referrals", () => {
  it("getReferral gives the summary, the history with who and when, the next steps, and is audited", async () => {
    const { id, person, service } = await sentReferral();
    const view = await getReferral({ ctx: clinician, referralId: id, now: new Date("2026-03-04T09:00:00Z") });
    expect(view).toMatchObject({ id, status: "sent", reason: REASON, person: { id: person.id, crn: person.crn }, service: { id: service.id, category: "talking_therapies" }, nextEvents: ["accept", "reject", "close"] });
    expect(view.workingDaysWaiting).toBe(2);
    expect(view.history.map((h) => [h.from, h.to, h.byName])).toEqual([
      [null, "draft", "Nurse One"],
      ["draft", "sent", "Nurse One"],
    ]);
    expect(await auditOf(id, "referral.view")).toHaveLength(1);
  });

  it("lists a person's referrals and all referrals at the user's sites, filtered and paged", async () => {
    const { person, service } = await setUp();
    const a = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id), now: T0 });
    const b = await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { send: false }), now: T0 });
    expect((await listReferralsForPerson({ ctx: clinician, personId: person.id })).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());

    const elsewhere = await sentReferral(T0, otherSite.id);
    const drafts = await listReferrals({ ctx: clinician, query: { status: "draft" } });
    expect(drafts.rows.every((r) => r.status === "draft")).toBe(true);
    expect(drafts.rows.map((r) => r.id)).toContain(b.id);
    const all = await listReferrals({ ctx: clinician, query: { status: "all", sort: "created" } });
    expect(all.rows.map((r) => r.id)).not.toContain(elsewhere.id);
    expect(all.total).toBeGreaterThan(2);
    expect(all.rows.length).toBeLessThanOrEqual(25);
  });

  it("suggests referrals from the latest completed health check and the GP status, with the services at the person's site", async () => {
    const { person, service } = await setUp();
    await makeService(otherSite.id);
    await makeService(site.id, { active: false, name: "Closed service" });
    await db.insert(healthChecks).values({ personId: person.id, siteId: site.id, status: "completed", completedAt: T0, createdById: clinician.user.id, smokingStatus: "current", hsiScore: 3, auditScore: 21, phq9Score: 4, phq9Item9: 0, gad7Score: 3 });
    await db.insert(gpRegistrations).values({ personId: person.id, status: "not_registered", recordedById: clinician.user.id });
    const options = await getNewReferralOptions({ ctx: clinician, personId: person.id });
    expect(options.hubCareConsent).toBe("given");
    expect(options.services.map((s) => s.id)).toContain(service.id);
    expect(options.services.every((s) => s.name !== "Closed service")).toBe(true);
    expect(options.suggestions.map((s) => s.category)).toEqual(["drug_alcohol", "stop_smoking", "gp_primary_care"]);
    expect(options.latestHealthCheck?.completedAt.toISOString()).toBe(T0.toISOString());
  });
});

describe("worklists", () => {
  // Wednesday 21 January 2026: 8 working days after Friday 9 January, 2 after Monday 19 January.
  const now = new Date("2026-01-21T10:00:00Z");

  it("'waiting for a response longer than 5 working days' includes one sent 8 working days ago, not one sent 2 days ago", async () => {
    const old = await sentReferral(new Date("2026-01-09T16:00:00Z"));
    const recent = await sentReferral(new Date("2026-01-19T09:00:00Z"));
    const rows = await listAwaitingResponse({ ctx: clinician, days: 5, now });
    const ids = rows.map((r) => r.referralId);
    expect(ids).toContain(old.id);
    expect(ids).not.toContain(recent.id);
    expect(rows.find((r) => r.referralId === old.id)?.workingDaysWaiting).toBe(8);
    // A shorter wait, as from ?days=1, includes the recent one too.
    expect((await listAwaitingResponse({ ctx: clinician, days: 1, now })).map((r) => r.referralId)).toContain(recent.id);
    // Other sites' referrals never appear.
    const elsewhere = await sentReferral(new Date("2026-01-02T09:00:00Z"), otherSite.id);
    expect((await listAwaitingResponse({ ctx: clinician, days: 5, now })).map((r) => r.referralId)).not.toContain(elsewhere.id);
  });

  it("sorts by days waiting, most first or fewest first", async () => {
    const older = await sentReferral(new Date("2026-01-05T09:00:00Z"));
    const newer = await sentReferral(new Date("2026-01-07T09:00:00Z"));
    const desc = (await listAwaitingResponse({ ctx: clinician, days: 5, now, dir: "desc" })).map((r) => r.referralId);
    expect(desc.indexOf(older.id)).toBeLessThan(desc.indexOf(newer.id));
    const asc = (await listAwaitingResponse({ ctx: clinician, days: 5, now, dir: "asc" })).map((r) => r.referralId);
    expect(asc.indexOf(older.id)).toBeGreaterThan(asc.indexOf(newer.id));
  });

  it("lists accepted referrals with no first appointment, and missed first appointments to follow up", async () => {
    const accepted = await sentReferral();
    await step(accepted.id, "accept");
    const missed = await bookedReferral();
    await step(missed.id, "record_did_not_attend", {}, new Date("2026-03-05T09:00:00Z"));
    const later = new Date("2026-03-10T09:00:00Z");
    const acceptedRows = await listAcceptedNotBooked({ ctx: clinician, now: later });
    expect(acceptedRows.map((r) => r.referralId)).toContain(accepted.id);
    expect(acceptedRows.find((r) => r.referralId === accepted.id)?.workingDaysWaiting).toBe(6);
    const dna = await listDidNotAttend({ ctx: clinician, now: later });
    expect(dna.find((r) => r.referralId === missed.id)).toMatchObject({ workingDaysWaiting: 4 });
    expect(dna.find((r) => r.referralId === missed.id)?.since.toISOString()).toBe("2026-03-04T10:30:00.000Z");
  });
});

describe("what probation sees", () => {
  const allowedKeys = ["acceptedAt", "category", "createdAt", "endedAt", "firstAppointmentOn", "firstAttendedAt", "sentAt", "status"];

  it("nothing without consent to share with probation, and nothing once it is withdrawn", async () => {
    const { person } = await sentReferral();
    expect(await getProbationReferrals({ ctx: officer, personId: person.id })).toEqual({ shared: false });
    await consent(person.id, "share_with_probation", "given", { withdrawnOn: "2026-02-01" });
    expect(await getProbationReferrals({ ctx: officer, personId: person.id })).toEqual({ shared: false });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "referral-status.view")));
    expect(audit.map((a) => a.detail)).toEqual([{ shared: false }, { shared: false }]);
  });

  it("with consent: category, status and dates only, never the reason, notes, service name or why it ended", async () => {
    const { id, person, service } = await bookedReferral();
    await step(id, "close", { closureReason: "other", note: "Private clinical note" });
    await createReferral({ ctx: clinician, input: referralInput(person.id, service.id, { send: false, reason: "Draft reason" }) });
    await consent(person.id, "share_with_probation");
    const result = await getProbationReferrals({ ctx: officer, personId: person.id });
    if (!result.shared) throw new Error("expected shared");
    expect(result.referrals).toHaveLength(1); // the draft is left out
    const [shown] = result.referrals;
    expect(Object.keys(shown ?? {}).sort()).toEqual(allowedKeys);
    expect(shown).toMatchObject({ category: "talking_therapies", status: "closed", firstAppointmentOn: "2026-03-04" });
    const text = JSON.stringify(result);
    for (const secret of [REASON, "Private clinical note", service.name, "other", "Draft reason"]) expect(text).not.toContain(secret);
  });

  it("an officer's caseload list: people assigned to them, who consent, only the allowed columns", async () => {
    const mineShared = await setUp(site.id, { assignedOfficerId: officer.user.id });
    const mineNotShared = await setUp(site.id, { assignedOfficerId: officer.user.id });
    const mineWithdrawn = await setUp(site.id, { assignedOfficerId: officer.user.id });
    const notMine = await setUp(site.id);
    for (const s of [mineShared, mineNotShared, mineWithdrawn, notMine]) await createReferral({ ctx: clinician, input: referralInput(s.person.id, s.service.id), now: T0 });
    await consent(mineShared.person.id, "share_with_probation");
    await consent(mineWithdrawn.person.id, "share_with_probation", "given", { recordedAt: new Date("2026-01-01T00:00:00Z") });
    await consent(mineWithdrawn.person.id, "share_with_probation", "given", { withdrawnOn: "2026-02-01" });
    await consent(notMine.person.id, "share_with_probation");

    const result = await listCaseloadReferrals({ ctx: officer });
    expect(result.rows.map((r) => r.personId)).toEqual([mineShared.person.id]);
    expect(Object.keys(result.rows[0] ?? {}).sort()).toEqual([...allowedKeys, "crn", "personId", "personName"].sort());
    expect(JSON.stringify(result)).not.toContain(REASON);
  });
});

describe("access", () => {
  it("another site's referral is not found, to read or to change, and the refusal is audited", async () => {
    const { id } = await sentReferral();
    await expect(getReferral({ ctx: otherClinician, referralId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(transitionReferral({ ctx: otherClinician, input: { referralId: id, version: 2, event: "accept" } })).rejects.toBeInstanceOf(NotFoundError);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.outcome, "denied")));
    expect(denied.map((d) => d.action).sort()).toEqual(["referral.accept", "referral.view"]);
    expect((await stored(id)).status).toBe("sent");
  });

  it("a person at another site cannot be referred, or seen by an officer there", async () => {
    const { person, service } = await setUp(otherSite.id);
    await expect(createReferral({ ctx: clinician, input: referralInput(person.id, service.id) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProbationReferrals({ ctx: officer, personId: person.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  type UseCase = { name: string; permission: Permission; run: (ctx: Ctx, t: { referralId: string; personId: string; serviceId: string }) => Promise<unknown> };
  const useCases: UseCase[] = [
    { name: "createReferral", permission: "referral:write", run: (ctx, t) => createReferral({ ctx, input: referralInput(t.personId, t.serviceId) }) },
    { name: "transitionReferral", permission: "referral:write", run: (ctx, t) => transitionReferral({ ctx, input: { referralId: t.referralId, version: 2, event: "accept" } }) },
    { name: "getReferral", permission: "referral:read", run: (ctx, t) => getReferral({ ctx, referralId: t.referralId }) },
    { name: "listReferralsForPerson", permission: "referral:read", run: (ctx, t) => listReferralsForPerson({ ctx, personId: t.personId }) },
    { name: "listReferrals", permission: "referral:read", run: (ctx) => listReferrals({ ctx, query: {} }) },
    { name: "getNewReferralOptions", permission: "referral:write", run: (ctx, t) => getNewReferralOptions({ ctx, personId: t.personId }) },
    { name: "listAwaitingResponse", permission: "referral:read", run: (ctx) => listAwaitingResponse({ ctx, days: 5 }) },
    { name: "listAcceptedNotBooked", permission: "referral:read", run: (ctx) => listAcceptedNotBooked({ ctx }) },
    { name: "listDidNotAttend", permission: "referral:read", run: (ctx) => listDidNotAttend({ ctx }) },
    { name: "getProbationReferrals", permission: "referral-status:read", run: (ctx, t) => getProbationReferrals({ ctx, personId: t.personId }) },
    { name: "listCaseloadReferrals", permission: "referral-status:read", run: (ctx) => listCaseloadReferrals({ ctx }) },
  ];

  for (const useCase of useCases) {
    for (const role of roles) {
      const allowed = can(role, useCase.permission);
      it(`${useCase.name} as ${role}: ${allowed ? "allowed" : "forbidden, changing nothing"}`, async () => {
        const ctx = callers.get(role);
        if (!ctx) throw new Error("no caller");
        const { id, person, service } = await sentReferral();
        const before = await stored(id);
        const outcome = await useCase.run(ctx, { referralId: id, personId: person.id, serviceId: service.id }).then(
          () => null,
          (error: unknown) => error,
        );
        if (allowed) expect(outcome).toBeNull();
        else {
          expect(outcome).toBeInstanceOf(ForbiddenError);
          expect(await stored(id)).toEqual(before);
          const [denied] = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.userId, ctx.user.id), eq(auditEvents.outcome, "denied")));
          expect(denied?.n).toBeGreaterThan(0);
        }
      });
    }
  }
});

describe("the forms, through the same schemas the actions use", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return formInput(data);
  };

  it("'Send referral' and 'Save as draft' post send=yes and send=no; sending needs the person's agreement", async () => {
    const { person, service } = await setUp();
    const fields = { personId: person.id, serviceId: service.id, reason: ` ${REASON} `, urgency: "urgent", personAgreed: "yes", healthCheckId: "" };
    const sent = createReferralSchema.parse(form({ ...fields, send: "yes" }));
    expect(sent).toEqual({ personId: person.id, serviceId: service.id, reason: REASON, urgency: "urgent", personAgreed: true, healthCheckId: null, send: true });
    expect(createReferralSchema.parse(form({ ...fields, personAgreed: "no", send: "no" }))).toMatchObject({ send: false, personAgreed: false });
    const refused = createReferralSchema.safeParse(form({ ...fields, personAgreed: "no", send: "yes" }));
    expect(refused.success ? {} : zodFieldErrors(refused.error)).toEqual({ personAgreed: referralMessages.agreeBeforeSending });
    const empty = createReferralSchema.safeParse(form({ personId: person.id }));
    expect(empty.success ? {} : Object.keys(zodFieldErrors(empty.error)).sort()).toEqual(["personAgreed", "reason", "serviceId", "urgency"]);

    const { id } = await createReferral({ ctx: clinician, input: sent, now: T0 });
    expect((await stored(id)).status).toBe("sent");
  });

  it("a step keeps only the fields it needs; booking needs a real date and time", async () => {
    const referralId = "8c7e4b1a-7a0e-4f7e-9a5e-2b1f0c3d4e5f";
    const base = { referralId, version: "3", note: "", rejectionReason: "Left over", closureReason: "declined", appointmentDateDay: "9", appointmentDateMonth: "3", appointmentDateYear: "2026", appointmentTime: "9:05" };
    expect(transitionReferralSchema.parse(form({ ...base, event: "book_first_appointment" }))).toEqual({
      referralId,
      version: 3,
      event: "book_first_appointment",
      note: null,
      closureReason: null,
      rejectionReason: null,
      personAgreed: null,
      appointment: { date: "2026-03-09", time: "09:05" },
    });
    expect(transitionReferralSchema.parse(form({ ...base, event: "accept" }))).toMatchObject({ event: "accept", appointment: null, closureReason: null, rejectionReason: null });
    const noDate = transitionReferralSchema.safeParse(form({ referralId, version: "3", event: "book_first_appointment", appointmentDateDay: "31", appointmentDateMonth: "2", appointmentDateYear: "2026", appointmentTime: "25:00" }));
    expect(noDate.success ? {} : zodFieldErrors(noDate.error)).toEqual({ appointmentDate: "The date of the first appointment must be a real date", appointmentTime: messages.timeFormat });
    const noEvent = transitionReferralSchema.safeParse(form({ referralId, version: "3" }));
    expect(noEvent.success ? {} : zodFieldErrors(noEvent.error)).toEqual({ event: referralMessages.chooseEvent });
  });
});
