/**
 * The server the end-to-end tests run against: a fresh database (PGlite in its own folder, or a
 * new database on TEST_DATABASE_URL's server), migrated and seeded, then a production build under
 * `next start`. Leftovers of earlier runs are removed first.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { seedE2eFixtures } from "../e2e/support/seed-fixtures";
import { migrateAndMaybeSeed } from "./lib/prepare";

const port = process.env.E2E_PORT ?? "3100";
const dataRoot = path.join(process.cwd(), ".data");

async function freshDatabase(): Promise<Record<string, string>> {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    if (existsSync(dataRoot)) {
      for (const entry of readdirSync(dataRoot)) if (entry.startsWith("e2e-")) rmSync(path.join(dataRoot, entry), { recursive: true, force: true });
    }
    return { PGLITE_DATA_DIR: path.join(dataRoot, `e2e-${Date.now()}`), DATABASE_URL: "" };
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'hub_e2e_%'`;
  for (const { datname } of stale) await admin.unsafe(`drop database if exists ${datname} with (force)`);
  const name = `hub_e2e_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 5 });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString(), PGLITE_DATA_DIR: "" };
}

async function main(): Promise<void> {
  const dbEnv = await freshDatabase();
  Object.assign(process.env, dbEnv);
  // Before seeding: the demo TOTP secrets are encrypted with a key derived from it (db/seed-two-factor.ts).
  process.env.AUTH_SECRET = process.env.AUTH_SECRET?.trim() || randomBytes(32).toString("base64url");
  await migrateAndMaybeSeed({ seed: true });
  // A record of every kind at an own and another site, clinical marker values included (e2e/support).
  await seedE2eFixtures();

  const env = {
    ...process.env,
    ...dbEnv,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    // Test-only hooks such as POST /api/e2e/session (ages the caller's own session); never set in production.
    HUB_E2E_HOOKS: "1",
  };
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server = spawn(process.execPath, [nextBin, "start", "-p", port], { stdio: "inherit", env });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
