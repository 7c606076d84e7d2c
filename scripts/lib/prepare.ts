import { databaseOptionsFromEnv, migrateDatabase, openDatabase } from "@/db/client";
import { DEMO_PASSWORD, assertLocalDatabase, demoAccounts, isSeeded, seedDemoData } from "@/db/seed";
import { DEMO_TOTP_SECRET } from "@/db/seed-two-factor";
import { refreshDashboardRollups } from "@/server/dashboards/rollups";

function isLocal(url: string): boolean {
  try {
    assertLocalDatabase(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies the committed migrations, then seeds demo data if the database is local and empty.
 * A remote database (production) is migrated but never seeded.
 */
export async function migrateAndMaybeSeed({ seed }: { seed: boolean }): Promise<void> {
  const options = databaseOptionsFromEnv();
  const where = options.engine === "postgres" ? "Postgres (DATABASE_URL)" : `embedded PGlite at ${options.dataDir}`;
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    console.log(`Database: ${where}, migrations applied.`);
    if (!seed) return;
    if (options.engine === "postgres" && !isLocal(options.url)) {
      console.log("Not seeding: demo data is only ever written to a database on this machine.");
      return;
    }
    if (await isSeeded(handle.db)) {
      console.log("Demo data already present (npm run db:reset starts again).");
    } else {
      const started = performance.now();
      const s = await seedDemoData(handle.db);
      console.log(`Seeded ${s.sites} sites, ${s.users} users, ${s.people} people, ${s.appointments} appointments in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
      console.log(
        `Health records: ${s.consents} consents, ${s.gpRegistrations} GP registrations, ${s.healthChecks} completed and ${s.draftHealthChecks} draft health checks, ${s.alerts} alerts (${s.openAlerts} open), ${s.screenings} screenings.`,
      );
      console.log(
        `Referrals: ${s.referrals} (${s.openReferrals} open) with ${s.referralEvents} history steps and ${s.referralAppointments} first appointments, ${s.seeRequests} please-see requests (${s.openSeeRequests} open), ${s.trackedRequirements} treatment requirements tracked with ${s.requirementReviews} court reviews.`,
      );
      // The dashboard reads its rollups as at their last refresh: bring them up to date with the seed.
      const rollups = await refreshDashboardRollups(handle.db);
      console.log(`Dashboard rollups refreshed in ${(rollups.ms / 1000).toFixed(1)}s.`);
    }
    printDemoAccounts();
  } finally {
    await handle.close();
  }
}

export function printDemoAccounts(): void {
  console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD})`);
  const width = Math.max(...demoAccounts.map((a) => a.email.length));
  for (const a of demoAccounts) console.log(`  ${a.email.padEnd(width)}  ${a.role.padEnd(17)}  ${a.siteCodes.join(", ")}`);
  console.log(`Clinicians and administrators also enter a two-factor code: \`npm run demo:totp\` prints it (demo secret ${DEMO_TOTP_SECRET}).`);
}
