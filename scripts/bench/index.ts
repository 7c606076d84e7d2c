/**
 * `npm run bench`: a fresh local Postgres database filled with synthetic data (generate.ts), the
 * rollup refresh and dashboard query benchmarks (dashboard-queries.ts), the pilot site on PGlite,
 * then the HTTP benchmarks against `next start` (http.ts, person-timeline.ts), with the lightest
 * signed-in page as a reference for what this machine can serve at all. Prints every figure beside its
 * target and exits non-zero when one is missed. Writes nothing into the repository (apart from
 * the .next build, which is git-ignored).
 *
 * Environment:
 *   BENCH_SCALE         national (default) | small (CI)
 *   BENCH_DATABASE_URL  the database to use (default postgres://postgres@127.0.0.1:5432/hub_bench_<pid>);
 *                       created if missing; if it already holds data it is reused as it is
 *   BENCH_KEEP=1        keep the database afterwards (it is dropped otherwise, if this run created it)
 *   BENCH_SKIP_BUILD=1  reuse the existing .next build
 *   BENCH_DASHBOARD_REQUESTS  requests in the dashboard load run, every one waited for (default 500)
 *   BENCH_ACTION_CONNECTIONS  concurrent connections recording outcomes (default 10)
 *   BENCH_SKIP_QUERIES=1  only the HTTP benchmarks (e.g. again on a kept database)
 *   BENCH_SERVERS       next start processes to share the HTTP load (default 1; 2 to 4): what
 *                       processes behind a balancer would give on this machine
 */
import { randomBytes } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@/db/client";
import { assertLocalDatabase } from "@/db/seed";
import { refreshDashboardRollups } from "@/server/dashboards/rollups";
import { runDashboardQueryBench, runPgliteSiteBench } from "./dashboard-queries";
import { generateBenchData } from "./generate";
import { benchDashboard, benchRecordOutcome, benchReferencePage, benchAccounts, buildApp, prepareHttpFixtures, signInOverHttp, startServer, type RunningServer } from "./http";
import { benchPersonTimeline, createBusyPerson } from "./person-timeline";
import type { BenchResult } from "./result";

type Section = { title: string; results: BenchResult[]; notes: string[] };
type Scale = "national" | "small";

const log = (line: string) => console.log(`   ${line}`);

async function withDatabase<T>(url: string, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ engine: "postgres", url, maxConnections: 2 });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function scaleFromEnv(): Scale {
  const raw = (process.env.BENCH_SCALE ?? "national").trim();
  if (raw === "national" || raw === "small") return raw;
  throw new Error(`BENCH_SCALE must be "national" or "small", not "${raw}"`);
}

function serverCountFromEnv(): number {
  const raw = (process.env.BENCH_SERVERS ?? "1").trim();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new Error(`BENCH_SERVERS must be a whole number from 1 to 4, not "${raw}"`);
  return n;
}

function benchDatabaseUrl(): string {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  const url = given || `postgres://postgres@127.0.0.1:5432/hub_bench_${process.pid}`;
  // The benchmark writes synthetic records and drops what it created: never on another machine.
  assertLocalDatabase(url);
  return url;
}

/** Creates the database if it is missing; returns whether this run created it. */
async function ensureDatabase(url: string): Promise<boolean> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Database name "${name}": use lower-case letters, digits and _`);
  parsed.pathname = "/postgres";
  const admin = postgres(parsed.toString(), { max: 1, onnotice: () => {} });
  try {
    const [existing] = await admin<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${name}`;
    if (existing?.n) return false;
    await admin.unsafe(`create database ${name}`);
    return true;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function dropDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  parsed.pathname = "/postgres";
  const admin = postgres(parsed.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function hasData(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from (select 1 from people limit 1) p`;
  return (row?.n ?? 0) > 0;
}

function formatFigure(r: BenchResult): string {
  const figure = Number.isInteger(r.figure) ? String(r.figure) : r.figure.toFixed(1);
  return r.unit ? `${figure} ${r.unit}` : figure;
}

export function renderTable(sections: Section[]): string {
  const rows = sections.flatMap((s) => s.results.map((r) => [r.name, formatFigure(r), r.target, r.pass ? "pass" : "FAIL"] as const));
  const head = ["measure", "figure", "target", "pass"] as const;
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.log(`\n== ${label}`);
  const result = await work();
  console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function main(): Promise<number> {
  const scale = scaleFromEnv();
  const serverCount = serverCountFromEnv();
  const url = benchDatabaseUrl();
  const keep = process.env.BENCH_KEEP === "1";
  const dashboardRequests = Number.parseInt(process.env.BENCH_DASHBOARD_REQUESTS ?? "500", 10) || 500;
  const sections: Section[] = [];
  const created = await ensureDatabase(url);
  console.log(`Benchmark at ${scale} scale on ${url.replace(/\/\/[^@]*@/, "//")}${created ? " (new database)" : " (existing database)"}`);
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const servers: RunningServer[] = [];
  try {
    await timed("migrate", async () => {
      const handle = await openDatabase({ engine: "postgres", url, maxConnections: 1 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
    });
    if (await hasData(sql)) console.log("The database already holds data: reusing it, no generation.");
    else
      await timed(`generate (${scale})`, () =>
        withDatabase(url, async (handle) => {
          const summary = await generateBenchData(handle, { scale, log });
          log(`generated in ${summary.seconds.toFixed(1)} s: ${JSON.stringify(summary.rows)}`);
        }),
      );

    if (process.env.BENCH_SKIP_QUERIES === "1") {
      console.log("Skipping the dashboard query and PGlite benchmarks (BENCH_SKIP_QUERIES=1).");
    } else {
      await timed("rollup refresh and dashboard queries (Postgres)", async () => sections.push({ title: "queries", results: await runDashboardQueryBench({ databaseUrl: url, log }), notes: [] }));
      await timed("site dashboard on PGlite (4,000-person pilot site)", async () => sections.push({ title: "pglite", results: await runPgliteSiteBench({ log }), notes: [] }));
    }

    const fixtures = await timed("HTTP fixtures: bench accounts, target appointments, a person with 1,000+ appointments", async () => {
      const f = await prepareHttpFixtures(sql, scale === "national" ? 8000 : 4000);
      const busy = await createBusyPerson(sql, { siteId: f.siteId, officerId: f.officerId });
      // Fresh statistics for the rows just added, as autovacuum would give a live system.
      await sql`analyze appointments`;
      await sql`analyze people`;
      return { ...f, busy };
    });
    console.log(`   site ${fixtures.siteName}; ${fixtures.targets.length} appointments to record; busy person ${fixtures.busy.personId}`);

    buildApp();
    // One secret for every process, so that a session signed in on one is good on the others.
    const authSecret = randomBytes(32).toString("base64url");
    for (let i = 0; i < serverCount; i++) servers.push(await timed(`start next${serverCount > 1 ? ` (${i + 1} of ${serverCount})` : ""}`, () => startServer(url, authSecret)));
    const baseUrl = servers[0]?.baseUrl ?? "";
    const managerCookie = await signInOverHttp(baseUrl, benchAccounts.manager);
    const officerCookie = await signInOverHttp(baseUrl, benchAccounts.officer);

    // What this machine can serve at all: the two HTTP targets read against it.
    await timed("reference: the lightest signed-in page, 50 connections, 10 s", async () => sections.push({ title: "reference", ...(await benchReferencePage(servers, managerCookie, 10)) }));
    await timed("record an appointment outcome (server action)", async () =>
      sections.push({ title: "record outcome", ...(await benchRecordOutcome(servers, officerCookie, sql, fixtures, Number.parseInt(process.env.BENCH_ACTION_CONNECTIONS ?? "10", 10) || 10)) }),
    );
    // One request at a time: the first server only.
    await timed("person with 1,000+ appointments", async () => sections.push({ title: "person timeline", ...(await benchPersonTimeline(baseUrl, officerCookie, fixtures.busy)) }));
    // Fresh rollups, so the app does not start its background refresh in the middle of the load.
    await withDatabase(url, (handle) => refreshDashboardRollups(handle.db));
    // Last: a slow dashboard leaves requests running on the server after the load stops, which
    // would otherwise be measured as part of the next benchmark.
    await timed(`GET /dashboards, 50 connections, ${dashboardRequests} requests`, async () => sections.push({ title: "dashboard page", ...(await benchDashboard(servers, managerCookie, dashboardRequests)) }));
  } finally {
    for (const server of servers) await server.stop();
    await sql.end({ timeout: 5 });
    if (created && !keep) await dropDatabase(url);
    else if (created) console.log(`Kept the database (BENCH_KEEP=1): ${url}`);
  }

  for (const s of sections) for (const note of s.notes) console.log(`   ${note}`);
  console.log(`\nBenchmark results (${scale} scale)\n`);
  console.log(renderTable(sections));
  const failed = sections.flatMap((s) => s.results).filter((r) => !r.pass);
  const failedChecks = failed.filter((r) => r.check);
  if (failedChecks.length > 0) {
    console.log(`\n${failedChecks.length} check(s) failed: the run itself is not trustworthy.`);
    return 2;
  }
  console.log(failed.length === 0 ? "\nAll targets met." : `\n${failed.length} target(s) missed.`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
