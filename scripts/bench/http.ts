/**
 * HTTP benchmarks against a production build under `next start`, signed in over HTTP the way a
 * browser is: the pilot dashboard at 50 concurrent connections, and recording an appointment
 * outcome through its real server action (session check, audit, idempotency key, database write).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import autocannon from "autocannon";
import { describeCpu, measureCpu, type CpuFigures } from "./cpu";
import type { Sql } from "postgres";
import { round, type BenchResult } from "./result";

export const BENCH_PASSWORD = "bench-password-2026-not-for-real-use";

export const benchAccounts = {
  officer: "bench.officer@bench.example",
  manager: "bench.manager@bench.example",
} as const;

/** Percentile by nearest rank over a list of milliseconds. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}


// ---------------------------------------------------------------------------------------------
// Fixtures in the bench database
// ---------------------------------------------------------------------------------------------

export type HttpFixtures = {
  siteId: string;
  siteName: string;
  officerId: string;
  managerId: string;
  /** Probation appointments at the officer's site, started, no outcome yet: one per action request. */
  targets: { id: string; version: number }[];
};

/**
 * Adds the accounts the benchmark signs in with (an officer at the busiest site, a pilot manager
 * at every site) and `targetCount` probation appointments waiting for an outcome at that site.
 */
export async function prepareHttpFixtures(sql: Sql, targetCount: number): Promise<HttpFixtures> {
  const [site] = await sql<{ id: string; name: string }[]>`
    select s.id, s.name from sites s left join people p on p.site_id = s.id
    group by s.id, s.name order by count(p.id) desc, s.code limit 1`;
  if (!site) throw new Error("The bench database has no sites: the generator did not run.");
  const passwordHash = await hash(BENCH_PASSWORD);
  const [officer] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash, role) values (${benchAccounts.officer}, 'Bench Officer', ${passwordHash}, 'probation_officer')
    on conflict (email) do update set password_hash = excluded.password_hash, disabled = false returning id`;
  const [manager] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash, role) values (${benchAccounts.manager}, 'Bench Manager', ${passwordHash}, 'pilot_manager')
    on conflict (email) do update set password_hash = excluded.password_hash, disabled = false returning id`;
  if (!officer || !manager) throw new Error("Could not create the bench accounts.");
  await sql`insert into user_sites (user_id, site_id) values (${officer.id}, ${site.id}) on conflict do nothing`;
  await sql`insert into user_sites (user_id, site_id) select ${manager.id}, id from sites on conflict do nothing`;

  let people = await sql<{ id: string }[]>`select id from people where site_id = ${site.id} order by id limit 200`;
  if (people.length === 0) {
    people = await sql<{ id: string }[]>`
      insert into people (site_id, crn, given_name, family_name, date_of_birth, sex_registered_at_gp, order_type, enrolled_on, assigned_officer_id)
      values (${site.id}, 'X900001', 'Bench', 'Person', '1990-01-01', 'male', 'community_order', current_date - 200, ${officer.id}) returning id`;
  }
  const now = Date.now();
  const rows = Array.from({ length: targetCount }, (_, i) => ({
    person_id: people[i % people.length]?.id ?? "",
    site_id: site.id,
    kind: "probation",
    type: "supervision",
    // All in the past (an attended outcome needs a started appointment), a minute apart.
    starts_at: new Date(now - 86_400_000 - i * 60_000),
    duration_minutes: 30,
    created_by_id: officer.id,
  }));
  const targets: { id: string; version: number }[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    const inserted = await sql<{ id: string; version: number }[]>`insert into appointments ${sql(rows.slice(i, i + 2000))} returning id, version`;
    targets.push(...inserted);
  }
  return { siteId: site.id, siteName: site.name, officerId: officer.id, managerId: manager.id, targets };
}

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A `next start` to send load to: where it answers, and its pid, whose CPU the load runs report (cpu.ts). */
export type ServerTarget = { baseUrl: string; pid: number | null };

export type RunningServer = ServerTarget & { stop: () => Promise<void>; logPath: string };

const nextBin = () => path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** `next build` unless BENCH_SKIP_BUILD=1 and a build is there. */
export function buildApp(): void {
  const haveBuild = existsSync(path.join(process.cwd(), ".next", "BUILD_ID"));
  if (process.env.BENCH_SKIP_BUILD === "1" && haveBuild) {
    console.log("Reusing the existing .next build (BENCH_SKIP_BUILD=1).");
    return;
  }
  console.log("Building the app (next build)...");
  // The same settings scripts/e2e-server.ts builds with: the build imports server/env.ts.
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET: process.env.AUTH_SECRET?.trim() || randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true" };
  const build = spawnSync(process.execPath, [nextBin(), "build"], { stdio: "inherit", env });
  if (build.status !== 0) throw new Error("next build failed");
}

/**
 * Node's arguments for `next start` on `port`. With `profileDir` (BENCH_CPU_PROFILE_DIR), the
 * server writes a V8 CPU profile there when it stops (a .cpuprofile file, which Chrome's DevTools
 * open): where the requests' CPU goes, which the load runs' CPU notes (cpu.ts) only total.
 */
export function nextStartArgs(port: number, profileDir = process.env.BENCH_CPU_PROFILE_DIR?.trim()): string[] {
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  return [...profile, nextBin(), "start", "-p", String(port), "-H", "127.0.0.1"];
}

/**
 * `next start` on a free port against the bench database; resolves once it answers. Servers given
 * the same `authSecret` accept each other's session cookies, as processes behind a balancer must.
 */
export async function startServer(databaseUrl: string, authSecret = randomBytes(32).toString("base64url")): Promise<RunningServer> {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    PGLITE_DATA_DIR: "",
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
  };
  const logPath = path.join(tmpdir(), `hub-bench-server-${process.pid}-${port}.log`);
  const log = openSync(logPath, "w");
  const child: ChildProcess = spawn(process.execPath, nextStartArgs(port), { stdio: ["ignore", log, log], env });
  const output = () => readFileSync(logPath, "utf8").slice(-4000);
  console.log(`   server log: ${logPath}`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/sign-in`);
      if (res.ok) return { baseUrl, pid: child.pid ?? null, stop, logPath };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer within 60 s:\n${output()}`);
}

// ---------------------------------------------------------------------------------------------
// Signing in over HTTP, as the sign-in form does: its server action checks the password and has
// next-auth set the session cookie (officers and pilot managers have no second factor).
// ---------------------------------------------------------------------------------------------

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter(Boolean);
}

/** Signs in through the sign-in form's server action; returns the Cookie header of the session. */
export async function signInOverHttp(baseUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const res = await fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": findActionId("signInAction", "app/(auth)/actions.ts"), accept: "text/x-component", origin: baseUrl, "content-type": `multipart/form-data; boundary=${boundary}` },
    body: new Uint8Array(actionBody({ email, password, returnTo: "/" }, boundary)),
  });
  await res.arrayBuffer();
  const session = cookiePairs(res).find((c) => /^(__Secure-)?authjs\.session-token=./.test(c));
  if (!session) throw new Error(`Sign-in as ${email} gave no session cookie (HTTP ${res.status}, redirect ${res.headers.get("x-action-redirect") ?? "-"}).`);
  return session;
}

// ---------------------------------------------------------------------------------------------
// a. The dashboard under load
// ---------------------------------------------------------------------------------------------

type LoadFigures = { p95: number; p50: number; requests: number; unanswered: number; perSecond: number; non2xx: number; errors: number; statuses: Record<string, number>; cpu: CpuFigures | null };

/** `total` shared out over `parts` as evenly as whole numbers allow: part `index`'s share. */
export function shareOf(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/** ", 2 next start processes" in a measure's name when the load went to more than one. */
export function acrossServers(servers: readonly ServerTarget[]): string {
  return servers.length > 1 ? `, ${servers.length} next start processes` : "";
}

/**
 * One load over every server, spread as a balancer in front of them would spread it: the
 * connections (and the requests of a run of a fixed number) shared out evenly, one autocannon per
 * server, all at once. `perServer` gives what differs by server (the outcome run's own requests).
 * The latencies are taken together, and the CPU of every server is measured.
 */
export async function runLoad(
  servers: readonly ServerTarget[],
  path: string,
  options: Omit<autocannon.Options, "url">,
  perServer?: (index: number) => Partial<autocannon.Options>,
): Promise<LoadFigures> {
  const connections = options.connections ?? 10;
  if (servers.length === 0 || connections < servers.length) throw new Error(`runLoad: ${connections} connections over ${servers.length} servers`);
  const latencies: number[] = [];
  const pids = servers.flatMap((s) => (s.pid === null ? [] : [s.pid]));
  const began = performance.now();
  const { value: runs, cpu } = await measureCpu(
    // All of them or none: a total missing a server would look like less CPU than was used.
    pids.length === servers.length ? pids : [],
    () =>
      Promise.all(
        servers.map(
          (server, i) =>
            new Promise<autocannon.Result>((resolve, reject) => {
              const own: autocannon.Options = {
                ...options,
                url: `${server.baseUrl}${path}`,
                connections: shareOf(connections, servers.length, i),
                ...(options.amount ? { amount: shareOf(options.amount, servers.length, i) } : {}),
                ...perServer?.(i),
              };
              const instance = autocannon(own, (error, r) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(r)));
              instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
            }),
        ),
      ),
  );
  const seconds = (performance.now() - began) / 1000;
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = (statuses[code] ?? 0) + (v as { count: number }).count;
  const sum = (of: (r: autocannon.Result) => number) => runs.reduce((n, r) => n + of(r), 0);
  return {
    p95: round(percentile(latencies, 95)),
    p50: round(percentile(latencies, 50)),
    requests: latencies.length,
    // Sent and never answered. Meaningful for a run of a fixed number of requests (`amount`),
    // which waits for every answer (or the timeout). A run of a fixed length instead stops with
    // one request in flight on every connection, however fast the server.
    unanswered: Math.max(0, sum((r) => r.requests.sent) - latencies.length),
    perSecond: round(latencies.length / seconds),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors + r.timeouts),
    statuses,
    cpu,
  };
}

/**
 * The dashboard page at 50 connections: a fixed number of requests (500 by default, about 20 s
 * at national scale here), every one waited for, so the p95 is of all of them. A run of a fixed
 * length would stop with 50 requests still in flight and leave the slowest out.
 */
export async function benchDashboard(servers: readonly ServerTarget[], cookie: string, requests: number): Promise<{ results: BenchResult[]; notes: string[] }> {
  // The page really is the signed-in dashboard, not a redirect to the sign-in page. Asked of every
  // server, one after the other: each builds the dashboard for its own cache on its first request
  // (seconds at national scale), which is then not in the measured run.
  for (const server of servers) {
    const check = await fetch(`${server.baseUrl}/dashboards`, { headers: { cookie }, redirect: "manual" });
    const html = await check.text();
    if (check.status !== 200 || !html.includes("Pilot dashboard")) throw new Error(`GET /dashboards as the pilot manager answered ${check.status}, not the dashboard.`);
  }
  // Warm-up (not counted): the first requests compile and fill caches.
  await runLoad(servers, "/dashboards", { connections: 10 * servers.length, duration: 3, headers: { cookie } });
  const f = await runLoad(servers, "/dashboards", { connections: 50, amount: requests, headers: { cookie }, timeout: 30 });
  const failures = f.non2xx + f.errors + f.unanswered;
  return {
    results: [
      { name: `GET /dashboards (all sites), 50 connections, ${requests} requests${acrossServers(servers)}: p95`, figure: f.p95, unit: "ms", target: "<= 150 ms", pass: f.requests > 0 && f.p95 <= 150 },
      { name: "GET /dashboards: throughput", figure: f.perSecond, unit: "req/s", target: "(reported)", pass: true },
      { name: "GET /dashboards: not answered within 30 s, errors, answers other than 2xx", figure: failures, unit: "", target: "0", pass: failures === 0 && f.requests > 0 },
      { name: "GET /dashboards: answers other than 2xx", figure: f.non2xx, unit: "", target: "0", pass: f.non2xx === 0, check: true },
    ],
    notes: [`dashboard: ${f.requests} of ${requests} answered, p50 ${f.p50} ms, status codes ${JSON.stringify(f.statuses)}`, describeCpu("dashboard CPU", f.cpu)],
  };
}

/**
 * The ceiling to read the two HTTP targets against: the lightest signed-in page ("Your account":
 * the session check, the page view audited, the header and a short page), as the pilot manager,
 * 50 connections. Reported, not a target: no page of this app, and no server action, can be
 * answered faster than this on the same machine.
 */
export async function benchReferencePage(servers: readonly ServerTarget[], cookie: string, durationSeconds: number): Promise<{ results: BenchResult[]; notes: string[] }> {
  const url = `${servers[0]?.baseUrl}/account`;
  const check = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const html = await check.text();
  if (check.status !== 200 || !html.includes("Your account")) throw new Error(`GET /account answered ${check.status}, not the signed-in account page.`);
  await runLoad(servers, "/account", { connections: 10 * servers.length, duration: 2, headers: { cookie } });
  const f = await runLoad(servers, "/account", { connections: 50, duration: durationSeconds, headers: { cookie }, timeout: 30 });
  return {
    results: [
      { name: `Reference: GET /account (lightest signed-in page), 50 connections${acrossServers(servers)}: throughput`, figure: f.perSecond, unit: "req/s", target: "(reported)", pass: true },
      { name: "Reference: GET /account: p95", figure: f.p95, unit: "ms", target: "(reported)", pass: true },
      { name: "Reference: GET /account: answers other than 2xx, errors", figure: f.non2xx + f.errors, unit: "", target: "0", pass: f.non2xx + f.errors === 0, check: true },
    ],
    notes: [`reference page: ${f.requests} answered in ${durationSeconds} s, p50 ${f.p50} ms, ${Math.round(html.length / 1024)} KB of HTML`, describeCpu("reference page CPU", f.cpu)],
  };
}

// ---------------------------------------------------------------------------------------------
// b. Recording an appointment outcome through its server action
// ---------------------------------------------------------------------------------------------

type ManifestEntry = { filename?: string; exportedName?: string; workers?: Record<string, unknown> };

/** A server action's id, from the build's server reference manifest. */
export function findActionId(exportedName: string, file: string): string {
  const manifestPath = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node?: Record<string, ManifestEntry> };
  const entries = Object.entries(manifest.node ?? {});
  const match =
    entries.find(([, e]) => e.exportedName === exportedName && e.filename === file) ?? entries.find(([, e]) => e.exportedName === exportedName && (e.filename ?? "").includes(file));
  if (!match) throw new Error(`${exportedName} is not in ${manifestPath}`);
  return match[0];
}

/**
 * The body React's client sends for a useActionState action called with (previous state,
 * FormData): field "0" is the argument list with the form data as "$K1", and every form field is
 * sent as "_1_<name>" (encodeReply in react-server-dom). Built by hand so each request can be
 * prepared in advance: multipart, with a fresh idempotency key.
 */
export function actionBody(fields: Record<string, string>, boundary: string): Buffer {
  const parts: [string, string][] = Object.entries(fields).map(([k, v]) => [`_1_${k}`, v]);
  parts.push(["0", JSON.stringify([{ ok: true, fieldErrors: {}, values: fields }, "$K1"])]);
  const chunks = parts.map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return Buffer.from(`${chunks.join("")}--${boundary}--\r\n`, "utf8");
}

export async function benchRecordOutcome(
  servers: readonly ServerTarget[],
  cookie: string,
  sql: Sql,
  fixtures: HttpFixtures,
  connections: number,
): Promise<{ results: BenchResult[]; notes: string[] }> {
  const actionId = findActionId("recordOutcomeAction", "app/(hub)/appointments/[appointmentId]/actions.ts");
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const requests = fixtures.targets.map((t) => ({
    path: `/appointments/${t.id}`,
    body: actionBody({ appointmentId: t.id, version: String(t.version), outcome: "attended", note: "", newDateDay: "", newDateMonth: "", newDateYear: "", newTime: "", idempotencyKey: randomUUID() }, boundary),
  }));
  // Next.js refuses a server action whose Origin is not the server's own.
  const headersFor = (server: ServerTarget) => ({
    cookie,
    "next-action": actionId,
    accept: "text/x-component",
    origin: server.baseUrl,
    "content-type": `multipart/form-data; boundary=${boundary}`,
  });

  // One request first, checked by hand: it must have been accepted and written.
  const first = requests.shift();
  const firstTarget = fixtures.targets[0];
  const firstServer = servers[0];
  if (!first || !firstTarget || !firstServer) throw new Error("No target appointments were prepared.");
  const probe = await fetch(`${firstServer.baseUrl}${first.path}`, { method: "POST", headers: headersFor(firstServer), body: new Uint8Array(first.body), redirect: "manual" });
  await probe.arrayBuffer();
  const [probeRow] = await sql<{ outcome: string | null }[]>`select outcome from appointments where id = ${firstTarget.id}`;
  if (probe.status >= 400 || probeRow?.outcome !== "attended") {
    throw new Error(`The record-outcome action was not accepted (HTTP ${probe.status}, outcome ${probeRow?.outcome ?? "none"}): check the action id, the session and the form fields.`);
  }

  // Each server records its own share of the appointments (every n-th), each once.
  const f = await runLoad(servers, "/", { connections, amount: requests.length, timeout: 30, method: "POST" }, (i) => {
    const server = servers[i];
    const own = requests.filter((_, j) => j % servers.length === i);
    let next = 0;
    return {
      headers: server ? headersFor(server) : {},
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            const r = own[next % own.length];
            next += 1;
            return { ...req, method: "POST", path: r?.path ?? "/", body: r?.body ?? "" };
          },
        },
      ],
    };
  });

  const ids = fixtures.targets.map((t) => t.id);
  const [written] = await sql<{ n: number }[]>`select count(*)::int as n from appointments where id = any(${ids}::uuid[]) and outcome = 'attended'`;
  const [audited] = await sql<{ n: number }[]>`
    select count(*)::int as n from audit_events where action = 'appointment.record-outcome' and outcome = 'success' and entity_id = any(${ids}::text[])`;
  const expected = requests.length + 1;
  const writes = written?.n ?? 0;
  const audits = audited?.n ?? 0;
  return {
    results: [
      { name: `POST record outcome (server action), ${connections} connections${acrossServers(servers)}: throughput`, figure: f.perSecond, unit: "req/s", target: ">= 250 req/s", pass: f.perSecond >= 250 },
      { name: "POST record outcome: p95", figure: f.p95, unit: "ms", target: "<= 100 ms", pass: f.p95 <= 100 },
      { name: "POST record outcome: outcomes written / requests", figure: writes, unit: `of ${expected}`, target: `${expected}`, pass: writes === expected, check: true },
      { name: "POST record outcome: audit rows written", figure: audits, unit: `of ${expected}`, target: `${expected}`, pass: audits === expected, check: true },
      { name: "POST record outcome: errors (>= 400 or failed)", figure: f.errors + (f.statuses["500"] ?? 0) + (f.statuses["400"] ?? 0), unit: "", target: "0", pass: f.errors === 0 && Object.keys(f.statuses).every((s) => Number(s) < 400), check: true },
    ],
    notes: [
      `record outcome: ${f.requests} requests, p50 ${f.p50} ms, status codes ${JSON.stringify(f.statuses)} (200 with x-action-redirect: the redirect target rendered in the same answer)`,
      describeCpu("record outcome CPU", f.cpu),
    ],
  };
}
