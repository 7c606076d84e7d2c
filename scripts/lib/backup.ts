/**
 * Backups of the hub's database, for both engines (used by scripts/backup.ts, scripts/restore.ts
 * and scripts/backup.int.test.ts):
 *
 * - Postgres: `pg_dump --format=custom` to a .dump file; `pg_restore --clean --if-exists
 *   --no-owner --single-transaction` into the target, so a failed restore changes nothing.
 * - PGlite: its own dump of the data directory (`dumpDataDir`, a gzipped tarball), loaded into an
 *   empty data directory (`loadDataDir`).
 *
 * A restore refuses a target that already holds data unless forced. The audit trail stays
 * append-only throughout: pg_restore loads rows with COPY and creates the triggers afterwards,
 * and the triggers refuse UPDATE, DELETE and TRUNCATE, none of which a restore does.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export type TableStat = { table: string; rows: number; checksum: string };

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** File-name-safe UTC time, sortable: 2026-11-21T08-30-00Z. */
export function backupTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
}

/**
 * Per table (the app's and drizzle's migration journal): how many rows, and an md5 of every row
 * in a fixed order, so two databases can be compared without reading them side by side.
 * Materialized views are left out: they are derived, and refreshed on restore.
 */
export async function tableStats(query: Query): Promise<TableStat[]> {
  const tables = await query(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname in ('public', 'drizzle')
      order by n.nspname, c.relname`,
  );
  const stats: TableStat[] = [];
  for (const t of tables) {
    const qualified = `"${String(t.schema)}"."${String(t.name)}"`;
    const [row] = await query(`select count(*)::text as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${qualified} t`);
    stats.push({ table: `${String(t.schema)}.${String(t.name)}`, rows: Number(row?.n ?? 0), checksum: String(row?.h ?? "") });
  }
  return stats;
}

export function formatStats(stats: TableStat[]): string {
  const width = Math.max(5, ...stats.map((s) => s.table.length));
  const lines = stats.map((s) => `  ${s.table.padEnd(width)}  ${String(s.rows).padStart(8)}`);
  return [`  ${"table".padEnd(width)}  ${"rows".padStart(8)}`, ...lines].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Postgres

/** A connection string as a person may read it: no password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (error) => reject(new Error(`${command} could not be started (${error.message}); install the PostgreSQL client tools`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

async function withPostgres<T>(url: string, work: (query: Query) => Promise<T>): Promise<T> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(async (text) => [...(await sql.unsafe(text))] as Record<string, unknown>[]);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function postgresTableStats(url: string): Promise<TableStat[]> {
  return withPostgres(url, tableStats);
}

export async function backupPostgres(url: string, dir: string, now = new Date()): Promise<{ file: string; stats: TableStat[] }> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${backupTimestamp(now)}.dump`);
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`]);
  return { file, stats: await postgresTableStats(url) };
}

/** Tables in the app's or drizzle's schema: any at all and the database is not empty. */
async function postgresTableCount(url: string): Promise<number> {
  return withPostgres(url, async (query) => {
    const [row] = await query(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and n.nspname in ('public', 'drizzle')`,
    );
    return Number(row?.n ?? 0);
  });
}

export async function restorePostgres(file: string, url: string, { force = false } = {}): Promise<{ stats: TableStat[] }> {
  if (!existsSync(file)) throw new Error(`No such backup: ${file}`);
  const tables = await postgresTableCount(url);
  if (tables > 0 && !force) {
    throw new Error(`Refusing to restore: ${describeUrl(url)} already has ${tables} tables. Restore into an empty database, or add --force to replace what is there.`);
  }
  // --clean --if-exists drops each object before recreating it (a no-op on an empty database);
  // one transaction, so a restore that fails part-way leaves the target as it was.
  await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${url}`, file]);
  return { stats: await postgresTableStats(url) };
}

// ---------------------------------------------------------------------------------------------
// PGlite

async function withPglite<T>(dataDir: string, work: (query: Query) => Promise<T>, loadDataDir?: Blob): Promise<T> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create({ dataDir, ...(loadDataDir ? { loadDataDir } : {}) });
  try {
    return await work(async (text) => (await pg.query<Record<string, unknown>>(text)).rows);
  } finally {
    await pg.close();
  }
}

export function pgliteTableStats(dataDir: string): Promise<TableStat[]> {
  return withPglite(dataDir, tableStats);
}

/** Needs the app stopped: PGlite lets one process at a time open its data directory. */
export async function backupPglite(dataDir: string, dir: string, now = new Date()): Promise<{ file: string; stats: TableStat[] }> {
  if (!existsSync(dataDir)) throw new Error(`No PGlite data directory at ${dataDir}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${backupTimestamp(now)}.pglite.tar.gz`);
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create({ dataDir });
  let stats: TableStat[];
  try {
    stats = await tableStats(async (text) => (await pg.query<Record<string, unknown>>(text)).rows);
    const dump = await pg.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.close();
  }
  return { file, stats };
}

/**
 * Loads a PGlite dump into `dataDir`, which must not exist (or be empty). With force, an existing
 * directory is moved aside (never deleted) to `<dataDir>.before-restore-<time>`.
 */
export async function restorePglite(file: string, dataDir: string, { force = false, now = new Date() } = {}): Promise<{ stats: TableStat[]; movedAside?: string }> {
  if (!existsSync(file)) throw new Error(`No such backup: ${file}`);
  let movedAside: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!force) throw new Error(`Refusing to restore: ${dataDir} already exists. Stop the app and add --force to move it aside, or restore into an empty PGLITE_DATA_DIR.`);
    movedAside = `${dataDir}.before-restore-${backupTimestamp(now)}`;
    renameSync(dataDir, movedAside);
  }
  mkdirSync(dataDir, { recursive: true });
  const blob = new Blob([readFileSync(file)]);
  const stats = await withPglite(dataDir, tableStats, blob);
  return { stats, movedAside };
}

/** Which engine a backup file is for, by its name. */
export function backupKind(file: string): "postgres" | "pglite" | null {
  if (file.endsWith(".pglite.tar.gz") || file.endsWith(".tar.gz") || file.endsWith(".tgz")) return "pglite";
  if (file.endsWith(".dump")) return "postgres";
  return null;
}

/** Newest backup in `dir` of the given kind, if any. */
export function latestBackup(dir: string, kind: "postgres" | "pglite"): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => backupKind(f) === kind && statSync(path.join(dir, f)).isFile())
    .sort();
  const last = files.at(-1);
  return last ? path.join(dir, last) : null;
}
