import { subjectAccessExportResponse } from "@/server/subject-access/export-response";

// Reads the session and the database per request.
export const dynamic = "force-dynamic";

/** The subject access report as a JSON download; session, permission and audit are all in server/. */
export async function GET(_request: Request, { params }: { params: Promise<{ personId: string }> }): Promise<Response> {
  const { personId } = await params;
  return subjectAccessExportResponse(personId);
}
