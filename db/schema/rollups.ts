import { integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * When the dashboard rollups were last refreshed (one row, id 1). The rollups themselves are made
 * in raw SQL and read by server/dashboards/rollups.ts and measures.ts: the materialized view
 * dashboard_person_facts (migrations 0009, 0011, 0013, 0014), refreshed; and the tables
 * dashboard_person_attendance and dashboard_attendance_days (migration 0012), kept current by
 * triggers on appointments and people.
 */
export const dashboardRollupState = pgTable("dashboard_rollup_state", {
  id: integer("id").primaryKey(),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
  refreshMs: integer("refresh_ms"),
});
