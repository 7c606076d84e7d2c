/**
 * Every use case, called as every role, against a record at the caller's own site and at another
 * site. The expected answer is derived from the permission table in domain/, not written case by
 * case: without the permission -> Forbidden; with it, another site's record -> NotFound (lists
 * simply leave it out); every refusal writes a "denied" audit row and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle, Database } from "@/db/client";
import { appointments, auditEvents, people } from "@/db/schema";
import { can, type Permission } from "@/domain/permissions";
import { roles, type Role } from "@/domain/roles";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser, personInput } from "@/test/factories";
import type { Ctx } from "./context";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { listCaseload, getPerson, getTimeline } from "./people/queries";
import { createPerson, updatePerson } from "./people/mutations";
import { bookAppointment, recordOutcome } from "./appointments/mutations";
import { getAppointment, listUpcoming } from "./appointments/queries";
import { listMySites, listOfficers } from "./sites/queries";

type Fixture = { person: typeof people.$inferSelect; appointment: typeof appointments.$inferSelect };
type Where = "own" | "other";

type UseCase = {
  name: string;
  /** Every one of these is needed. */
  permissions: Permission[];
  /** "record": targets one record (other site -> NotFound); "list": other site's rows are left out; "create": other site is a validation error. */
  shape: "record" | "list" | "create";
  run: (ctx: Ctx, target: Fixture) => Promise<unknown>;
  /** For lists: does the result include the target? */
  includes?: (result: unknown, target: Fixture) => boolean;
  /** The target appointment is a health hub one (hidden from roles that may not read health). */
  healthAppointment?: boolean;
};

const inTwoDays = () => {
  const d = new Date(Date.now() + 2 * 86400_000);
  return { date: d.toISOString().slice(0, 10), time: "10:30" };
};

const useCases: UseCase[] = [
  {
    name: "listCaseload",
    permissions: ["caseload:read"],
    shape: "list",
    run: (ctx, t) => listCaseload({ ctx, query: { q: t.person.familyName } }),
    includes: (r, t) => (r as Awaited<ReturnType<typeof listCaseload>>).rows.some((row) => row.id === t.person.id),
  },
  { name: "getPerson", permissions: ["person:read"], shape: "record", run: (ctx, t) => getPerson({ ctx, personId: t.person.id }) },
  {
    name: "getTimeline",
    permissions: ["appointment:read"],
    shape: "list",
    run: (ctx, t) => getTimeline({ ctx, personId: t.person.id }),
    includes: (r, t) => (r as Awaited<ReturnType<typeof getTimeline>>).entries.some((e) => e.id === t.appointment.id),
  },
  {
    name: "createPerson",
    permissions: ["person:create"],
    shape: "create",
    run: (ctx, t) => createPerson({ ctx, input: personInput(t.person.siteId), enrolledOn: "2026-11-01" }),
  },
  {
    name: "updatePerson",
    permissions: ["person:update"],
    shape: "record",
    run: (ctx, t) =>
      updatePerson({
        ctx,
        input: { ...personInput(t.person.siteId, { crn: t.person.crn, nhsNumber: t.person.nhsNumber }), personId: t.person.id, version: t.person.version },
      }),
  },
  {
    name: "bookAppointment (health hub)",
    permissions: ["appointment:create", "health:write"],
    shape: "record",
    run: (ctx, t) =>
      bookAppointment({ ctx, input: { personId: t.person.id, kind: "health", type: "health_check", siteId: t.person.siteId, ...inTwoDays(), durationMinutes: 30, clinicianAttends: true } }),
  },
  {
    name: "recordOutcome (health hub)",
    permissions: ["appointment:record-outcome", "health:write"],
    shape: "record",
    healthAppointment: true,
    run: (ctx, t) => recordOutcome({ ctx, input: { appointmentId: t.appointment.id, version: t.appointment.version, outcome: "attended", note: null } }),
  },
  {
    name: "getAppointment (health hub)",
    permissions: ["appointment:read", "health:read"],
    shape: "record",
    healthAppointment: true,
    run: (ctx, t) => getAppointment({ ctx, appointmentId: t.appointment.id }),
  },
  {
    name: "bookAppointment",
    permissions: ["appointment:create", "probation-appointment:write"],
    shape: "record",
    run: (ctx, t) =>
      bookAppointment({ ctx, input: { personId: t.person.id, kind: "probation", type: "supervision", siteId: t.person.siteId, ...inTwoDays(), durationMinutes: 30, clinicianAttends: false } }),
  },
  {
    name: "recordOutcome",
    permissions: ["appointment:record-outcome", "probation-appointment:write"],
    shape: "record",
    run: (ctx, t) => recordOutcome({ ctx, input: { appointmentId: t.appointment.id, version: t.appointment.version, outcome: "attended", note: null } }),
  },
  { name: "getAppointment", permissions: ["appointment:read"], shape: "record", run: (ctx, t) => getAppointment({ ctx, appointmentId: t.appointment.id }) },
  {
    name: "listUpcoming",
    permissions: ["appointment:read"],
    shape: "list",
    run: (ctx) => listUpcoming({ ctx, range: "week" }),
    includes: (r, t) => (r as Awaited<ReturnType<typeof listUpcoming>>).rows.some((row) => row.id === t.appointment.id),
  },
  {
    name: "listMySites",
    permissions: ["site:read"],
    shape: "list",
    run: (ctx) => listMySites({ ctx }),
    includes: (r, t) => (r as Awaited<ReturnType<typeof listMySites>>).some((s) => s.id === t.person.siteId),
  },
  {
    name: "listOfficers",
    permissions: ["caseload:read"],
    shape: "list",
    run: (ctx) => listOfficers({ ctx }),
    includes: (r, t) => (r as Awaited<ReturnType<typeof listOfficers>>).some((o) => o.siteId === t.person.siteId),
  },
];

/** A fingerprint of everything a use case could change, to prove a refusal changed nothing. */
async function snapshot(db: Database, t: Fixture) {
  const [person] = await db.select({ version: people.version, familyName: people.familyName }).from(people).where(eq(people.id, t.person.id));
  const [appointment] = await db.select({ outcome: appointments.outcome, version: appointments.version }).from(appointments).where(eq(appointments.id, t.appointment.id));
  const [peopleCount] = await db.select({ n: count() }).from(people);
  const [appointmentCount] = await db.select({ n: count() }).from(appointments);
  return { person, appointment, people: peopleCount?.n, appointments: appointmentCount?.n };
}

async function deniedCount(db: Database, userId: string) {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.userId, userId), eq(auditEvents.outcome, "denied")));
  return row?.n ?? 0;
}

describe("role x site authorization matrix", () => {
  let handle: DatabaseHandle;
  let db: Database;
  let siteA: { id: string };
  let siteB: { id: string };
  const callers = new Map<Role, Ctx>();

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    siteA = await makeSite(db);
    siteB = await makeSite(db);
    // An officer at each site, so officer lists have something to show or leave out.
    await makeUser(db, "probation_officer", [siteB.id]);
    for (const role of roles) {
      const user = await makeUser(db, role, [siteA.id]);
      callers.set(role, ctxFor(db, user, [siteA.id]));
    }
  });
  afterAll(async () => handle?.close());

  async function fixtureAt(siteId: string, healthAppointment = false): Promise<Fixture> {
    const person = await makePerson(db, siteId);
    // Later today or earlier this week, in the past: outcomes can be recorded and it shows in "this week".
    const appointment = await makeAppointment(db, person, {
      startsAt: new Date(Date.now() - 60_000),
      ...(healthAppointment ? { kind: "health" as const, type: "health_check" as const } : {}),
    });
    return { person, appointment };
  }

  for (const useCase of useCases) {
    for (const role of roles) {
      for (const where of ["own", "other"] as Where[]) {
        const allowed = useCase.permissions.every((p) => can(role, p));
        // Holding the general permission but not the one for this kind of appointment: refused
        // either as forbidden or, when the record is hidden from the role or at another site, as not found.
        const partly = !allowed && can(role, useCase.permissions[0] ?? "site:read");
        const expectation = !allowed
          ? partly && (useCase.healthAppointment || where === "other")
            ? "refused (forbidden or not found)"
            : "forbidden"
          : where === "own"
            ? "succeeds"
            : useCase.shape === "record"
              ? "not found"
              : useCase.shape === "create"
                ? "refused"
                : "leaves it out";

        it(`${useCase.name} as ${role} at ${where} site: ${expectation}`, async () => {
          const ctx = callers.get(role);
          if (!ctx) throw new Error("no caller");
          const target = await fixtureAt(where === "own" ? siteA.id : siteB.id, useCase.healthAppointment);
          const before = await snapshot(db, target);
          const deniedBefore = await deniedCount(db, ctx.user.id);

          const outcome = await useCase.run(ctx, target).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );

          if (expectation === "refused (forbidden or not found)") {
            const error = outcome.ok ? null : outcome.error;
            expect(error instanceof ForbiddenError || error instanceof NotFoundError).toBe(true);
          } else if (expectation === "forbidden") {
            expect(outcome.ok ? null : outcome.error).toBeInstanceOf(ForbiddenError);
          } else if (expectation === "not found") {
            expect(outcome.ok ? null : outcome.error).toBeInstanceOf(NotFoundError);
          } else if (expectation === "refused") {
            expect(outcome.ok ? null : outcome.error).toBeInstanceOf(ValidationError);
          } else {
            if (!outcome.ok) throw outcome.error;
            if (useCase.includes) expect(useCase.includes(outcome.value, target)).toBe(expectation === "succeeds");
          }

          if (expectation !== "succeeds" && expectation !== "leaves it out") {
            expect(await snapshot(db, target)).toEqual(before);
          }
          if (expectation === "forbidden" || expectation === "not found" || expectation === "refused (forbidden or not found)") {
            expect(await deniedCount(db, ctx.user.id)).toBe(deniedBefore + 1);
          }
        });
      }
    }
  }

  it("covers every permission that any use case needs", () => {
    const covered = new Set(useCases.flatMap((u) => u.permissions));
    for (const p of ["caseload:read", "person:read", "person:create", "person:update", "appointment:read", "appointment:create", "appointment:record-outcome"] as const) {
      expect(covered.has(p)).toBe(true);
    }
  });
});
