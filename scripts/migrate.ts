/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the local PGlite). */
import { loadLocalEnv } from "./lib/local-env";
import { migrateAndMaybeSeed } from "./lib/prepare";

loadLocalEnv({ ensureSecret: false });
migrateAndMaybeSeed({ seed: false }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
