/**
 * `npm run db:backup [-- --dir <folder>]`: backs up the database the app uses (DATABASE_URL, or the
 * local PGlite data directory) to backups/<UTC time>.dump (Postgres, pg_dump custom format) or
 * backups/<UTC time>.pglite.tar.gz (PGlite's own dump). Stop the app first when on PGlite.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv } from "@/db/client";
import { loadLocalEnv } from "./lib/local-env";
import { backupPglite, backupPostgres, describeUrl, formatStats } from "./lib/backup";

async function main() {
  const { values } = parseArgs({ options: { dir: { type: "string", default: "backups" } } });
  loadLocalEnv({ ensureSecret: false });
  const options = databaseOptionsFromEnv();
  const dir = path.resolve(values.dir);
  const started = performance.now();
  const { file, stats } =
    options.engine === "postgres" ? await backupPostgres(options.url, dir) : await backupPglite(options.dataDir ?? path.join(".data", "pglite"), dir);
  const from = options.engine === "postgres" ? `Postgres at ${describeUrl(options.url)}` : `PGlite at ${options.dataDir}`;
  console.log(`Backed up ${from} to ${path.relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
  console.log(formatStats(stats));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
