/**
 * A person with over a thousand appointments (a long order seen weekly for years), with consents
 * and health checks, and how fast their person page and appointment timeline pages answer.
 */
import type { Sql, TransactionSql } from "postgres";
import { percentile } from "./http";
import { round, type BenchResult } from "./result";

/** Must match TIMELINE_PAGE_SIZE in server/people/queries.ts (the check below fails otherwise). */
const PAGE_SIZE = 20;

export type BusyPerson = { personId: string; probationAppointments: number; healthAppointments: number };

/**
 * Creates the busy person at `siteId`, assigned to `officerId`: `probationCount` probation
 * appointments a week apart going back in time (with outcomes), a quarter as many health hub
 * appointments spread over the time since enrolment, hub care and sharing consents, and three
 * completed health checks.
 */
export async function createBusyPerson(db: Sql, { siteId, officerId, probationCount = 1100 }: { siteId: string; officerId: string; probationCount?: number }): Promise<BusyPerson> {
  // All or nothing: a run that fails half way leaves no half-made person behind in a kept database.
  return db.begin((sql) => createBusyPersonIn(sql, { siteId, officerId, probationCount }));
}

async function createBusyPersonIn(sql: TransactionSql, { siteId, officerId, probationCount }: { siteId: string; officerId: string; probationCount: number }): Promise<BusyPerson> {
  const [free] = await sql<{ crn: string }[]>`
    select 'Y' || lpad(n::text, 6, '0') as crn from generate_series(999999, 900000, -1) n
    where not exists (select 1 from people where crn = 'Y' || lpad(n::text, 6, '0')) limit 1`;
  if (!free) throw new Error("No free CRN for the busy person.");
  // Enrolled when the site's first person was (or about two years ago at an empty site): never
  // before the pilot started, which would stretch every "since the pilot started" dashboard back
  // to this one fixture. The long probation history runs from years before enrolment, as it can.
  const [person] = await sql<{ id: string; days_enrolled: number }[]>`
    insert into people (site_id, crn, given_name, family_name, date_of_birth, sex_registered_at_gp, order_type, enrolled_on, assigned_officer_id)
    values (${siteId}, ${free.crn}, 'Many', 'Appointments', '1979-04-12', 'male', 'licence',
      coalesce((select min(enrolled_on) from people where site_id = ${siteId}), current_date - 700), ${officerId})
    returning id, current_date - enrolled_on as days_enrolled`;
  if (!person) throw new Error("Could not create the busy person.");
  const daysEnrolled = Math.max(Number(person.days_enrolled), 30);

  const outcomes = ["attended", "attended", "attended", "attended_late", "dna_acceptable", "dna_unacceptable", "cancelled"];
  const probationTypes = ["supervision", "supervision", "review", "home_visit"];
  const healthTypes = ["health_check", "follow_up", "gp_registration_support", "screening_support"];
  const now = Date.now();
  const week = 7 * 86_400_000;
  const healthCount = Math.ceil(probationCount / 4);
  // Health hub appointments only since enrolment, evenly spread (at least a day apart).
  const healthGapMs = Math.max(1, Math.floor((daysEnrolled - 3) / healthCount)) * 86_400_000;
  const rows = [
    ...Array.from({ length: probationCount }, (_, i) => ({
      // Four upcoming, the rest in the past with an outcome.
      starts_at: new Date(now + (4 - i) * week),
      kind: "probation",
      type: probationTypes[i % probationTypes.length] ?? "supervision",
      outcome: i < 4 ? null : (outcomes[i % outcomes.length] ?? "attended"),
      clinician_attends: i % 5 === 0,
    })),
    ...Array.from({ length: healthCount }, (_, i) => ({
      starts_at: new Date(now + 2 * 86_400_000 - i * healthGapMs),
      kind: "health",
      type: healthTypes[i % healthTypes.length] ?? "follow_up",
      outcome: i < 1 ? null : (outcomes[i % outcomes.length] ?? "attended"),
      clinician_attends: true,
    })),
  ].map((r) => ({
    ...r,
    person_id: person.id,
    site_id: siteId,
    duration_minutes: 30,
    outcome_recorded_at: r.outcome ? new Date(r.starts_at.getTime() + 3_600_000) : null,
    outcome_recorded_by_id: r.outcome ? officerId : null,
    created_by_id: officerId,
  }));
  for (let i = 0; i < rows.length; i += 2000) await sql`insert into appointments ${sql(rows.slice(i, i + 2000))}`;

  await sql`
    insert into consents (person_id, kind, decision, decided_on, information_version, method, recorded_by_id)
    values (${person.id}, 'hub_care', 'given', current_date - ${daysEnrolled}::int, 'Hub leaflet v1.2', 'own_consent', ${officerId}),
           (${person.id}, 'share_with_probation', 'given', current_date - ${daysEnrolled}::int, 'Hub leaflet v1.2', 'own_consent', ${officerId})`;
  for (const [partAgo, phq9, gad7] of [
    [0.95, 14, 11],
    [0.5, 9, 7],
    [0.1, 4, 3],
  ] as const) {
    const at = new Date(now - Math.round(partAgo * daysEnrolled) * 86_400_000);
    await sql`
      insert into health_checks (person_id, site_id, status, answers, smoking_status, phq9_score, phq9_band, gad7_score, gad7_band, created_by_id, completed_by_id, created_at, updated_at, completed_at)
      values (${person.id}, ${siteId}, 'completed', ${sql.json({})}, 'current', ${phq9}, ${phq9 >= 10 ? "moderate" : "mild"}, ${gad7}, ${gad7 >= 10 ? "moderate" : "mild"}, ${officerId}, ${officerId}, ${at}, ${at}, ${at})`;
  }
  return { personId: person.id, probationAppointments: probationCount, healthAppointments: healthCount };
}

async function timeSequential(url: string, cookie: string, count: number, check: (html: string) => string | null): Promise<number[]> {
  const times: number[] = [];
  // Two warm-up requests, not counted.
  for (let i = 0; i < count + 2; i += 1) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const html = await res.text();
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    const problem = check(html);
    if (problem) throw new Error(`GET ${url}: ${problem}`);
    if (i >= 2) times.push(elapsed);
  }
  return times;
}

/**
 * GET /people/<id> (newest appointments), a middle timeline page and the last one, ~50 sequential
 * requests each, signed in as the officer at the person's site (who sees the probation appointments).
 */
export async function benchPersonTimeline(baseUrl: string, cookie: string, person: BusyPerson, requests = 50): Promise<{ results: BenchResult[]; notes: string[] }> {
  const visible = person.probationAppointments;
  const pageCount = Math.ceil(visible / PAGE_SIZE);
  const pages = [1, Math.ceil(pageCount / 2), pageCount];
  const results: BenchResult[] = [];
  const notes: string[] = [];
  for (const page of pages) {
    const url = `${baseUrl}/people/${person.personId}${page === 1 ? "" : `?page=${page}`}`;
    const times = await timeSequential(url, cookie, requests, (raw) => {
      // React separates adjacent text with <!-- --> in server-rendered HTML.
      const html = raw.replaceAll("<!-- -->", "");
      if (!html.includes(`Page ${page} of ${pageCount}`)) return `expected "Page ${page} of ${pageCount}" (${visible} appointments, ${PAGE_SIZE} a page)`;
      const rows = (html.match(/href="\/appointments\/[0-9a-f-]{36}"/g) ?? []).length;
      if (rows > PAGE_SIZE * 2) return `${rows} appointment links on one page: the timeline is not paginated`;
      return null;
    });
    const p95 = round(percentile(times, 95));
    results.push({
      name: `GET person page, ${visible}+ appointments, timeline page ${page} of ${pageCount}: p95 of ${requests}`,
      figure: p95,
      unit: "ms",
      target: "<= 150 ms",
      pass: p95 <= 150,
    });
    notes.push(`person page ${page}: median ${round(percentile(times, 50))} ms over ${times.length} sequential requests`);
  }
  return { results, notes };
}
