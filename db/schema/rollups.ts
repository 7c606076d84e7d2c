import { integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * When the dashboard rollups were last refreshed (one row, id 1). The rollups themselves are
 * materialized views created in raw SQL (migration dashboard_rollups), refreshed by
 * server/dashboards/rollups.ts: dashboard_person_attendance and dashboard_attendance_days.
 */
export const dashboardRollupState = pgTable("dashboard_rollup_state", {
  id: integer("id").primaryKey(),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
  refreshMs: integer("refresh_ms"),
});
