import "server-only";
import { parseAuditSearch } from "@/domain/audit-search";
import { getSessionUser, requestIp, type Ctx } from "../context";
import { getDb } from "../db";
import { ForbiddenError, ValidationError } from "../errors";
import { logError } from "../log";
import { auditCsv } from "./csv";
import { AUDIT_EXPORT_CAP, exportAuditEvents } from "./search";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** GET /admin/audit/export?…the search's parameters: the filtered events as CSV, newest first, at most AUDIT_EXPORT_CAP. */
export async function auditExportResponse(url: URL): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return text("Sign in to download audit events.", 401);
  const ctx: Ctx = { user, db: await getDb(), ip: await requestIp() };
  const parsed = parseAuditSearch(Object.fromEntries(url.searchParams.entries()));
  try {
    if (Object.keys(parsed.errors).length) throw new ValidationError(parsed.errors as Record<string, string>);
    const { rows, capped } = await exportAuditEvents({ ctx, input: { query: parsed.query } });
    const filename = `audit-events-${new Date().toISOString().slice(0, 10)}${capped ? `-newest-${AUDIT_EXPORT_CAP}` : ""}.csv`;
    return new Response(`\uFEFF${auditCsv(rows)}`, {
      status: 200,
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return text("You do not have permission to download audit events.", 403);
    if (error instanceof ValidationError) return text(`Check the search: ${Object.values(error.fieldErrors).join("; ")}.`, 400);
    logError("audit export failed", error);
    return text("Sorry, there is a problem with the service. Try again later.", 500);
  }
}
