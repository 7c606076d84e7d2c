/**
 * `npm run db:refresh-rollups`: refreshes the dashboard rollups (server/dashboards/rollups.ts) of
 * DATABASE_URL or the local PGlite, each view built afresh and swapped in (dashboards keep answering meanwhile).
 * With `-- --attendance`, first works the attendance tables out afresh from the appointments (they
 * are kept current by triggers, so only to repair them, e.g. after rows were loaded with the
 * triggers off); writers wait meanwhile.
 */
import { databaseOptionsFromEnv, openDatabase } from "@/db/client";
import { rebuildAttendance, refreshDashboardRollups } from "@/server/dashboards/rollups";
import { loadLocalEnv } from "./lib/local-env";

loadLocalEnv({ ensureSecret: false });
const handle = await openDatabase(databaseOptionsFromEnv());
try {
  if (process.argv.includes("--attendance")) {
    const started = performance.now();
    await rebuildAttendance(handle.db);
    console.log(`Attendance tables rebuilt from the appointments in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
  }
  const { ms, refreshedAt } = await refreshDashboardRollups(handle.db);
  console.log(`Dashboard rollups refreshed in ${(ms / 1000).toFixed(2)} s (figures as at ${refreshedAt.toISOString()}).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
