import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { seeRequests } from "@/db/schema";
import { messages, referralMessages } from "@/domain/messages";
import type { CreateSeeRequestInput, HandleSeeRequestInput } from "@/domain/schemas/see-request";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { personInScope } from "../people/in-scope";
import { ConflictError } from "../errors";
import { siteScope, UUID_PATTERN } from "../scope";

/** A probation officer asks the hub to see someone at one of their sites; it lands on the clinicians' worklist. */
export async function createSeeRequest({ ctx, input, now = new Date() }: { ctx: Ctx; input: CreateSeeRequestInput; now?: Date }): Promise<{ id: string }> {
  await assertCan(ctx, "see-request:create", "see-request.create");
  const person = await personInScope(ctx, input.personId, "see-request.create");
  return ctx.db.transaction(async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "see-request.create", async () => {
      const [created] = await tx
        .insert(seeRequests)
        .values({ personId: person.id, siteId: person.siteId, reason: input.reason, note: input.note, requestedById: ctx.user.id, requestedAt: now })
        .returning({ id: seeRequests.id });
      if (!created) throw new Error("insert returned no row");
      // The reason is a code from probation's list; the free-text note stays on the request.
      await recordAudit(tx, {
        ...actor(ctx),
        action: "see-request.create",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "see_request",
        entityId: created.id,
        detail: { reason: input.reason },
      });
      return created;
    });
  });
}

/** The hub saw the person, or closes the request without seeing them. Carries the version the page saw. */
export async function handleSeeRequest({ ctx, input, now = new Date() }: { ctx: Ctx; input: HandleSeeRequestInput; now?: Date }): Promise<{ personId: string }> {
  const action = `see-request.${input.status}`;
  await assertCan(ctx, "see-request:handle", action);
  const [request] = UUID_PATTERN.test(input.seeRequestId)
    ? await ctx.db
        .select({ id: seeRequests.id, personId: seeRequests.personId, siteId: seeRequests.siteId, status: seeRequests.status, version: seeRequests.version })
        .from(seeRequests)
        .where(and(eq(seeRequests.id, input.seeRequestId), inArray(seeRequests.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!request) return denyNotFound(ctx, action, "see_request", input.seeRequestId);
  if (request.version !== input.version) throw new ConflictError(messages.conflict);
  if (request.status !== "open") throw new ConflictError(referralMessages.seeRequestHandled);

  return ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(seeRequests)
      .set({ status: input.status, handledById: ctx.user.id, handledAt: now, version: sql`${seeRequests.version} + 1` })
      .where(and(eq(seeRequests.id, request.id), eq(seeRequests.version, input.version), eq(seeRequests.status, "open"), inArray(seeRequests.siteId, siteScope(ctx))))
      .returning({ id: seeRequests.id });
    if (updated.length === 0) throw new ConflictError(messages.conflict);
    await recordAudit(tx, {
      ...actor(ctx),
      action,
      outcome: "success",
      personId: request.personId,
      siteId: request.siteId,
      entityType: "see_request",
      entityId: request.id,
      detail: { version: input.version + 1 },
    });
    return { personId: request.personId };
  });
}
