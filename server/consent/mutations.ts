import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { consents } from "@/db/schema";
import { currentConsent } from "@/domain/consent";
import { healthRecordMessages, messages } from "@/domain/messages";
import type { RecordConsentInput, WithdrawConsentInput } from "@/domain/schemas/consent";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { ConflictError, ValidationError } from "../errors";
import { personInScope } from "../people/in-scope";

/**
 * Records a consent conversation. Needs no earlier consent: this is how consent is given (or
 * refused). The latest conversation of a kind is the one in force.
 */
export async function recordConsent({ ctx, input }: { ctx: Ctx; input: RecordConsentInput }): Promise<{ id: string }> {
  await assertCan(ctx, "health:write", "consent.record");
  const person = await personInScope(ctx, input.personId, "consent.record");

  return ctx.db.transaction(async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "consent.record", async () => {
      const [created] = await tx
        .insert(consents)
        .values({
          personId: person.id,
          kind: input.kind,
          decision: input.decision,
          decidedOn: input.decidedOn,
          informationVersion: input.informationVersion,
          method: input.method,
          recordedById: ctx.user.id,
        })
        .returning({ id: consents.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        ...actor(ctx),
        action: "consent.record",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "consent",
        entityId: created.id,
        detail: { kind: input.kind, decision: input.decision, decidedOn: input.decidedOn, method: input.method, informationVersion: input.informationVersion },
      });
      return created;
    });
  });
}

/**
 * Withdraws the consent in force for its kind. It takes effect at once, whatever date it
 * carries; the date may not be before the consent was given. Carries the version the form saw.
 */
export async function withdrawConsent({ ctx, input, now = new Date() }: { ctx: Ctx; input: WithdrawConsentInput; now?: Date }): Promise<void> {
  await assertCan(ctx, "health:write", "consent.withdraw");
  const person = await personInScope(ctx, input.personId, "consent.withdraw");
  const [consent] = await ctx.db
    .select({ id: consents.id, kind: consents.kind, decidedOn: consents.decidedOn })
    .from(consents)
    .where(and(eq(consents.id, input.consentId), eq(consents.personId, person.id)))
    .limit(1);
  if (!consent) return denyNotFound(ctx, "consent.withdraw", "consent", input.consentId);
  if (input.withdrawnOn < consent.decidedOn) throw new ValidationError({ withdrawnOn: healthRecordMessages.withdrawalBeforeConsent });

  await ctx.db.transaction(async (tx) => {
    const sameKind = await tx
      .select({ id: consents.id, kind: consents.kind, decision: consents.decision, decidedOn: consents.decidedOn, recordedAt: consents.recordedAt, withdrawnOn: consents.withdrawnOn, version: consents.version })
      .from(consents)
      .where(and(eq(consents.personId, person.id), eq(consents.kind, consent.kind)));
    const inForce = currentConsent(sameKind, consent.kind);
    if (inForce.state !== "given" || inForce.record?.id !== consent.id) {
      // A stale form (someone else withdrew it, or recorded a newer conversation) gets the usual conflict message.
      const mine = sameKind.find((c) => c.id === consent.id);
      throw new ConflictError(mine && mine.version !== input.version ? messages.conflict : healthRecordMessages.consentNotWithdrawable);
    }
    const updated = await tx
      .update(consents)
      .set({ withdrawnOn: input.withdrawnOn, withdrawalRecordedById: ctx.user.id, withdrawalRecordedAt: now, version: sql`${consents.version} + 1` })
      .where(and(eq(consents.id, consent.id), eq(consents.version, input.version), isNull(consents.withdrawnOn)))
      .returning({ id: consents.id });
    if (updated.length === 0) throw new ConflictError(messages.conflict);
    await recordAudit(tx, {
      ...actor(ctx),
      action: "consent.withdraw",
      outcome: "success",
      personId: person.id,
      siteId: person.siteId,
      entityType: "consent",
      entityId: consent.id,
      detail: { kind: consent.kind, withdrawnOn: input.withdrawnOn, version: input.version + 1 },
    });
  });
}
