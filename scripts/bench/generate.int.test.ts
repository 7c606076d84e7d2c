/**
 * The benchmark generator: the same seed and day give the same rows (ids included), the rows obey
 * the app's rules beyond the schema's own constraints, and it refuses a database with people in it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { parseAnswers } from "@/domain/health-check";
import { createTestDatabase } from "@/test/db";
import { generateBenchData, type GenerateSummary } from "./generate";

const TODAY = "2026-03-10";
const SHAPE = { sites: 2, regions: 2, people: 120, pilotDays: 300 };
const TABLES = ["sites", "users", "services", "people", "appointments", "consents", "health_checks", "gp_registrations", "screenings", "referrals", "treatment_requirements"];

let first: DatabaseHandle;
let second: DatabaseHandle;
let summary: GenerateSummary;

async function rows<T>(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await handle.db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

/** Columns the generator leaves to the database's clock or to a salted hash. */
const MOVING: Record<string, string> = { users: "id, email, name, role", services: "id, site_id, name, category, commissioner_type" };

/** A digest of a whole table in id order: every column the generator writes. */
async function digest(handle: DatabaseHandle, table: string): Promise<string> {
  const [row] = await rows<{ d: string | null }>(handle, sql.raw(`select md5(string_agg(t::text, '|' order by t.id)) as d from (select ${MOVING[table] ?? "*"} from ${table}) t`));
  return row?.d ?? "";
}

beforeAll(async () => {
  first = await createTestDatabase();
  second = await createTestDatabase();
  summary = await generateBenchData(first, { scale: "small", today: TODAY, seed: 42, shape: SHAPE });
  await generateBenchData(second, { scale: "small", today: TODAY, seed: 42, shape: SHAPE });
}, 120_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe("generateBenchData", () => {
  it("writes the same rows for the same seed and day, in every table", async () => {
    expect(summary.rows.people).toBe(120);
    for (const table of TABLES) {
      expect(summary.rows[table], table).toBeGreaterThan(0);
      expect(await digest(first, table), table).toBe(await digest(second, table));
    }
  });

  it("keeps each person's records at their own site, with outcomes only for appointments that have started", async () => {
    const [bad] = await rows<{ appointments: number; referrals: number; checks: number; outcomes: number }>(
      first,
      sql`select
        (select count(*)::int from appointments a join people p on p.id = a.person_id where a.site_id <> p.site_id) as appointments,
        (select count(*)::int from referrals r join people p on p.id = r.person_id join services s on s.id = r.service_id where s.site_id <> p.site_id or r.site_id <> p.site_id) as referrals,
        (select count(*)::int from health_checks h join people p on p.id = h.person_id where h.site_id <> p.site_id) as checks,
        (select count(*)::int from appointments where outcome is not null and starts_at > ${TODAY}::date + 1) as outcomes`,
    );
    expect(bad).toEqual({ appointments: 0, referrals: 0, checks: 0, outcomes: 0 });
  });

  it("stores health check answers the app can read, scored, and referral steps in order", async () => {
    const checks = await rows<{ answers: unknown; phq9_score: number | null; completed_at: Date | string | null }>(first, sql`select answers, phq9_score, completed_at from health_checks where status = 'completed'`);
    expect(checks.length).toBeGreaterThan(20);
    for (const c of checks) {
      expect(() => parseAnswers(c.answers)).not.toThrow();
      expect(c.completed_at).not.toBeNull();
    }
    expect(checks.some((c) => c.phq9_score !== null)).toBe(true);
    const [order] = await rows<{ n: number }>(first, sql`select count(*)::int as n from referrals where accepted_at < sent_at or first_attended_at < accepted_at or (first_attended_at is not null and accepted_at is null)`);
    expect(order?.n).toBe(0);
  });

  it("misses more probation appointments before enrolment than after, as the pilot hopes", async () => {
    const [rate] = await rows<{ before: number; after: number }>(
      first,
      sql`select
        avg(case when a.outcome in ('dna_acceptable', 'dna_unacceptable') then 1.0 else 0 end) filter (where (a.starts_at at time zone 'Europe/London')::date < p.enrolled_on)::float as before,
        avg(case when a.outcome in ('dna_acceptable', 'dna_unacceptable') then 1.0 else 0 end) filter (where (a.starts_at at time zone 'Europe/London')::date >= p.enrolled_on)::float as after
      from appointments a join people p on p.id = a.person_id
      where a.kind = 'probation' and a.outcome in ('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable')`,
    );
    expect(Number(rate?.before)).toBeGreaterThan(Number(rate?.after));
  });

  it("refuses a database that already has people in it", async () => {
    await expect(generateBenchData(first, { scale: "small", today: TODAY, seed: 42, shape: SHAPE })).rejects.toThrow(/already has people/);
  });
});
