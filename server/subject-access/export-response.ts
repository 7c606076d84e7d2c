import "server-only";
import { getSessionUser, requestIp, type Ctx } from "../context";
import { getDb } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { logError } from "../log";
import { getSubjectAccessReport } from "./gather";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /people/[personId]/subject-access/export: the report as a JSON attachment. Session and
 * permission are checked here, whatever let the request through; never cached anywhere.
 */
export async function subjectAccessExportResponse(personId: string): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return text("Sign in to download a subject access report.", 401);
  const ctx: Ctx = { user, db: await getDb(), ip: await requestIp() };
  try {
    const report = await getSubjectAccessReport({ ctx, input: { personId, purpose: "export" } });
    const filename = `subject-access-${report.person.crn}-${report.generatedAt.slice(0, 10)}.json`;
    return new Response(JSON.stringify(report, null, 2), {
      status: 200,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return text("You do not have permission to download a subject access report.", 403);
    if (error instanceof NotFoundError) return text("Page not found.", 404);
    logError("subject access export failed", error);
    return text("Sorry, there is a problem with the service. Try again later.", 500);
  }
}
