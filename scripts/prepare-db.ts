/**
 * Runs before `next dev` and `next start`: PGlite is single-process, so migrations and the demo
 * seed happen here, before the server opens the database.
 */
import { loadLocalEnv } from "./lib/local-env";
import { migrateAndMaybeSeed } from "./lib/prepare";

async function main(): Promise<void> {
  loadLocalEnv({ ensureSecret: true });
  await migrateAndMaybeSeed({ seed: process.env.SEED_DEMO_DATA !== "false" });
  const port = process.env.PORT ?? "3000";
  console.log(`\nProbation Health Hub will be at http://localhost:${port}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
