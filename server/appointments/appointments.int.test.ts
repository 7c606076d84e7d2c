import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { appointments, auditEvents } from "@/db/schema";
import { appointmentMessages, messages } from "@/domain/messages";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { bookAppointment, recordOutcome } from "./mutations";
import { getAppointment, listUpcoming } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let officer: Ctx;
let clinician: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

// A fixed "now" in winter (GMT) so London wall-clock times are predictable.
const now = new Date("2026-01-12T09:00:00Z");

describe("bookAppointment", () => {
  it("stores a London wall-clock time as the right instant, summer and winter", async () => {
    const person = await makePerson(db, site.id);
    const base = { personId: person.id, kind: "probation" as const, type: "supervision" as const, siteId: site.id, durationMinutes: 45, clinicianAttends: true };
    const winter = await bookAppointment({ ctx: officer, input: { ...base, date: "2026-02-03", time: "14:30" }, now });
    const summer = await bookAppointment({ ctx: officer, input: { ...base, date: "2026-07-03", time: "14:30" }, now });
    const [w] = await db.select().from(appointments).where(eq(appointments.id, winter.id));
    const [s] = await db.select().from(appointments).where(eq(appointments.id, summer.id));
    expect(w?.startsAt.toISOString()).toBe("2026-02-03T14:30:00.000Z");
    expect(s?.startsAt.toISOString()).toBe("2026-07-03T13:30:00.000Z");
    expect(w).toMatchObject({ clinicianAttends: true, durationMinutes: 45, createdById: officer.user.id, outcome: null });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, winter.id), eq(auditEvents.action, "appointment.create")));
    expect(audit).toHaveLength(1);
  });

  it("refuses a time in the past, and one skipped when the clocks go forward", async () => {
    const person = await makePerson(db, site.id);
    const base = { personId: person.id, kind: "probation" as const, type: "supervision" as const, siteId: site.id, durationMinutes: 30, clinicianAttends: false };
    const past = await bookAppointment({ ctx: officer, input: { ...base, date: "2026-01-11", time: "10:00" }, now }).catch((e: unknown) => e);
    expect((past as ValidationError).fieldErrors).toEqual({ date: appointmentMessages.inPast });
    const gap = await bookAppointment({ ctx: officer, input: { ...base, date: "2026-03-29", time: "01:30" }, now }).catch((e: unknown) => e);
    expect((gap as ValidationError).fieldErrors).toEqual({ time: messages.timeNotExists });
    expect(await db.select().from(appointments).where(eq(appointments.personId, person.id))).toHaveLength(0);
  });
});

describe("recordOutcome", () => {
  it("records attendance once; a second attempt is a conflict", async () => {
    const person = await makePerson(db, site.id);
    const appt = await makeAppointment(db, person, { startsAt: new Date("2026-01-12T08:00:00Z") });
    await recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 1, outcome: "dna_unacceptable", note: "No contact" }, now });
    const [row] = await db.select().from(appointments).where(eq(appointments.id, appt.id));
    expect(row).toMatchObject({ outcome: "dna_unacceptable", outcomeNote: "No contact", outcomeRecordedById: officer.user.id, version: 2 });
    const again = await recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 2, outcome: "attended", note: null }, now }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
  });

  it("refuses attendance for an appointment that has not started", async () => {
    const person = await makePerson(db, site.id);
    const appt = await makeAppointment(db, person, { startsAt: new Date("2026-01-13T10:00:00Z") });
    const error = await recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 1, outcome: "attended", note: null }, now }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ outcome: messages.outcomeFuture });
    await recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 1, outcome: "cancelled", note: null }, now });
  });

  it("rescheduling keeps the old appointment and links the new one to it", async () => {
    const person = await makePerson(db, site.id);
    const appt = await makeAppointment(db, person, { startsAt: new Date("2026-01-13T10:00:00Z"), kind: "health", type: "health_check", clinicianAttends: true });
    const { replacementId } = await recordOutcome({ ctx: clinician, input: { appointmentId: appt.id, version: 1, outcome: "rescheduled", note: null, newDate: "2026-01-20", newTime: "11:15" }, now });
    expect(replacementId).toBeDefined();
    const [old] = await db.select().from(appointments).where(eq(appointments.id, appt.id));
    const [replacement] = await db.select().from(appointments).where(eq(appointments.rescheduledFromId, appt.id));
    expect(old?.outcome).toBe("rescheduled");
    expect(replacement).toMatchObject({ id: replacementId, kind: "health", type: "health_check", clinicianAttends: true, outcome: null, personId: person.id });
    expect(replacement?.startsAt.toISOString()).toBe("2026-01-20T11:15:00.000Z");
    const view = await getAppointment({ ctx: clinician, appointmentId: appt.id });
    expect(view.rescheduledToId).toBe(replacementId);
  });

  it("of two people recording the same appointment at once, exactly one wins", async () => {
    const person = await makePerson(db, site.id);
    const appt = await makeAppointment(db, person, { startsAt: new Date("2026-01-12T08:00:00Z") });
    const results = await Promise.allSettled([
      recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 1, outcome: "attended", note: null }, now }),
      recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 1, outcome: "attended_late", note: null }, now }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, appt.id), eq(auditEvents.action, "appointment.record-outcome")));
    expect(audits).toHaveLength(1);
  });
});

describe("health hub appointments are health information", () => {
  it("are hidden from a probation officer, who cannot record their outcome either", async () => {
    const person = await makePerson(db, site.id);
    const appt = await makeAppointment(db, person, { startsAt: new Date("2026-01-12T08:00:00Z"), kind: "health", type: "health_check" });
    await expect(getAppointment({ ctx: officer, appointmentId: appt.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordOutcome({ ctx: officer, input: { appointmentId: appt.id, version: 1, outcome: "attended", note: null }, now })).rejects.toBeInstanceOf(NotFoundError);
    const week = await listUpcoming({ ctx: officer, range: "week", now: new Date("2026-01-12T10:00:00Z") });
    expect(week.rows.map((r) => r.id)).not.toContain(appt.id);
    const clinicianWeek = await listUpcoming({ ctx: clinician, range: "week", now: new Date("2026-01-12T10:00:00Z") });
    expect(clinicianWeek.rows.map((r) => r.id)).toContain(appt.id);
  });

  it("a clinician cannot book or record a probation appointment", async () => {
    const person = await makePerson(db, site.id);
    const appt = await makeAppointment(db, person, { startsAt: new Date("2026-01-12T08:00:00Z") });
    await expect(recordOutcome({ ctx: clinician, input: { appointmentId: appt.id, version: 1, outcome: "dna_unacceptable", note: null }, now })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      bookAppointment({ ctx: clinician, input: { personId: person.id, kind: "probation", type: "supervision", siteId: site.id, date: "2026-02-03", time: "10:00", durationMinutes: 30, clinicianAttends: true }, now }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("listUpcoming", () => {
  it("lists today's appointments by London day, including one at 00:30 in summer time", async () => {
    const summerNow = new Date("2026-07-01T10:00:00Z");
    const person = await makePerson(db, site.id);
    // 00:30 BST on 1 July is 23:30 UTC on 30 June: still "today" in London.
    const early = await makeAppointment(db, person, { startsAt: new Date("2026-06-30T23:30:00Z") });
    const yesterday = await makeAppointment(db, person, { startsAt: new Date("2026-06-30T22:30:00Z") });
    const today = await listUpcoming({ ctx: officer, range: "today", now: summerNow });
    expect(today.from).toBe("2026-07-01");
    expect(today.rows.map((r) => r.id)).toContain(early.id);
    expect(today.rows.map((r) => r.id)).not.toContain(yesterday.id);
    const week = await listUpcoming({ ctx: officer, range: "week", now: summerNow });
    expect(week.from).toBe("2026-06-29");
    expect(week.rows.map((r) => r.id)).toEqual(expect.arrayContaining([early.id, yesterday.id]));
  });
});
