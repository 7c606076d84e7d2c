/**
 * Fuzzing every form action's input (fast-check): each case is a form post built from a valid
 * one with some fields replaced by hostile values (unicode, NUL bytes, SQL and HTML, 100k-character
 * strings, numbers, out-of-range dates, random UUIDs, files instead of text, extra fields), or from
 * nothing at all. It goes through the same path as the real server action: handleForm(formData,
 * schema, run) with the use case and a real ctx on a fresh database. Properties:
 *   - handleForm always hands back a FormState (or redirects after a success): never throws, and
 *     never answers with the generic "unexpected" message (that is the 500 of a form);
 *   - every row in the database afterwards is valid: text is trimmed and within the longest limit
 *     any schema allows, has no NUL byte, and every person has a valid CRN and NHS number.
 * Runs are bounded (NUM_RUNS per action) so the suite stays fast; a failure prints its seed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, DatabaseHandle } from "@/db/client";
import { clinicalAlerts, consents, people, referrals, seeRequests, services } from "@/db/schema";
import type { FormState } from "@/domain/form-state";
import { messages } from "@/domain/messages";
import { isValidCrn } from "@/domain/crn";
import { isValidNhsNumber } from "@/domain/nhs-number";
import { bookAppointmentSchema, recordOutcomeSchema } from "@/domain/schemas/appointment";
import { recordConsentSchema, withdrawConsentSchema } from "@/domain/schemas/consent";
import { recordGpRegistrationSchema } from "@/domain/schemas/gp-registration";
import { actionAlertSchema, completeHealthCheckSchema, saveSectionSchemas, startHealthCheckSchema } from "@/domain/schemas/health-check";
import { createPersonSchema, updatePersonSchema } from "@/domain/schemas/person";
import { createReferralSchema, transitionReferralSchema } from "@/domain/schemas/referral";
import { createRequirementSchema, recordReviewSchema, updateRequirementSchema } from "@/domain/schemas/requirement";
import { updateScreeningSchema } from "@/domain/schemas/screening";
import { createSeeRequestSchema, handleSeeRequestSchema } from "@/domain/schemas/see-request";
import { createServiceSchema, setServiceActiveSchema, updateServiceSchema } from "@/domain/schemas/service";
import { createUserSchema, resetPasswordSchema, setUserDisabledSchema, updateUserAccessSchema } from "@/domain/schemas/user";
import type { HealthCheckSection } from "@/domain/health";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser, uniqueCrn, uniqueNhsNumber } from "@/test/factories";
import type { Ctx } from "./context";
import { handleForm } from "./form-action";
import { actionAlert } from "./alerts/mutations";
import { bookAppointment, recordOutcome } from "./appointments/mutations";
import { recordConsent, withdrawConsent } from "./consent/mutations";
import { recordGpRegistration } from "./gp/mutations";
import { completeHealthCheck, saveHealthCheckSection, startHealthCheck } from "./health-checks/mutations";
import { createPerson, updatePerson } from "./people/mutations";
import { createReferral, transitionReferral } from "./referrals/mutations";
import { createRequirement, recordReview, updateRequirement } from "./requirements/mutations";
import { updateScreening } from "./screening/mutations";
import { createSeeRequest, handleSeeRequest } from "./see-requests/mutations";
import { createService, setServiceActive, updateService } from "./services/mutations";
import { createUser, resetPassword, setUserDisabled, updateUserAccess } from "./users/mutations";

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 50);
/** The longest text any form schema accepts (a password; notes are at most 1,000). */
const LONGEST_TEXT = 1024;

type Form = Record<string, string>;
type Fuzzed = Record<string, string | File>;

// ---- Hostile values ------------------------------------------------------------------------

const nasty: fc.Arbitrary<string | File> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  // Control characters spliced into ordinary text (a NUL byte is refused by Postgres itself): weighted up.
  {
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f", "\r\n", "\t", "\uD800", "\uFEFF"), fc.string({ maxLength: 10 }))
      .map(([a, c, b]) => `a${a}${c}${b}`),
    weight: 4,
  },
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "'; drop table people; --",
    "' or '1'='1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${7*7}{{7*7}}",
    "\u202Egnp.exe",
    "🙂👩‍⚕️",
    "NaN",
    "-1",
    "0",
    "1e309",
    "9007199254740993",
    "true",
    "null",
    "undefined",
    "[object Object]",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "31",
    "13",
    "99999",
    "25:61",
    "none",
  ),
  { arbitrary: fc.constantFrom("a\u0000b", "\u0000"), weight: 1 },
  fc.integer().map(String),
  fc.double().map(String),
  fc.uuid().map(String),
  fc.constantFrom(100_000, 5_000, 1_025).chain((n) => fc.constantFrom("x", "é", "\u{1F600}", " ").map((c) => c.repeat(n))),
  fc.constant(new File(["not text"], "upload.txt", { type: "text/plain" })),
);

/** A valid form with one or two fields replaced by hostile values, now and then one dropped or extras added. */
function nearValid(base: Form): fc.Arbitrary<Fuzzed> {
  const keys = Object.keys(base);
  return fc
    .tuple(
      // One or two fields at a time, so the rest stays valid and the hostile value reaches the use case.
      fc.subarray(keys, { minLength: 1, maxLength: 2 }),
      fc.array(nasty, { minLength: 2, maxLength: 2 }),
      fc.option(fc.constantFrom(...keys), { freq: 8 }),
      fc.option(fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 2 }), { freq: 4 }),
    )
    .map(([replace, values, drop, extra]) => {
      const out: Fuzzed = { ...(extra ?? {}), ...base };
      replace.forEach((k, i) => {
        const v = values[i];
        if (v !== undefined) out[k] = v;
      });
      if (drop !== null && !replace.includes(drop)) delete out[drop];
      return out;
    });
}

/** Anything at all, over the field names the form uses. */
function arbitraryForm(base: Form): fc.Arbitrary<Fuzzed> {
  return fc.dictionary(fc.constantFrom(...Object.keys(base)), nasty, { maxKeys: Object.keys(base).length });
}

function toFormData(values: Fuzzed): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
}

function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT");
}

/** What a server action does: handleForm with the use case. A redirect (success) counts as a result. */
async function submit<S extends z.ZodType>(form: Fuzzed, schema: S, run: (input: z.output<S>) => Promise<unknown>): Promise<FormState | "redirected"> {
  try {
    return await handleForm(toFormData(form), schema, async (input) => {
      await run(input);
    });
  } catch (error) {
    if (isRedirect(error)) return "redirected";
    throw error;
  }
}

// ---- The database must hold only valid rows ------------------------------------------------

async function invalidRows(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const result = await db.execute(
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying')`,
  );
  const columns = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { table_name: string; column_name: string }[];
  for (const { table_name: t, column_name: c } of columns) {
    // The audit log records what was attempted, including ids that did not parse; it is not a form's row.
    if (t === "audit_events" || t.startsWith("__")) continue;
    const rows = await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(t)} where length(${sql.identifier(c)}) > ${LONGEST_TEXT} or ${sql.identifier(c)} <> btrim(${sql.identifier(c)}, ' ') or translate(${sql.identifier(c)}, E'\\t\\r\\n', '') ~ '[[:cntrl:]]'`,
    );
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { n: number }[];
    if (row && Number(row.n) > 0) problems.push(`${t}.${c}: ${row.n} rows too long, untrimmed or with control characters`);
  }
  for (const p of await db.select({ crn: people.crn, nhs: people.nhsNumber }).from(people)) {
    if (!isValidCrn(p.crn)) problems.push(`people.crn ${JSON.stringify(p.crn)}`);
    if (p.nhs !== null && !isValidNhsNumber(p.nhs)) problems.push(`people.nhs_number ${JSON.stringify(p.nhs)}`);
  }
  return problems;
}

// ---- The actions ---------------------------------------------------------------------------

type Target = {
  siteId: string;
  personId: string;
  appointmentId: string;
  consentId: string;
  healthCheckId: string;
  alertId: string;
  referralId: string;
  serviceId: string;
  requirementId: string;
  seeRequestId: string;
  userId: string;
};

type Action = { name: string; as: "clinician" | "officer" | "admin"; base: (t: Target) => Form; submit: (ctx: Ctx, form: Fuzzed) => Promise<FormState | "redirected">; runs?: number };

const dob = { dateOfBirthDay: "15", dateOfBirthMonth: "6", dateOfBirthYear: "1985" };
const personForm = (t: Target): Form => ({
  givenName: "Jordan",
  familyName: "Fuzz",
  ...dob,
  crn: uniqueCrn(),
  nhsNumber: uniqueNhsNumber(),
  sexRegisteredAtGp: "female",
  genderIdentity: "",
  ethnicGroup: "white",
  orderType: "licence",
  siteId: t.siteId,
  assignedOfficerId: "",
  requirementDRR: "on",
});
const sectionForms: Record<HealthCheckSection, Form> = {
  smoking: { status: "current", vapes: "no", hsiTimeToFirst: "", hsiCigarettesPerDay: "", briefAdvice: "yes", referralOffered: "no", referralAccepted: "" },
  alcohol: { audit1: "2", audit2: "1", audit3: "0" },
  drugs: { otherSubstance: "", everInjected: "no" },
  mood: { phq1: "1", phq2: "1", gad1: "0" },
  self_harm: { currentThoughts: "no", recentSelfHarm: "no", action: "", note: "Talked it through" },
  neurodiversity: { conditionOther: "", adjustmentsOther: "" },
  physical: { heightCm: "175", weightKg: "80", systolic: "120", diastolic: "80", longTermConditions: "Asthma", aeAttendances: "1", dentist: "yes" },
};
const requirementForm = (t: Target): Form => ({
  personId: t.personId,
  kind: "ATR",
  status: "proposed",
  note: "Discussed at supervision",
});

const actions: Action[] = [
  { name: "createPerson", as: "officer", base: personForm, submit: (ctx, f) => submit(f, createPersonSchema, (input) => createPerson({ ctx, input, enrolledOn: "2026-11-01" })) },
  {
    name: "updatePerson",
    as: "officer",
    base: (t) => ({ ...personForm(t), personId: t.personId, version: "1" }),
    submit: (ctx, f) => submit(f, updatePersonSchema, (input) => updatePerson({ ctx, input })),
  },
  {
    name: "bookAppointment",
    as: "officer",
    base: (t) => ({ personId: t.personId, kind: "probation", type: "supervision", siteId: t.siteId, dateDay: "10", dateMonth: "1", dateYear: "2030", time: "10:30", durationMinutes: "30" }),
    submit: (ctx, f) => submit(f, bookAppointmentSchema, (input) => bookAppointment({ ctx, input })),
  },
  {
    name: "recordOutcome",
    as: "officer",
    base: (t) => ({ appointmentId: t.appointmentId, version: "1", outcome: "rescheduled", newDateDay: "12", newDateMonth: "1", newDateYear: "2030", newTime: "9:00", note: "Car broke down" }),
    submit: (ctx, f) => submit(f, recordOutcomeSchema, (input) => recordOutcome({ ctx, input })),
  },
  {
    name: "recordConsent",
    as: "clinician",
    base: (t) => ({ personId: t.personId, kind: "evaluation", decision: "given", decidedOnDay: "5", decidedOnMonth: "1", decidedOnYear: "2026", informationVersion: "Hub leaflet v1.2", method: "own_consent" }),
    submit: (ctx, f) => submit(f, recordConsentSchema, (input) => recordConsent({ ctx, input })),
  },
  {
    name: "withdrawConsent",
    as: "clinician",
    base: (t) => ({ personId: t.personId, consentId: t.consentId, version: "1", withdrawnOnDay: "1", withdrawnOnMonth: "2", withdrawnOnYear: "2026" }),
    submit: (ctx, f) => submit(f, withdrawConsentSchema, (input) => withdrawConsent({ ctx, input })),
  },
  {
    name: "startHealthCheck",
    as: "clinician",
    base: (t) => ({ personId: t.personId, appointmentId: "none" }),
    submit: (ctx, f) => submit(f, startHealthCheckSchema, (input) => startHealthCheck({ ctx, input })),
  },
  ...(Object.keys(sectionForms) as HealthCheckSection[]).map(
    (section): Action => ({
      name: `saveHealthCheckSection (${section})`,
      as: "clinician",
      base: (t) => ({ healthCheckId: t.healthCheckId, version: "1", section, ...sectionForms[section] }),
      submit: (ctx, f) => submit(f, saveSectionSchemas[section], (input) => saveHealthCheckSection({ ctx, input })),
    }),
  ),
  {
    name: "completeHealthCheck",
    as: "clinician",
    base: (t) => ({ healthCheckId: t.healthCheckId, version: "1" }),
    submit: (ctx, f) => submit(f, completeHealthCheckSchema, (input) => completeHealthCheck({ ctx, input })),
  },
  {
    name: "actionAlert",
    as: "clinician",
    base: (t) => ({ alertId: t.alertId, version: "1", action: "other", note: "Rang the crisis team" }),
    submit: (ctx, f) => submit(f, actionAlertSchema, (input) => actionAlert({ ctx, input })),
  },
  {
    name: "recordGpRegistration",
    as: "clinician",
    base: (t) => ({
      personId: t.personId,
      status: "registered",
      practiceName: "Riverside Surgery",
      odsCode: "A81001",
      registrationType: "permanent",
      supportStartedOnDay: "5",
      supportStartedOnMonth: "1",
      supportStartedOnYear: "2026",
      registeredOnDay: "20",
      registeredOnMonth: "1",
      registeredOnYear: "2026",
      note: "Helped with the form",
    }),
    submit: (ctx, f) => submit(f, recordGpRegistrationSchema, (input) => recordGpRegistration({ ctx, input })),
  },
  {
    name: "updateScreening",
    as: "clinician",
    base: (t) => ({ personId: t.personId, programme: "bowel", version: "0", status: "discussed", discussedOnDay: "10", discussedOnMonth: "2", discussedOnYear: "2026", note: "Kit explained" }),
    submit: (ctx, f) => submit(f, updateScreeningSchema, (input) => updateScreening({ ctx, input })),
  },
  {
    name: "createReferral",
    as: "clinician",
    base: (t) => ({ personId: t.personId, serviceId: t.serviceId, reason: "Low mood", urgency: "routine", personAgreed: "yes", send: "true" }),
    submit: (ctx, f) => submit(f, createReferralSchema, (input) => createReferral({ ctx, input })),
  },
  {
    name: "transitionReferral",
    as: "clinician",
    base: (t) => ({ referralId: t.referralId, version: "1", event: "book_first_appointment", appointmentDateDay: "10", appointmentDateMonth: "3", appointmentDateYear: "2030", appointmentTime: "14:00", note: "Booked" }),
    submit: (ctx, f) => submit(f, transitionReferralSchema, (input) => transitionReferral({ ctx, input })),
  },
  {
    name: "createSeeRequest",
    as: "officer",
    base: (t) => ({ personId: t.personId, reason: "general_health", note: "Mentioned chest pains" }),
    submit: (ctx, f) => submit(f, createSeeRequestSchema, (input) => createSeeRequest({ ctx, input })),
  },
  {
    name: "handleSeeRequest",
    as: "clinician",
    base: (t) => ({ seeRequestId: t.seeRequestId, version: "1", status: "seen" }),
    submit: (ctx, f) => submit(f, handleSeeRequestSchema, (input) => handleSeeRequest({ ctx, input })),
  },
  { name: "createRequirement", as: "officer", base: requirementForm, submit: (ctx, f) => submit(f, createRequirementSchema, (input) => createRequirement({ ctx, input })) },
  {
    name: "updateRequirement",
    as: "officer",
    base: (t) => ({ ...requirementForm(t), kind: "DRR", requirementId: t.requirementId, version: "1", status: "ordered", suitable: "yes", madeOnDay: "15", madeOnMonth: "1", madeOnYear: "2026", lengthMonths: "18", provider: "Change Grow Live" }),
    submit: (ctx, f) => submit(f, updateRequirementSchema, (input) => updateRequirement({ ctx, input })),
  },
  {
    name: "recordReview",
    as: "officer",
    base: (t) => ({ personId: t.personId, requirementId: t.requirementId, version: "1", reviewedOnDay: "12", reviewedOnMonth: "2", reviewedOnYear: "2026", outcome: "Progress satisfactory" }),
    submit: (ctx, f) => submit(f, recordReviewSchema, (input) => recordReview({ ctx, input })),
  },
  {
    name: "createService",
    as: "admin",
    base: (t) => ({ siteId: t.siteId, name: "Talking Therapies", category: "talking_therapies", commissionerType: "icb", contact: "01234 567890", address: "1 High Street" }),
    submit: (ctx, f) => submit(f, createServiceSchema, (input) => createService({ ctx, input })),
  },
  {
    name: "updateService",
    as: "admin",
    base: (t) => ({ serviceId: t.serviceId, version: "1", name: "Talking Therapies", category: "talking_therapies", commissionerType: "icb", contact: "", address: "" }),
    submit: (ctx, f) => submit(f, updateServiceSchema, (input) => updateService({ ctx, input })),
  },
  {
    name: "setServiceActive",
    as: "admin",
    base: (t) => ({ serviceId: t.serviceId, active: "false" }),
    submit: (ctx, f) => submit(f, setServiceActiveSchema, (input) => setServiceActive({ ctx, input })),
  },
  {
    name: "createUser",
    as: "admin",
    runs: 25, // each valid one hashes a password (deliberately slow)
    base: (t) => ({ name: "New Nurse", email: `nurse.${Math.random().toString(36).slice(2)}@test.example`, role: "clinician", siteIds: t.siteId, password: "a-long-enough-password-2026" }),
    submit: (ctx, f) => submit(f, createUserSchema, (input) => createUser({ ctx, input })),
  },
  {
    name: "updateUserAccess",
    as: "admin",
    base: (t) => ({ userId: t.userId, version: "1", role: "clinician", siteIds: t.siteId }),
    submit: (ctx, f) => submit(f, updateUserAccessSchema, (input) => updateUserAccess({ ctx, input })),
  },
  {
    name: "setUserDisabled",
    as: "admin",
    base: (t) => ({ userId: t.userId, disabled: "true" }),
    submit: (ctx, f) => submit(f, setUserDisabledSchema, (input) => setUserDisabled({ ctx, input })),
  },
  {
    name: "resetPassword",
    as: "admin",
    runs: 25,
    base: (t) => ({ userId: t.userId, password: "another-long-password-2026" }),
    submit: (ctx, f) => submit(f, resetPasswordSchema, (input) => resetPassword({ ctx, input })),
  },
];

describe("fuzzing every form action's input", () => {
  let handle: DatabaseHandle;
  let db: Database;
  let target: Target;
  const ctxs = {} as Record<Action["as"], Ctx>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    const site = await makeSite(db);
    const clinician = await makeUser(db, "clinician", [site.id]);
    ctxs.clinician = ctxFor(db, clinician, [site.id]);
    ctxs.officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
    ctxs.admin = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
    const person = await makePerson(db, site.id, { dateOfBirth: "1965-06-15" });
    const appointment = await makeAppointment(db, person, { startsAt: new Date(Date.now() - 60_000) });
    const [consent] = await db
      .insert(consents)
      .values({ personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: clinician.id })
      .returning({ id: consents.id });
    const [service] = await db.insert(services).values({ siteId: site.id, name: "Fuzz service", category: "talking_therapies", commissionerType: "icb" }).returning({ id: services.id });
    if (!consent || !service) throw new Error("set-up failed");
    const check = await startHealthCheck({ ctx: ctxs.clinician, input: { personId: person.id, appointmentId: null } });
    const [alert] = await db.insert(clinicalAlerts).values({ personId: person.id, siteId: site.id, healthCheckId: check.id, kind: "phq9_item9" }).returning({ id: clinicalAlerts.id });
    const referral = await createReferral({
      ctx: ctxs.clinician,
      input: { personId: person.id, serviceId: service.id, reason: "Set-up", urgency: "routine", personAgreed: true, healthCheckId: null, send: true },
    });
    await transitionReferral({ ctx: ctxs.clinician, input: { referralId: referral.id, version: (await db.select({ v: referrals.version }).from(referrals).where(eq(referrals.id, referral.id)))[0]?.v ?? 1, event: "accept" } });
    const requirement = await createRequirement({
      ctx: ctxs.officer,
      input: { personId: person.id, kind: "DRR", status: "proposed", suitabilityAssessedOn: null, suitable: null, madeOn: null, lengthMonths: null, provider: null, treatmentStartedOn: null, endedOn: null, note: null },
    });
    const see = await createSeeRequest({ ctx: ctxs.officer, input: { personId: person.id, reason: "general_health", note: null } });
    const staff = await makeUser(db, "probation_officer", [site.id]);
    if (!alert) throw new Error("set-up failed");
    target = {
      siteId: site.id,
      personId: person.id,
      appointmentId: appointment.id,
      consentId: consent.id,
      healthCheckId: check.id,
      alertId: alert.id,
      referralId: referral.id,
      serviceId: service.id,
      requirementId: requirement.id,
      seeRequestId: see.id,
      userId: staff.id,
    };
    // Keep the rows the fixtures made valid to begin with, so any invalid row later is the fuzz's.
    expect(await invalidRows(db)).toEqual([]);
    void seeRequests;
  });
  afterAll(async () => handle?.close());

  for (const action of actions) {
    it(`${action.name}: never an unexpected error, never an invalid row`, async () => {
      const ctx = ctxs[action.as];
      const base = action.base(target);
      // The valid form itself goes through (or is refused on its merits), so the fuzz starts from something real.
      const control = await action.submit(ctx, base);
      expect(control === "redirected" || control.formError !== messages.unexpected).toBe(true);

      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: nearValid(base), weight: 4 }, { arbitrary: arbitraryForm(base), weight: 1 }), async (form) => {
          const state = await action.submit(ctx, form);
          if (process.env.FUZZ_DEBUG) process.stderr.write(`FZ ${JSON.stringify(form).slice(0, 120)} => ${JSON.stringify(state).slice(0, 160)}\n`);
          if (state !== "redirected") {
            expect(typeof state.ok).toBe("boolean");
            expect(typeof state.fieldErrors).toBe("object");
            expect(state.formError).not.toBe(messages.unexpected);
            // Field messages are ours, short and never a database message or stack.
            for (const message of Object.values(state.fieldErrors)) expect(message.length).toBeLessThan(300);
          }
        }),
        { numRuns: action.runs ?? NUM_RUNS },
      );
      expect(await invalidRows(db)).toEqual([]);
    });
  }
});
