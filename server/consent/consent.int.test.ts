import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, consents } from "@/db/schema";
import { todayInLondon } from "@/domain/dates";
import { healthRecordMessages, messages } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import type { RecordConsentInput } from "@/domain/schemas/consent";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { consentStates, hasConsent } from "./current";
import { recordConsent, withdrawConsent } from "./mutations";
import { getConsentOverview } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let clinician: Ctx;
let otherClinician: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse One" }), [site.id]);
  otherClinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse Two" }), [site.id]);
});
afterAll(async () => handle?.close());

const given = (personId: string, overrides: Partial<RecordConsentInput> = {}): RecordConsentInput => ({
  personId,
  kind: "hub_care",
  decision: "given",
  decidedOn: "2026-01-05",
  informationVersion: "Hub leaflet v1.2",
  method: "own_consent",
  ...overrides,
});

async function auditFor(personId: string, action: string) {
  return db.select().from(auditEvents).where(and(eq(auditEvents.personId, personId), eq(auditEvents.action, action)));
}

describe("recordConsent", () => {
  it("records a conversation with who recorded it, audited, and needs no earlier consent", async () => {
    const person = await makePerson(db, site.id);
    expect(await consentStates(db, person.id)).toEqual({ hub_care: "not_asked", share_with_probation: "not_asked", evaluation: "not_asked" });
    const { id } = await recordConsent({ ctx: clinician, input: given(person.id, { method: "best_interests" }) });
    const [row] = await db.select().from(consents).where(eq(consents.id, id));
    expect(row).toMatchObject({ kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "best_interests", recordedById: clinician.user.id, version: 1, withdrawnOn: null });
    expect(await hasConsent(db, person.id, "hub_care")).toBe(true);
    const audit = await auditFor(person.id, "consent.record");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "success", userId: clinician.user.id, siteId: site.id, entityId: id });
  });

  it("keeps each kind separate, and the latest conversation of a kind is the one in force", async () => {
    const person = await makePerson(db, site.id);
    await recordConsent({ ctx: clinician, input: given(person.id, { kind: "share_with_probation", decision: "given" }) });
    await recordConsent({ ctx: clinician, input: given(person.id, { kind: "share_with_probation", decision: "refused", decidedOn: "2026-02-01" }) });
    await recordConsent({ ctx: clinician, input: given(person.id, { kind: "evaluation" }) });
    expect(await consentStates(db, person.id)).toEqual({ hub_care: "not_asked", share_with_probation: "refused", evaluation: "given" });
  });
});

describe("withdrawConsent", () => {
  it("takes effect at once: hasConsent is false straight after, and the withdrawal is audited", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await recordConsent({ ctx: clinician, input: given(person.id) });
    const today = todayInLondon();
    await withdrawConsent({ ctx: otherClinician, input: { personId: person.id, consentId: id, version: 1, withdrawnOn: today } });
    expect(await hasConsent(db, person.id, "hub_care")).toBe(false);
    const [row] = await db.select().from(consents).where(eq(consents.id, id));
    expect(row).toMatchObject({ withdrawnOn: today, withdrawalRecordedById: otherClinician.user.id, version: 2 });
    expect(row?.withdrawalRecordedAt).toBeInstanceOf(Date);
    expect(await auditFor(person.id, "consent.withdraw")).toHaveLength(1);
  });

  it("refuses a withdrawal dated before the consent was given and changes nothing", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await recordConsent({ ctx: clinician, input: given(person.id, { decidedOn: "2026-01-05" }) });
    const error = await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: id, version: 1, withdrawnOn: "2026-01-04" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ withdrawnOn: healthRecordMessages.withdrawalBeforeConsent });
    expect(await hasConsent(db, person.id, "hub_care")).toBe(true);
    expect(await auditFor(person.id, "consent.withdraw")).toHaveLength(0);
  });

  it("refuses a stale version, a second withdrawal, and a consent a later conversation replaced", async () => {
    const person = await makePerson(db, site.id);
    const first = await recordConsent({ ctx: clinician, input: given(person.id) });
    await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: first.id, version: 1, withdrawnOn: "2026-01-06" } });
    const again = await withdrawConsent({ ctx: otherClinician, input: { personId: person.id, consentId: first.id, version: 1, withdrawnOn: "2026-01-07" } }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).userMessage).toBe(messages.conflict);

    const second = await recordConsent({ ctx: clinician, input: given(person.id, { decidedOn: "2026-01-08", informationVersion: "Hub leaflet v1.3" }) });
    expect(await hasConsent(db, person.id, "hub_care")).toBe(true);
    const replaced = await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: first.id, version: 2, withdrawnOn: "2026-01-09" } }).catch((e: unknown) => e);
    expect(replaced).toBeInstanceOf(ConflictError);
    expect((replaced as ConflictError).userMessage).toBe(healthRecordMessages.consentNotWithdrawable);

    const stale = await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: second.id, version: 5, withdrawnOn: "2026-01-09" } }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(await hasConsent(db, person.id, "hub_care")).toBe(true);
    expect(await auditFor(person.id, "consent.withdraw")).toHaveLength(1);
  });

  it("refuses to withdraw a refusal", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await recordConsent({ ctx: clinician, input: given(person.id, { decision: "refused" }) });
    const error = await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: id, version: 1, withdrawnOn: "2026-01-06" } }).catch((e: unknown) => e);
    expect((error as ConflictError).userMessage).toBe(healthRecordMessages.consentNotWithdrawable);
  });

  it("answers not found for a consent that belongs to someone else", async () => {
    const person = await makePerson(db, site.id);
    const someoneElse = await makePerson(db, site.id);
    const { id } = await recordConsent({ ctx: clinician, input: given(someoneElse.id) });
    const error = await withdrawConsent({ ctx: clinician, input: { personId: person.id, consentId: id, version: 1, withdrawnOn: "2026-01-06" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await hasConsent(db, someoneElse.id, "hub_care")).toBe(true);
  });
});

describe("getConsentOverview", () => {
  it("shows the state of each kind with its details, and the full history newest first, audited", async () => {
    const person = await makePerson(db, site.id);
    const a = await recordConsent({ ctx: clinician, input: given(person.id, { decidedOn: "2026-01-05" }) });
    await withdrawConsent({ ctx: otherClinician, input: { personId: person.id, consentId: a.id, version: 1, withdrawnOn: "2026-01-10" } });
    const b = await recordConsent({ ctx: otherClinician, input: given(person.id, { kind: "share_with_probation", decision: "refused", decidedOn: "2026-01-06", method: "best_interests" }) });
    const c = await recordConsent({ ctx: clinician, input: given(person.id, { kind: "evaluation", informationVersion: "Evaluation sheet v2" }) });

    const overview = await getConsentOverview({ ctx: clinician, personId: person.id });
    expect(overview.person).toEqual({ id: person.id, givenName: person.givenName, familyName: person.familyName, crn: person.crn });
    expect(overview.current.hub_care).toMatchObject({ state: "withdrawn", consent: { id: a.id, withdrawnOn: "2026-01-10", recordedByName: "Nurse One", withdrawalRecordedByName: "Nurse Two", version: 2 } });
    expect(overview.current.share_with_probation).toMatchObject({ state: "refused", consent: { id: b.id, method: "best_interests", recordedByName: "Nurse Two" } });
    expect(overview.current.evaluation).toMatchObject({ state: "given", consent: { id: c.id, informationVersion: "Evaluation sheet v2", decidedOn: "2026-01-05" } });
    expect(overview.history.map((h) => h.id)).toEqual([c.id, b.id, a.id]);

    const empty = await getConsentOverview({ ctx: clinician, personId: (await makePerson(db, site.id)).id });
    expect(empty.current.hub_care).toEqual({ state: "not_asked", consent: null });
    expect(empty.history).toEqual([]);
    expect(await auditFor(person.id, "consent.view")).toHaveLength(1);
  });
});

describe("who may see and record consent", () => {
  const others: Role[] = ["probation_officer", "pilot_manager", "administrator"];
  for (const role of others) {
    it(`${role}: forbidden to view, record or withdraw, and nothing is written`, async () => {
      const person = await makePerson(db, site.id);
      const { id } = await recordConsent({ ctx: clinician, input: given(person.id) });
      const ctx = ctxFor(db, await makeUser(db, role, [site.id]), [site.id]);
      const [before] = await db.select({ n: count() }).from(consents).where(eq(consents.personId, person.id));
      await expect(getConsentOverview({ ctx, personId: person.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(recordConsent({ ctx, input: given(person.id) })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(withdrawConsent({ ctx, input: { personId: person.id, consentId: id, version: 1, withdrawnOn: "2026-01-06" } })).rejects.toBeInstanceOf(ForbiddenError);
      const [after] = await db.select({ n: count() }).from(consents).where(eq(consents.personId, person.id));
      expect(after?.n).toBe(before?.n);
      expect(await hasConsent(db, person.id, "hub_care")).toBe(true);
      const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, ctx.user.id), eq(auditEvents.outcome, "denied")));
      expect(denied.map((d) => d.action).sort()).toEqual(["consent.record", "consent.view", "consent.withdraw"]);
    });
  }

  it("a person at another site is not found, for reads and writes alike", async () => {
    const elsewhere = await makePerson(db, otherSite.id);
    const there = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
    const { id } = await recordConsent({ ctx: there, input: given(elsewhere.id) });
    await expect(getConsentOverview({ ctx: clinician, personId: elsewhere.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordConsent({ ctx: clinician, input: given(elsewhere.id, { decision: "refused" }) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(withdrawConsent({ ctx: clinician, input: { personId: elsewhere.id, consentId: id, version: 1, withdrawnOn: "2026-01-06" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConsentOverview({ ctx: clinician, personId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await consentStates(db, elsewhere.id)).toMatchObject({ hub_care: "given" });
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, clinician.user.id), eq(auditEvents.outcome, "denied"), eq(auditEvents.entityId, elsewhere.id)));
    expect(denied).toHaveLength(3);
  });
});
