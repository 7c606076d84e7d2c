/**
 * `npm run db:reset`: throws away the local database and seeds the demo data again. Refuses any
 * database that is not on this machine. Stop the app first: PGlite cannot be shared.
 */
import { rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase } from "@/db/client";
import { assertLocalDatabase } from "@/db/seed";
import { loadLocalEnv } from "./lib/local-env";
import { migrateAndMaybeSeed } from "./lib/prepare";

async function main(): Promise<void> {
  loadLocalEnv({ ensureSecret: false });
  const options = databaseOptionsFromEnv();
  if (options.engine === "pglite") {
    if (options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
  } else {
    assertLocalDatabase(options.url);
    const handle = await openDatabase(options);
    await handle.db.execute(sql`drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;`);
    await handle.close();
  }
  await migrateAndMaybeSeed({ seed: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
