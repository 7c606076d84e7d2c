import { dashboardExportResponse } from "@/server/dashboards/export-response";

// Reads the session and the database per request.
export const dynamic = "force-dynamic";

/** CSV of one dashboard table; session, permission, suppression and audit are all in server/. */
export async function GET(request: Request): Promise<Response> {
  return dashboardExportResponse(new URL(request.url));
}
