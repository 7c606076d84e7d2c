import { NextResponse } from "next/server";
import { z } from "zod";
import { auth } from "@/server/auth/config";
import { ageSession } from "@/server/auth/sessions";
import { getDb } from "@/server/db";

/**
 * End-to-end tests only, and only when the server was started with HUB_E2E_HOOKS=1
 * (scripts/e2e-server.ts): makes the caller's own session look `minutes` older, so a test can
 * reach the 30-minute idle timeout without waiting. It can only end a session sooner, never
 * extend one or touch anybody else's. Everywhere else it answers 404.
 */
const bodySchema = z.object({ minutes: z.number().min(0).max(24 * 60) });

export async function POST(request: Request): Promise<Response> {
  if (process.env.HUB_E2E_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || typeof sessionId !== "string") return new NextResponse(null, { status: 401 });
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return new NextResponse(null, { status: 400 });
  await ageSession(await getDb(), { sessionId, userId, minutes: body.data.minutes });
  return new NextResponse(null, { status: 204 });
}
