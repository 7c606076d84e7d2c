/**
 * `npm run db:seed`: migrates the local database and fills it with demo data, once. Refuses any
 * database that is not on this machine (see assertLocalDatabase in db/seed.ts).
 */
import { databaseOptionsFromEnv } from "@/db/client";
import { assertLocalDatabase } from "@/db/seed";
import { loadLocalEnv } from "./lib/local-env";
import { migrateAndMaybeSeed } from "./lib/prepare";

loadLocalEnv({ ensureSecret: false });
const options = databaseOptionsFromEnv();
try {
  assertLocalDatabase(options.engine === "postgres" ? options.url : undefined);
  await migrateAndMaybeSeed({ seed: true });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
