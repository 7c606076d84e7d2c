import "server-only";
import { getSessionUser, requestIp, type Ctx } from "../context";
import { getDb } from "../db";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { logError } from "../log";
import { exportDashboardTable } from "./export";

// Kept apart from export.ts so the use case can be tested without the session machinery.
const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /dashboards/export?table=…&from=…&to=…&site=…(repeatable). The session and the permission
 * are checked here, as for any page or action, whatever let the request through.
 */
export async function dashboardExportResponse(url: URL): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return text("Sign in to download dashboard figures.", 401);
  const ctx: Ctx = { user, db: await getDb(), ip: await requestIp() };
  const q = url.searchParams;
  try {
    const { filename, csv } = await exportDashboardTable({
      ctx,
      input: { table: q.get("table") ?? "", from: q.get("from") ?? "", to: q.get("to") ?? "", siteIds: q.getAll("site").filter(Boolean) },
    });
    // The byte order mark lets spreadsheet software read the file as UTF-8.
    return new Response(`\uFEFF${csv}`, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return text("You do not have permission to download dashboard figures.", 403);
    if (error instanceof NotFoundError) return text("There is no such dashboard table, or no such site.", 404);
    if (error instanceof ValidationError) return text(`Check the period: ${Object.values(error.fieldErrors).join("; ")}.`, 400);
    logError("dashboard export failed", error);
    return text("Sorry, there is a problem with the service. Try again later.", 500);
  }
}
