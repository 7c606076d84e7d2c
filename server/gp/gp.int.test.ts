import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, gpRegistrations } from "@/db/schema";
import { healthRecordMessages } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import type { RecordGpRegistrationInput } from "@/domain/schemas/gp-registration";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { recordConsent, withdrawConsent } from "../consent/mutations";
import { recordGpRegistration } from "./mutations";
import { getGpRegistration, listNotRegisteredWithGp } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string; name: string };
let otherSite: { id: string; name: string };
let clinician: Ctx;
let clinicianThere: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse One" }), [site.id]);
  clinicianThere = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
});
afterAll(async () => handle?.close());

/** A person who has consented to care from the hub. */
async function consentingPerson(siteId = site.id, ctx = clinician) {
  const person = await makePerson(db, siteId);
  const consent = await recordConsent({ ctx, input: { personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "own_consent" } });
  return { ...person, consentId: consent.id };
}

const notRegistered = (personId: string, overrides: Partial<RecordGpRegistrationInput> = {}): RecordGpRegistrationInput => ({
  personId,
  status: "not_registered",
  practiceName: null,
  odsCode: null,
  registrationType: null,
  supportStartedOn: "2026-01-05",
  registeredOn: null,
  barriers: ["no_fixed_address"],
  note: null,
  ...overrides,
});

const registered = (personId: string, overrides: Partial<RecordGpRegistrationInput> = {}): RecordGpRegistrationInput =>
  notRegistered(personId, { status: "registered", practiceName: "Riverside Surgery", odsCode: "A81001", registrationType: "permanent", registeredOn: "2026-01-20", barriers: [], ...overrides });

async function rowsFor(personId: string) {
  const [row] = await db.select({ n: count() }).from(gpRegistrations).where(eq(gpRegistrations.personId, personId));
  return row?.n ?? 0;
}

describe("recordGpRegistration", () => {
  it("makes the first row ever the status at enrolment, and each save a new row, audited", async () => {
    const person = await consentingPerson();
    const first = await recordGpRegistration({ ctx: clinician, input: notRegistered(person.id) });
    const second = await recordGpRegistration({ ctx: clinician, input: registered(person.id) });
    expect(first.atEnrolment).toBe(true);
    expect(second.atEnrolment).toBe(false);
    expect(await rowsFor(person.id)).toBe(2);
    const [row] = await db.select().from(gpRegistrations).where(eq(gpRegistrations.id, second.id));
    expect(row).toMatchObject({ status: "registered", practiceName: "Riverside Surgery", odsCode: "A81001", registrationType: "permanent", registeredOn: "2026-01-20", recordedById: clinician.user.id });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "gp.record")));
    expect(audit.map((a) => a.outcome)).toEqual(["success", "success"]);
  });

  it("refuses without consent to care from the hub, writes nothing and audits the refusal", async () => {
    const person = await makePerson(db, site.id);
    const error = await recordGpRegistration({ ctx: clinician, input: notRegistered(person.id) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(healthRecordMessages.noHubCareConsent);
    expect(await rowsFor(person.id)).toBe(0);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "gp.record")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "denied", userId: clinician.user.id });
  });

  it("stops at once when consent is withdrawn", async () => {
    const person = await consentingPerson();
    await recordGpRegistration({ ctx: clinician, input: notRegistered(person.id) });
    await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: person.consentId, version: 1, withdrawnOn: "2026-01-06" } });
    await expect(recordGpRegistration({ ctx: clinician, input: registered(person.id) })).rejects.toBeInstanceOf(ConflictError);
    expect(await rowsFor(person.id)).toBe(1);
  });
});

describe("getGpRegistration", () => {
  it("shows the status at enrolment, now, and every change newest first, audited", async () => {
    const person = await consentingPerson();
    const a = await recordGpRegistration({ ctx: clinician, input: notRegistered(person.id, { status: "unknown", barriers: [] }) });
    const b = await recordGpRegistration({ ctx: clinician, input: notRegistered(person.id, { barriers: ["asked_for_id_or_address", "no_fixed_address"], note: "Practice asked for proof of address" }) });
    const c = await recordGpRegistration({ ctx: clinician, input: registered(person.id, { registrationType: "temporary" }) });

    const gp = await getGpRegistration({ ctx: clinician, personId: person.id });
    expect(gp.person.id).toBe(person.id);
    expect(gp.history.map((h) => h.id)).toEqual([c.id, b.id, a.id]);
    expect(gp.atEnrolment).toMatchObject({ id: a.id, status: "unknown", atEnrolment: true });
    expect(gp.current).toMatchObject({ id: c.id, status: "registered", registrationType: "temporary", odsCode: "A81001", recordedByName: "Nurse One" });
    expect(gp.history[1]).toMatchObject({ barriers: ["no_fixed_address", "asked_for_id_or_address"], note: "Practice asked for proof of address" });
    const views = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "gp.view")));
    expect(views).toHaveLength(1);

    const none = await getGpRegistration({ ctx: clinician, personId: (await makePerson(db, site.id)).id });
    expect(none).toMatchObject({ atEnrolment: null, current: null, history: [] });
  });
});

describe("listNotRegisteredWithGp", () => {
  it("lists people at the user's sites whose latest status is not registered, not known or missing, never another site's", async () => {
    const mySite = await makeSite(db);
    const otherOfMine = await makeSite(db);
    const me = ctxFor(db, await makeUser(db, "clinician", [mySite.id, otherOfMine.id]), [mySite.id, otherOfMine.id]);
    const nothing = await makePerson(db, mySite.id, { familyName: "Aaron" });
    const stillNot = await consentingPerson(mySite.id, me);
    await recordGpRegistration({ ctx: me, input: registered(stillNot.id) });
    await recordGpRegistration({ ctx: me, input: notRegistered(stillNot.id, { supportStartedOn: "2026-02-01" }) });
    const nowRegistered = await consentingPerson(mySite.id, me);
    await recordGpRegistration({ ctx: me, input: notRegistered(nowRegistered.id) });
    await recordGpRegistration({ ctx: me, input: registered(nowRegistered.id) });
    const unknown = await consentingPerson(otherOfMine.id, me);
    await recordGpRegistration({ ctx: me, input: notRegistered(unknown.id, { status: "unknown", supportStartedOn: null }) });
    const elsewhere = await makePerson(db, otherSite.id);

    const rows = await listNotRegisteredWithGp({ ctx: me });
    const ids = rows.map((r) => r.personId);
    expect(ids).toHaveLength(3);
    expect(ids).toEqual(expect.arrayContaining([nothing.id, stillNot.id, unknown.id]));
    expect(ids).not.toContain(nowRegistered.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(rows.find((r) => r.personId === nothing.id)).toMatchObject({ status: null, supportStartedOn: null, crn: nothing.crn, personName: `${nothing.familyName}, ${nothing.givenName}` });
    expect(rows.find((r) => r.personId === stillNot.id)).toMatchObject({ status: "not_registered", supportStartedOn: "2026-02-01" });
    expect(rows.find((r) => r.personId === unknown.id)).toMatchObject({ status: "unknown", siteName: otherOfMine.name });

    const oneSite = await listNotRegisteredWithGp({ ctx: me, siteId: otherOfMine.id });
    expect(oneSite.map((r) => r.personId)).toEqual([unknown.id]);
    // Asking for a site the user does not work at shows nothing rather than that site's people.
    expect(await listNotRegisteredWithGp({ ctx: me, siteId: otherSite.id })).toEqual([]);
  });
});

describe("who may see and record GP registration", () => {
  const others: Role[] = ["probation_officer", "pilot_manager", "administrator"];
  for (const role of others) {
    it(`${role}: forbidden, and nothing is written`, async () => {
      const person = await consentingPerson();
      const ctx = ctxFor(db, await makeUser(db, role, [site.id]), [site.id]);
      await expect(getGpRegistration({ ctx, personId: person.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(recordGpRegistration({ ctx, input: notRegistered(person.id) })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listNotRegisteredWithGp({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowsFor(person.id)).toBe(0);
    });
  }

  it("a person at another site is not found", async () => {
    const elsewhere = await consentingPerson(otherSite.id, clinicianThere);
    await expect(getGpRegistration({ ctx: clinician, personId: elsewhere.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordGpRegistration({ ctx: clinician, input: notRegistered(elsewhere.id) })).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsFor(elsewhere.id)).toBe(0);
  });
});
