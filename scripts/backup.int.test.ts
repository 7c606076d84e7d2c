import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { backupPglite, backupPostgres, pgliteTableStats, postgresTableStats, restorePglite, restorePostgres, type TableStat } from "./lib/backup";

/**
 * Seeds a database, backs it up, restores into an empty one and compares every table's row count
 * and checksum. PGlite always; Postgres too when TEST_DATABASE_URL is set (temporary databases,
 * dropped afterwards; needs pg_dump and pg_restore on the PATH).
 */

const today = "2026-11-02";
const work = mkdtempSync(path.join(tmpdir(), "hub-backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function byTable(stats: TableStat[]) {
  return Object.fromEntries(stats.map((s) => [s.table, `${s.rows}:${s.checksum}`]));
}

function rowsOf(stats: TableStat[], table: string) {
  return stats.find((s) => s.table === table)?.rows ?? -1;
}

/** The seed writes no audit rows; the trail must survive a restore, so write some. */
async function addAuditRows(db: Awaited<ReturnType<typeof openDatabase>>["db"]) {
  await db.insert(auditEvents).values([
    { action: "test.backup", outcome: "success", detail: { n: 1 } },
    { action: "test.backup", outcome: "denied", detail: { n: 2 } },
  ]);
}

describe("PGlite backup and restore", () => {
  const source = path.join(work, "source");
  const target = path.join(work, "target");
  const backups = path.join(work, "backups");
  let file: string;
  let original: TableStat[];

  beforeAll(async () => {
    const handle = await openDatabase({ engine: "pglite", dataDir: source });
    await migrateDatabase(handle);
    await seedDemoData(handle.db, { people: 40, today });
    await addAuditRows(handle.db);
    await handle.close();
    ({ file, stats: original } = await backupPglite(source, backups));
  }, 180_000);

  it("writes a PGlite dump under the backups folder and counts what it holds", () => {
    expect(path.basename(file)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.pglite\.tar\.gz$/);
    expect(existsSync(file)).toBe(true);
    expect(rowsOf(original, "public.people")).toBe(40);
    expect(rowsOf(original, "public.appointments")).toBeGreaterThan(0);
    expect(rowsOf(original, "public.audit_events")).toBe(2);
    expect(rowsOf(original, "drizzle.__drizzle_migrations")).toBeGreaterThan(0);
  });

  it("restores into an empty data directory with the same rows in every table", async () => {
    const { stats } = await restorePglite(file, target);
    expect(byTable(stats)).toEqual(byTable(original));
    // And the restored directory opens as a working database on its own.
    expect(byTable(await pgliteTableStats(target))).toEqual(byTable(original));
  });

  it("refuses to restore over an existing data directory unless forced, and then moves it aside", async () => {
    await expect(restorePglite(file, source)).rejects.toThrow(/Refusing to restore/);
    const { stats, movedAside } = await restorePglite(file, source, { force: true });
    expect(movedAside).toBeDefined();
    expect(existsSync(movedAside ?? "")).toBe(true);
    expect(byTable(stats)).toEqual(byTable(original));
    expect(readdirSync(work)).toEqual(expect.arrayContaining([path.basename(movedAside ?? "")]));
  });
});

const serverUrl = process.env.TEST_DATABASE_URL?.trim();

// Registered only when there is a server to run on (CI's Postgres pass sets TEST_DATABASE_URL).
if (serverUrl) describe("Postgres backup and restore (pg_dump custom format)", () => {
  const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : null;
  const names: string[] = [];
  const urlFor = (name: string) => {
    const url = new URL(serverUrl ?? "");
    url.pathname = `/${name}`;
    return url.toString();
  };
  async function createDatabase() {
    const name = `hub_backup_${randomBytes(6).toString("hex")}`;
    await admin?.unsafe(`create database ${name}`);
    names.push(name);
    return urlFor(name);
  }
  let sourceUrl: string;
  let file: string;
  let original: TableStat[];

  beforeAll(async () => {
    sourceUrl = await createDatabase();
    const handle = await openDatabase({ engine: "postgres", url: sourceUrl, maxConnections: 2 });
    await migrateDatabase(handle);
    await seedDemoData(handle.db, { people: 40, today });
    await addAuditRows(handle.db);
    await handle.close();
    ({ file, stats: original } = await backupPostgres(sourceUrl, path.join(work, "pg-backups")));
  }, 180_000);

  afterAll(async () => {
    for (const name of names) await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end({ timeout: 5 });
  });

  it("writes a custom-format dump", () => {
    expect(path.basename(file)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.dump$/);
    expect(rowsOf(original, "public.people")).toBe(40);
    expect(rowsOf(original, "public.audit_events")).toBe(2);
  });

  it("restores into an empty database with the same rows in every table, audit trail included", async () => {
    const targetUrl = await createDatabase();
    const { stats } = await restorePostgres(file, targetUrl);
    expect(byTable(stats)).toEqual(byTable(original));
    // The restored audit trail is still append-only: its triggers came back with it.
    const target = postgres(targetUrl, { max: 1, onnotice: () => {} });
    try {
      await expect(target.unsafe(`delete from audit_events`)).rejects.toThrow(/append-only/);
    } finally {
      await target.end({ timeout: 5 });
    }
  });

  it("refuses a database that already has tables unless forced; forced, it replaces them", async () => {
    await expect(restorePostgres(file, sourceUrl)).rejects.toThrow(/Refusing to restore/);
    const targetUrl = await createDatabase();
    const other = await openDatabase({ engine: "postgres", url: targetUrl, maxConnections: 2 });
    await migrateDatabase(other);
    await seedDemoData(other.db, { people: 12, today });
    await other.close();
    const { stats } = await restorePostgres(file, targetUrl, { force: true });
    expect(byTable(stats)).toEqual(byTable(original));
    expect(byTable(await postgresTableStats(targetUrl))).toEqual(byTable(original));
  });
});
