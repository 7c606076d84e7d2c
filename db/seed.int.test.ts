import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { addDays, ageOn, londonDayBounds, toLondon, todayInLondon } from "@/domain/dates";
import { isValidCrn } from "@/domain/crn";
import { isTestRangeNhsNumber, isValidNhsNumber } from "@/domain/nhs-number";
import { createTestDatabase } from "@/test/db";
import type { Database, DatabaseHandle } from "./client";
import { appointments, people, sites, userSites, users } from "./schema";
import { assertLocalDatabase, isSeeded, seedDemoData, type SeedSummary } from "./seed";

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
