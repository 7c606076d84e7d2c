/**
 * Synthetic data for the dashboard benchmark: a whole national pilot (240,000 people over 150 sites
 * in 12 regions, about 3 million appointments) or smaller versions of it, valid for the app's schema
 * and constraints. Deterministic: one seeded generator (db/seed-random.ts) and a pinned "today" give
 * the same rows, ids included, on every run.
 *
 * Rows are planned site by site in memory and loaded in bulk: COPY ... FROM STDIN through
 * postgres.js on Postgres; on PGlite (which has no COPY FROM STDIN through a client) the same text
 * is loaded with COPY ... FROM '/dev/blob'. Never row by row. Progress (table, rows, rate) goes to
 * the `log` callback.
 *
 * CLI: `npm run bench:generate -- --scale=national --database-url=postgres://postgres@127.0.0.1:5432/hub_bench`
 * (scales: national, small, pilot). The database must be local (as for the demo seed) and is
 * migrated first; the generator refuses one that already has people in it.
 */
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hash } from "@node-rs/argon2";
import { sql as dsql } from "drizzle-orm";
import { addDays, londonToUtc, todayInLondon } from "@/domain/dates";
import { nhsCheckDigit } from "@/domain/nhs-number";
import type { ServiceCategory } from "@/domain/referrals";
import { screeningProgrammes } from "@/domain/health";
import type { Database, DatabaseHandle } from "@/db/client";
import { planDemoData, assertLocalDatabase, type SiteCode } from "@/db/seed";
import { planHealthRecords } from "@/db/seed-health";
import { withoutAttendanceTriggers } from "@/server/dashboards/rollups";
import { Random, hashString } from "@/db/seed-random";
import { argValue } from "../lib/args";

export const GENERATOR_PASSWORD = "bench-generated-password-2026";
export const generatedManagerEmail = "national.manager@bench.example";

export type Scale = "national" | "small" | "pilot";

export const scales: Record<Scale, { sites: number; regions: number; people: number; pilotDays: number }> = {
  national: { sites: 150, regions: 12, people: 240_000, pilotDays: 730 },
  small: { sites: 4, regions: 2, people: 3_000, pilotDays: 540 },
  pilot: { sites: 1, regions: 1, people: 4_000, pilotDays: 730 },
};

export type GenerateOptions = {
  scale: Scale;
  /** Histories end on this London date; today by default. */
  today?: string;
  seed?: number;
  /** Overrides parts of the scale's shape (tests use a few hundred people). */
  shape?: Partial<(typeof scales)[Scale]>;
  log?: (line: string) => void;
};

export type GenerateSummary = { scale: Scale; today: string; pilotStart: string; seconds: number; rows: Record<string, number>; siteIds: string[]; managerId: string };

const REGIONS: readonly { probation: string; nhs: string; icbs: readonly string[] }[] = [
  { probation: "North East", nhs: "North East and Yorkshire", icbs: ["North East and North Cumbria ICB"] },
  { probation: "North West", nhs: "North West", icbs: ["Cheshire and Merseyside ICB", "Lancashire and South Cumbria ICB", "Greater Manchester ICB"] },
  { probation: "Yorkshire and the Humber", nhs: "North East and Yorkshire", icbs: ["West Yorkshire ICB", "South Yorkshire ICB", "Humber and North Yorkshire ICB"] },
  { probation: "Greater Manchester", nhs: "North West", icbs: ["Greater Manchester ICB"] },
  { probation: "East Midlands", nhs: "Midlands", icbs: ["Nottingham and Nottinghamshire ICB", "Derby and Derbyshire ICB", "Leicester, Leicestershire and Rutland ICB"] },
  { probation: "West Midlands", nhs: "Midlands", icbs: ["Birmingham and Solihull ICB", "Black Country ICB", "Coventry and Warwickshire ICB"] },
  { probation: "East of England", nhs: "East of England", icbs: ["Cambridgeshire and Peterborough ICB", "Norfolk and Waveney ICB", "Suffolk and North East Essex ICB"] },
  { probation: "Wales", nhs: "Wales", icbs: ["Cardiff and Vale University Health Board", "Swansea Bay University Health Board"] },
  { probation: "London", nhs: "London", icbs: ["North West London ICB", "North Central London ICB", "South East London ICB"] },
  { probation: "Kent, Surrey and Sussex", nhs: "South East", icbs: ["Kent and Medway ICB", "Surrey Heartlands ICB", "Sussex ICB"] },
  { probation: "South West", nhs: "South West", icbs: ["NHS Devon ICB", "Cornwall and the Isles of Scilly ICB", "Bristol, North Somerset and South Gloucestershire ICB"] },
  { probation: "South Central", nhs: "South East", icbs: ["Hampshire and Isle of Wight ICB", "Buckinghamshire, Oxfordshire and Berkshire West ICB"] },
];

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A deterministic UUID (version 4 layout) from the generator. */
function uuidFrom(rng: Random): string {
  const hex = (n: number) => Math.floor(n).toString(16).padStart(8, "0");
  const a = hex(rng.int(0, 0xffffffff));
  const b = hex(rng.int(0, 0xffffffff));
  const c = hex(rng.int(0, 0xffffffff));
  const d = hex(rng.int(0, 0xffffffff));
  const variant = ((parseInt(c[0] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** UTC offset of London office hours on a date (whole hours), cached per date. */
const offsetCache = new Map<string, number>();
function londonAt(date: string, minutes: number): string {
  let offset = offsetCache.get(date);
  if (offset === undefined) {
    const noon = londonToUtc(date, "12:00");
    offset = noon ? 12 - noon.getUTCHours() : 0;
    offsetCache.set(date, offset);
  }
  const utcMinutes = minutes - offset * 60;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 0, utcMinutes)).toISOString();
}

const officeMinutes = (rng: Random) => 9 * 60 + 15 * rng.int(0, 30);

/** COPY text format: tab-separated, \N for null, backslash escapes. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  const s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

type Row = unknown[];
type Loader = { load: (table: string, columns: readonly string[], rows: Row[]) => Promise<void>; finish: () => Promise<void> };

function loaderFor(handle: DatabaseHandle, log: (line: string) => void): { loader: Loader; totals: Record<string, number> } {
  const totals: Record<string, number> = {};
  const timings: Record<string, number> = {};
  const account = (table: string, n: number, ms: number) => {
    totals[table] = (totals[table] ?? 0) + n;
    timings[table] = (timings[table] ?? 0) + ms;
  };
  const report = (table: string) => {
    const n = totals[table] ?? 0;
    const s = (timings[table] ?? 0) / 1000;
    log(`  ${table.padEnd(24)} ${String(n).padStart(10)} rows  ${Math.round(n / Math.max(s, 0.001)).toLocaleString("en-GB").padStart(10)} rows/s`);
  };
  const lines = (rows: Row[]) => rows.map((r) => r.map(copyValue).join("\t")).join("\n") + "\n";

  if (handle.engine === "postgres") {
    const client = (handle.db as unknown as { $client: import("postgres").Sql }).$client;
    const loader: Loader = {
      async load(table, columns, rows) {
        if (!rows.length) return;
        const started = performance.now();
        const target = await client.unsafe(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`).writable();
        const chunks = function* () {
          for (let i = 0; i < rows.length; i += 5000) yield lines(rows.slice(i, i + 5000));
        };
        await pipeline(Readable.from(chunks()), target as unknown as Writable);
        account(table, rows.length, performance.now() - started);
      },
      async finish() {
        for (const t of Object.keys(totals)) report(t);
      },
    };
    return { loader, totals };
  }
  const client = (handle.db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
  const loader: Loader = {
    async load(table, columns, rows) {
      if (!rows.length) return;
      const started = performance.now();
      for (let i = 0; i < rows.length; i += 20_000) {
        await client.query(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from '/dev/blob'`, [], { blob: new Blob([lines(rows.slice(i, i + 20_000))]) });
      }
      account(table, rows.length, performance.now() - started);
    },
    async finish() {
      for (const t of Object.keys(totals)) report(t);
    },
  };
  return { loader, totals };
}

// ---------------------------------------------------------------------------------------------
// Health check answers: real ones, planned by the demo seed (valid for the app's schemas, scored by
// computeScores), reused as templates.

type CheckTemplate = { answers: unknown; scores: Record<string, unknown> };

function checkTemplates(today: string): CheckTemplate[] {
  const demo = planDemoData({ people: 200, today });
  const clinicians = { cambridge: ["c@x"], middlesbrough: ["c@x"], ilfracombe: ["c@x"], hammersmith: ["c@x"] } as Record<SiteCode, readonly string[]>;
  const plan = planHealthRecords({ today, people: demo.people, appointments: demo.appointments, clinicians });
  const out = plan.healthChecks.filter((c) => c.status === "completed").map((c) => ({ answers: c.answers, scores: c.scores as unknown as Record<string, unknown> }));
  if (out.length < 20) throw new Error("Generator: too few health check templates from the demo plan");
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator

const COLUMNS = {
  people: ["id", "site_id", "crn", "nhs_number", "given_name", "family_name", "date_of_birth", "sex_registered_at_gp", "gender_identity", "ethnic_group", "order_type", "assigned_officer_id", "enrolled_on", "created_at", "updated_at"],
  appointments: ["id", "person_id", "site_id", "kind", "type", "starts_at", "duration_minutes", "clinician_attends", "outcome", "outcome_recorded_at", "outcome_recorded_by_id", "created_by_id", "created_at", "updated_at"],
  consents: ["id", "person_id", "kind", "decision", "decided_on", "information_version", "method", "recorded_by_id", "recorded_at", "withdrawn_on", "withdrawal_recorded_by_id", "withdrawal_recorded_at"],
  health_checks: [
    "id", "person_id", "site_id", "status", "answers", "smoking_status", "vapes", "hsi_score", "hsi_band", "audit_c_score", "audit_c_positive", "audit_score", "audit_band",
    "phq9_score", "phq9_band", "phq9_item9", "gad7_score", "gad7_band", "bmi", "created_by_id", "updated_by_id", "completed_by_id", "created_at", "updated_at", "completed_at",
  ],
  gp_registrations: ["id", "person_id", "status", "practice_name", "ods_code", "registration_type", "support_started_on", "registered_on", "barriers", "at_enrolment", "recorded_by_id", "recorded_at"],
  screenings: ["id", "person_id", "programme", "status", "last_test_on", "last_result_hpv_negative", "discussed_on", "booked_for", "attended_on", "updated_by_id", "updated_at"],
  referrals: ["id", "person_id", "site_id", "service_id", "reason", "urgency", "person_agreed", "status", "created_at", "sent_at", "responded_at", "accepted_at", "appointment_booked_at", "first_attended_at", "created_by_id", "updated_at"],
  treatment_requirements: ["id", "person_id", "kind", "status", "suitability_assessed_on", "suitable", "provider", "made_on", "length_months", "treatment_started_on", "ended_on", "created_at", "updated_at"],
} as const;

const SCORE_COLUMNS: Record<string, string> = {
  smoking_status: "smokingStatus", vapes: "vapes", hsi_score: "hsiScore", hsi_band: "hsiBand", audit_c_score: "auditCScore", audit_c_positive: "auditCPositive", audit_score: "auditScore",
  audit_band: "auditBand", phq9_score: "phq9Score", phq9_band: "phq9Band", phq9_item9: "phq9Item9", gad7_score: "gad7Score", gad7_band: "gad7Band", bmi: "bmi",
};

const GIVEN = ["Alex", "Sam", "Jordan", "Chris", "Jamie", "Lee", "Ryan", "Dean", "Kyle", "Liam", "Kerry", "Sarah", "Emma", "Amir", "Tariq", "Mo", "Darren", "Craig", "Paul", "Jade"];
const FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Ali", "Green", "Hall", "Wood"];

/** Fills an empty, migrated database. Returns the row counts. */
export async function generateBenchData(handle: DatabaseHandle, opts: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const shape = { ...scales[opts.scale], ...opts.shape };
  const today = opts.today ?? todayInLondon();
  const pilotStart = addDays(today, -shape.pilotDays);
  const rng = new Random(opts.seed ?? 20_261_121);
  const db: Database = handle.db;
  const counted = await db.execute<{ n: number }>(dsql`select count(*)::int as n from people`);
  const existingRows = Number((Array.isArray(counted) ? counted : (counted as unknown as { rows: { n: number }[] }).rows)[0]?.n ?? 0);
  if (existingRows > 0) throw new Error("Refusing to generate into a database that already has people in it: use a fresh database");

  const { loader, totals } = loaderFor(handle, log);
  log(`Generating the "${opts.scale}" scale: ${shape.people.toLocaleString("en-GB")} people over ${shape.sites} sites, ${pilotStart} to ${today}`);
  const templates = checkTemplates(today);
  const passwordHash = await hash(GENERATOR_PASSWORD);

  // ---- Sites, staff, services ----------------------------------------------------------------
  const siteRows: Row[] = [];
  const userRows: Row[] = [];
  const userSiteRows: Row[] = [];
  const serviceRows: Row[] = [];
  type SiteInfo = { id: string; clinicians: string[]; officers: string[]; services: { id: string; category: ServiceCategory }[] };
  const siteInfo: SiteInfo[] = [];
  const managerId = uuidFrom(rng);
  userRows.push([managerId, generatedManagerEmail, "National pilot manager", passwordHash, "pilot_manager"]);
  const serviceCats: ServiceCategory[] = ["gp_primary_care", "talking_therapies", "community_mental_health", "drug_alcohol", "stop_smoking", "sexual_health", "housing", "dental"];
  for (let s = 0; s < shape.sites; s++) {
    const region = REGIONS[s % shape.regions];
    if (!region) throw new Error("Generator: no region");
    const id = uuidFrom(rng);
    const code = `bench-${String(s + 1).padStart(3, "0")}`;
    siteRows.push([id, code, `Hub ${String(s + 1).padStart(3, "0")} (${region.probation})`, region.probation, region.nhs, region.icbs[s % region.icbs.length]]);
    const info: SiteInfo = { id, clinicians: [], officers: [], services: [] };
    for (const [role, list, n] of [["clinician", info.clinicians, 2], ["probation_officer", info.officers, 4]] as const) {
      for (let i = 0; i < n; i++) {
        const uid = uuidFrom(rng);
        const who = role === "clinician" ? "clinician" : "officer";
        userRows.push([uid, `${who}${i + 1}.${code}@bench.example`, `${who} ${i + 1} ${code}`, passwordHash, role]);
        userSiteRows.push([uid, id]);
        list.push(uid);
      }
    }
    const mid = uuidFrom(rng);
    userRows.push([mid, `manager.${code}@bench.example`, `Manager ${code}`, passwordHash, "pilot_manager"]);
    userSiteRows.push([mid, id], [managerId, id]);
    for (const category of serviceCats) {
      const sid = uuidFrom(rng);
      serviceRows.push([sid, id, `${category.replace(/_/g, " ")} service ${code}`, category, category === "housing" ? "local_authority" : category === "drug_alcohol" ? "local_authority" : "icb"]);
      info.services.push({ id: sid, category });
    }
    siteInfo.push(info);
  }
  await loader.load("sites", ["id", "code", "name", "probation_region", "nhs_region", "integrated_care_board"], siteRows);
  await loader.load("users", ["id", "email", "name", "password_hash", "role"], userRows);
  await loader.load("user_sites", ["user_id", "site_id"], userSiteRows);
  await loader.load("services", ["id", "site_id", "name", "category", "commissioner_type"], serviceRows);

  // ---- People and their records, a batch of sites at a time --------------------------------
  const perSite = Math.floor(shape.people / shape.sites);
  const extra = shape.people - perSite * shape.sites;
  let personSeq = 0;
  let batch: Record<keyof typeof COLUMNS, Row[]> = emptyBatch();
  const flush = async () => {
    for (const table of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) await loader.load(table, COLUMNS[table], batch[table]);
    batch = emptyBatch();
  };
  const startedPeople = performance.now();
  let planMs = 0;
  // Millions of appointments by COPY: the dashboards' attendance triggers off meanwhile, and the
  // attendance tables worked out once at the end.
  await withoutAttendanceTriggers(db, async () => {
    for (let s = 0; s < shape.sites; s++) {
      const site = siteInfo[s];
      if (!site) throw new Error("Generator: no site");
      const count = perSite + (s < extra ? 1 : 0);
      const planStarted = performance.now();
      for (let i = 0; i < count; i++) planPerson(rng, personSeq++, site, batch, { today, pilotStart, templates });
      planMs += performance.now() - planStarted;
      if (batch.appointments.length > 150_000 || s === shape.sites - 1) {
        await flush();
        const done = personSeq;
        const secs = (performance.now() - startedPeople) / 1000;
        log(`  people ${done.toLocaleString("en-GB")}/${shape.people.toLocaleString("en-GB")} (sites ${s + 1}/${shape.sites}), appointments so far ${(totals.appointments ?? 0).toLocaleString("en-GB")}, ${Math.round(done / secs).toLocaleString("en-GB")} people/s`);
      }
    }
    await loader.finish();
    log("  attendance rollups...");
  });
  log(`  planning rows in memory took ${(planMs / 1000).toFixed(1)} s of that`);
  // What autovacuum does on a live system after bulk inserts: statistics for the planner, and the
  // visibility map, without which an index-only scan (the dashboards' attendance count) still
  // reads every row from the table.
  log("  vacuum and analyze...");
  await db.execute(dsql`vacuum (analyze)`);
  const seconds = (performance.now() - started) / 1000;
  log(`Generated in ${seconds.toFixed(1)} s`);
  return { scale: opts.scale, today, pilotStart, seconds, rows: { ...totals }, siteIds: siteInfo.map((s) => s.id), managerId };
}

function emptyBatch(): Record<keyof typeof COLUMNS, Row[]> {
  return { people: [], appointments: [], consents: [], health_checks: [], gp_registrations: [], screenings: [], referrals: [], treatment_requirements: [] };
}

type PlanContext = { today: string; pilotStart: string; templates: CheckTemplate[] };

function dayBetween(rng: Random, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, rng.int(0, span));
}

function planPerson(rng: Random, seq: number, site: { id: string; clinicians: string[]; officers: string[]; services: { id: string; category: ServiceCategory }[] }, out: Record<keyof typeof COLUMNS, Row[]>, c: PlanContext): void {
  const { today, pilotStart } = c;
  const id = uuidFrom(rng);
  const crn = `${String.fromCharCode(65 + Math.floor(seq / 1_000_000))}${String(seq % 1_000_000).padStart(6, "0")}`;
  const nine = `9${String(hashString(crn) % 100).padStart(2, "0")}${String(seq).padStart(6, "0")}`;
  const check = nhsCheckDigit(nine);
  const nhsNumber = rng.chance(0.9) && check !== null ? `${nine}${check}` : null;
  const sex = rng.weighted([["male", 84], ["female", 15], ["not_known", 1]] as const);
  const age = Math.max(18, Math.min(80, Math.round(rng.normal(36, 11))));
  const enrolledOn = dayBetween(rng, pilotStart, addDays(today, -1));
  const dateOfBirth = addDays(enrolledOn, -(age * 365 + rng.int(0, 364)));
  const ethnic = rng.weighted([["white", 72], ["black", 9], ["asian", 8], ["mixed", 5], ["other", 2], ["not_stated", 4]] as const);
  const officer = rng.pick(site.officers);
  const clinician = rng.pick(site.clinicians);
  const createdAt = londonAt(enrolledOn, officeMinutes(rng));
  out.people.push([id, site.id, crn, nhsNumber, rng.pick(GIVEN), rng.pick(FAMILY), dateOfBirth, sex, null, ethnic, rng.weighted([["community_order", 40], ["suspended_sentence_order", 25], ["licence", 30], ["post_sentence_supervision", 5]] as const), officer, enrolledOn, createdAt, createdAt]);

  // Consents: care at enrolment; most share with probation and agree to the evaluation.
  const consentRow = (kind: string, decision: string, withdrawn: boolean) => {
    const withdrawnOn = withdrawn ? dayBetween(rng, enrolledOn, today) : null;
    out.consents.push([uuidFrom(rng), id, kind, decision, enrolledOn, "Hub leaflet v1.2", rng.chance(0.98) ? "own_consent" : "best_interests", clinician, createdAt, withdrawnOn, withdrawnOn ? clinician : null, withdrawnOn ? londonAt(withdrawnOn, 14 * 60) : null]);
  };
  consentRow("hub_care", "given", rng.chance(0.02));
  consentRow("share_with_probation", rng.chance(0.85) ? "given" : "refused", false);
  consentRow("evaluation", rng.chance(0.9) ? "given" : "refused", false);

  // Probation appointments: some months before enrolment, then every few weeks, a few booked ahead.
  const firstProbation = addDays(enrolledOn, -rng.int(30, 120));
  // Supervision runs some months after enrolment (the order or licence ends), a few booked ahead.
  const supervisionEnds = addDays(enrolledOn, rng.int(60, 420));
  const lastDay = supervisionEnds < addDays(today, 21) ? supervisionEnds : addDays(today, 21);
  let day = firstProbation;
  const dnaBefore = 0.17 + rng.normal(0, 0.04);
  const dnaAfter = 0.12 + rng.normal(0, 0.04);
  let first = true;
  while (day <= lastDay) {
    const type = first ? "induction" : rng.weighted([["supervision", 80], ["home_visit", 8], ["review", 12]] as const);
    first = false;
    appointment(rng, out, { id, siteId: site.id }, day, "probation", type, officer, today, day < enrolledOn ? dnaBefore : dnaAfter);
    day = addDays(day, rng.weighted([[14, 25], [21, 30], [28, 35], [42, 10]] as const) + rng.int(-2, 2));
  }

  // Health hub: a health check for most; some check twice; drafts for a few.
  const checkDays: string[] = [];
  if (rng.chance(0.78)) {
    const firstCheck = addDays(enrolledOn, rng.weighted([[0, 30], [rng.int(1, 14), 40], [rng.int(15, 90), 30]] as const));
    if (firstCheck <= today) checkDays.push(firstCheck);
    if (rng.chance(0.2)) {
      const second = addDays(firstCheck, rng.int(120, 400));
      if (second <= today) checkDays.push(second);
    }
  }
  for (const d of checkDays) {
    const hcId = uuidFrom(rng);
    const t = rng.pick(c.templates);
    const minutes = officeMinutes(rng);
    const created = londonAt(d, minutes);
    const completed = londonAt(d, minutes + 40);
    appointment(rng, out, { id, siteId: site.id }, d, "health", "health_check", clinician, today, 0, true);
    out.health_checks.push([hcId, id, site.id, "completed", t.answers, ...Object.values(SCORE_COLUMNS).map((k) => t.scores[k] ?? null), clinician, clinician, clinician, created, completed, completed]);
  }
  if (checkDays.length === 0 && rng.chance(0.05)) {
    const d = dayBetween(rng, enrolledOn, today);
    const created = londonAt(d, officeMinutes(rng));
    out.health_checks.push([uuidFrom(rng), id, site.id, "draft", {}, ...Object.values(SCORE_COLUMNS).map(() => null), clinician, clinician, null, created, created, null]);
  }
  const healthFollowUps = rng.weighted([[0, 60], [1, 25], [2, 10], [4, 5]] as const);
  for (let i = 0; i < healthFollowUps; i++) {
    appointment(rng, out, { id, siteId: site.id }, dayBetween(rng, enrolledOn, addDays(today, 14)), "health", rng.pick(["follow_up", "gp_registration_support", "screening_support"] as const), clinician, today, 0.2, true);
  }

  // GP registration: the status at enrolment; about half of those not registered get registered.
  if (rng.chance(0.85)) {
    const atEnrolment = rng.weighted([["registered", 62], ["not_registered", 30], ["unknown", 8]] as const);
    const recordedOn = checkDays[0] ?? enrolledOn;
    const practice = atEnrolment === "registered" ? ["Riverside Surgery", "A81001"] : [null, null];
    out.gp_registrations.push([uuidFrom(rng), id, atEnrolment, practice[0], practice[1], atEnrolment === "registered" ? "permanent" : null, null, atEnrolment === "registered" ? addDays(enrolledOn, -rng.int(100, 3000)) : null, [], true, clinician, londonAt(recordedOn, 11 * 60)]);
    if (atEnrolment !== "registered" && rng.chance(0.55)) {
      const support = addDays(recordedOn, rng.int(0, 7));
      const registered = addDays(support, rng.int(2, 60));
      if (registered <= today) {
        out.gp_registrations.push([uuidFrom(rng), id, "registered", "Riverside Surgery", "A81001", rng.chance(0.8) ? "permanent" : "temporary", support, registered, JSON.stringify(rng.chance(0.5) ? ["no_id"] : []), false, clinician, londonAt(registered, 15 * 60)]);
      }
    }
  }

  const firstCheckDay = checkDays[0];
  // Screening: for some programmes the hub discussed, booked or saw attendance.
  if (firstCheckDay) {
    for (const programme of screeningProgrammes) {
      if (!rng.chance(programme === "bowel" ? 0.12 : 0.05)) continue;
      const discussed = dayBetween(rng, firstCheckDay, today);
      const booked = rng.chance(0.6) ? addDays(discussed, rng.int(7, 45)) : null;
      const attended = booked && booked <= today && rng.chance(0.7) ? booked : null;
      const status = attended ? "attended" : booked ? "booked" : "discussed";
      const lastTest = rng.chance(0.3) ? addDays(discussed, -rng.int(200, 1500)) : null;
      out.screenings.push([uuidFrom(rng), id, programme, status, lastTest, programme === "cervical" && lastTest ? rng.chance(0.8) : null, discussed, booked, attended, clinician, londonAt(discussed, 12 * 60)]);
    }
  }

  // Referrals from health checks: sent, most accepted, many first attended.
  if (firstCheckDay) {
    const n = rng.weighted([[0, 45], [1, 35], [2, 15], [3, 5]] as const);
    for (let i = 0; i < n; i++) {
      const service = rng.weighted(site.services.map((s) => [s, s.category === "gp_primary_care" ? 3 : s.category === "drug_alcohol" ? 4 : s.category === "talking_therapies" ? 4 : 2] as const));
      const sentOn = addDays(firstCheckDay, rng.int(0, 20));
      if (sentOn > today) continue;
      const sentAt = londonAt(sentOn, officeMinutes(rng));
      const accepted = rng.chance(0.8) ? addDays(sentOn, rng.int(1, 21)) : null;
      const rejected = !accepted && rng.chance(0.5) ? addDays(sentOn, rng.int(1, 14)) : null;
      const acceptedAt = accepted && accepted <= today ? londonAt(accepted, 10 * 60) : null;
      const booked = accepted && acceptedAt && rng.chance(0.8) ? addDays(accepted, rng.int(0, 5)) : null;
      const bookedAt = booked && booked <= today ? londonAt(booked, 11 * 60) : null;
      const attended = booked && bookedAt && rng.chance(0.7) ? addDays(booked, rng.int(3, 40)) : null;
      const attendedAt = attended && attended <= today ? londonAt(attended, 13 * 60) : null;
      const status = attendedAt ? "attended" : bookedAt ? "appointment_booked" : acceptedAt ? "accepted" : rejected && rejected <= today ? "rejected" : "sent";
      const respondedAt = acceptedAt ?? (status === "rejected" && rejected ? londonAt(rejected, 10 * 60) : null);
      out.referrals.push([uuidFrom(rng), id, site.id, service.id, "Found at the health check", rng.weighted([["routine", 80], ["soon", 15], ["urgent", 5]] as const), true, status, sentAt, sentAt, respondedAt, acceptedAt, bookedAt, attendedAt, clinician, attendedAt ?? bookedAt ?? respondedAt ?? sentAt]);
    }
  }

  // Treatment requirements for some orders.
  if (rng.chance(0.1)) {
    const kind = rng.weighted([["MHTR", 30], ["DRR", 45], ["ATR", 25]] as const);
    const madeOn = addDays(enrolledOn, -rng.int(0, 60));
    const started = rng.chance(0.8) ? addDays(madeOn, rng.int(7, 40)) : null;
    const ended = started && rng.chance(0.5) ? addDays(started, rng.int(90, 365)) : null;
    const startedOk = started && started <= today ? started : null;
    const endedOk = startedOk && ended && ended <= today ? ended : null;
    const status = endedOk ? (rng.chance(0.75) ? "completed" : "breached") : startedOk ? "started" : "ordered";
    const at = londonAt(madeOn, 10 * 60);
    out.treatment_requirements.push([uuidFrom(rng), id, kind, status, addDays(madeOn, -7), true, "Local provider", madeOn, rng.pick([6, 12, 18]), startedOk, endedOk, at, at]);
  }
}

function appointment(
  rng: Random,
  out: Record<keyof typeof COLUMNS, Row[]>,
  person: { id: string; siteId: string },
  day: string,
  kind: "probation" | "health",
  type: string,
  staff: string,
  today: string,
  dnaRate: number,
  clinicianAttends = false,
): void {
  const minutes = officeMinutes(rng);
  const startsAt = londonAt(day, minutes);
  let outcome: string | null = null;
  if (day < today || (day === today && minutes < 10 * 60)) {
    const r = rng.chance(0.93) ? (rng.chance(Math.max(0, Math.min(0.6, dnaRate))) ? (rng.chance(0.35) ? "dna_acceptable" : "dna_unacceptable") : rng.chance(0.9) ? "attended" : "attended_late") : rng.chance(0.6) ? "cancelled" : "rescheduled";
    outcome = r;
  }
  const recordedAt = outcome ? londonAt(day, Math.min(minutes + 90, 23 * 60)) : null;
  const created = londonAt(addDays(day, -rng.int(3, 21)), 9 * 60);
  out.appointments.push([uuidFrom(rng), person.id, person.siteId, kind, type, startsAt, kind === "probation" ? 30 : 45, clinicianAttends, outcome, recordedAt, outcome ? staff : null, staff, created, recordedAt ?? created]);
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(): Promise<void> {
  const scale = (argValue("scale") ?? process.env.BENCH_SCALE ?? "small") as Scale;
  if (!(scale in scales)) throw new Error(`Unknown scale "${scale}": national, small or pilot`);
  const url = argValue("database-url") ?? process.env.DATABASE_URL;
  assertLocalDatabase(url);
  const { openDatabase, migrateDatabase } = await import("@/db/client");
  const handle = url ? await openDatabase({ engine: "postgres", url }) : await openDatabase({ engine: "pglite", dataDir: argValue("pglite-dir") ?? ".data/bench-pglite" });
  try {
    await migrateDatabase(handle);
    const summary = await generateBenchData(handle, { scale, today: argValue("today"), log: (l) => console.log(l) });
    const { refreshDashboardRollups } = await import("@/server/dashboards/rollups");
    const refresh = await refreshDashboardRollups(handle.db);
    console.log(`Dashboard rollups refreshed in ${(refresh.ms / 1000).toFixed(2)} s`);
    console.log(JSON.stringify({ ...summary, siteIds: summary.siteIds.length }, null, 2));
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
