import "server-only";
import { exportFilename, tableToCsv } from "@/domain/dashboard/csv";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { NotFoundError } from "../errors";
import { findTable } from "./build";
import { getDashboard, type DashboardInput } from "./measures";

export type ExportInput = DashboardInput & { table: string };

/**
 * One dashboard table as CSV, built by the same use case as the page (so suppressed the same way),
 * and audited: who exported which table, for which period and sites, and as at which refresh.
 */
export async function exportDashboardTable({ ctx, input, now = new Date() }: { ctx: Ctx; input: ExportInput; now?: Date }): Promise<{ filename: string; csv: string }> {
  await assertCan(ctx, "dashboard:read", "dashboard.export");
  const dashboard = await getDashboard({ ctx, input, now });
  const table = findTable(dashboard, input.table);
  if (!table) throw new NotFoundError("dashboard table");
  // Before the rollups' first refresh the figures are read from the records themselves, as they are now.
  const asAt = dashboard.asAt ?? now;
  await recordAudit(ctx.db, {
    ...actor(ctx),
    action: "dashboard.export",
    outcome: "success",
    entityType: "dashboard_table",
    entityId: table.id,
    detail: { table: table.id, from: dashboard.period.from, to: dashboard.period.to, siteIds: dashboard.sites.map((s) => s.id), asAt: asAt.toISOString() },
  });
  return { filename: exportFilename(table.id, dashboard.period, asAt), csv: tableToCsv(table) };
}
