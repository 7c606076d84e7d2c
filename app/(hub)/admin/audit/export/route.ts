import { auditExportResponse } from "@/server/audit/export-response";

// Reads the session and the database per request.
export const dynamic = "force-dynamic";

/** CSV of the audit search's results; session, permission and audit are all in server/. */
export async function GET(request: Request): Promise<Response> {
  return auditExportResponse(new URL(request.url));
}
