/**
 * `npm run db:restore -- [<backup file>] [--force]`: restores a backup made by `npm run db:backup`
 * into the database the app uses (DATABASE_URL, or the local PGlite data directory). Without a
 * file, the newest in backups/ for that engine. Refuses a database that already holds tables (or
 * a PGlite directory that exists) unless --force; stop the app first.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv } from "@/db/client";
import { loadLocalEnv } from "./lib/local-env";
import { backupKind, describeUrl, formatStats, latestBackup, restorePglite, restorePostgres } from "./lib/backup";

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean", default: false }, dir: { type: "string", default: "backups" } },
  });
  loadLocalEnv({ ensureSecret: false });
  const options = databaseOptionsFromEnv();
  const file = positionals[0] ?? latestBackup(path.resolve(values.dir), options.engine);
  if (!file) throw new Error(`No ${options.engine} backup in ${values.dir}/: name the file, e.g. npm run db:restore -- backups/<time>.dump`);
  const kind = backupKind(file);
  if (kind !== options.engine) {
    throw new Error(`${file} is ${kind ? `a ${kind} backup` : "not a backup this script knows"}, but the target is ${options.engine === "postgres" ? "Postgres (DATABASE_URL)" : "PGlite (DATABASE_URL unset)"}.`);
  }
  const started = performance.now();
  if (options.engine === "postgres") {
    const { stats } = await restorePostgres(file, options.url, { force: values.force });
    console.log(`Restored ${file} into Postgres at ${describeUrl(options.url)} in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
    console.log(formatStats(stats));
  } else {
    const dataDir = options.dataDir ?? path.join(".data", "pglite");
    const { stats, movedAside } = await restorePglite(file, dataDir, { force: values.force });
    if (movedAside) console.log(`Moved the existing data directory aside to ${movedAside}.`);
    console.log(`Restored ${file} into PGlite at ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
    console.log(formatStats(stats));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
