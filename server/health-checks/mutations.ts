import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { healthChecks } from "@/db/schema";
import { healthCheckSectionLabels } from "@/domain/health";
import { applicableAnswers, computeScores, fullAuditOutstanding, incompleteSections, isSectionComplete, needsSameDayReview, parseAnswers } from "@/domain/health-check";
import { healthCheckMessages, healthMessages, messages } from "@/domain/messages";
import { sectionAnswerSchemas, type CompleteHealthCheckInput, type SaveSectionInput, type StartHealthCheckInput } from "@/domain/schemas/health-check";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { raiseAlert } from "../alerts/mutations";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { writeWithHubCareConsent } from "../consent/require";
import { ConflictError, ValidationError } from "../errors";
import { siteScope, UUID_PATTERN } from "../scope";
import { hasConsent } from "../consent/current";
import { currentDraft, linkableAppointments } from "./queries";
import { personInScope } from "../people/in-scope";

/**
 * Starts a draft health check, or returns the draft already in progress for the person (one at a
 * time, so a double submit or a second clinician does not split the answers across two drafts).
 * Nothing is created without the person's current consent to care from the hub.
 */
export async function startHealthCheck({ ctx, input, now = new Date() }: { ctx: Ctx; input: StartHealthCheckInput; now?: Date }): Promise<{ id: string; resumed: boolean }> {
  await assertCan(ctx, "health:write", "health-check.create");
  const person = await personInScope(ctx, input.personId, "health-check.create");
  if (input.appointmentId !== null && !UUID_PATTERN.test(input.appointmentId)) throw new ValidationError({ appointmentId: healthCheckMessages.appointmentNotLinkable });

  const outcome = await ctx.db.transaction(async (tx) => {
    if (input.appointmentId !== null) {
      const [appointment] = await linkableAppointments(tx, ctx, person.id, now, input.appointmentId);
      if (!appointment) throw new ValidationError({ appointmentId: healthCheckMessages.appointmentNotLinkable });
    }
    if (!(await hasConsent(tx, person.id, "hub_care"))) return { refused: true as const };
    return withIdempotency(tx, ctx, input.idempotencyKey, "health-check.create", async () => {
      const draft = await currentDraft(tx, ctx, person.id);
      if (draft) return { id: draft.id, resumed: true };

      const [created] = await tx
        .insert(healthChecks)
        .values({ personId: person.id, siteId: person.siteId, appointmentId: input.appointmentId, createdById: ctx.user.id, updatedById: ctx.user.id, createdAt: now, updatedAt: now })
        .returning({ id: healthChecks.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        ...actor(ctx),
        action: "health-check.create",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "health_check",
        entityId: created.id,
        detail: { appointmentId: input.appointmentId },
      });
      return { id: created.id, resumed: false };
    });
  });

  if ("refused" in outcome) {
    await recordAudit(ctx.db, {
      ...actor(ctx),
      action: "health-check.create",
      outcome: "denied",
      personId: person.id,
      siteId: person.siteId,
      entityType: "person",
      entityId: person.id,
      detail: { reason: "no current hub_care consent" },
    });
    throw new ConflictError(healthMessages.noHubCareConsent);
  }
  return outcome;
}

async function findDraftable(ctx: Ctx, healthCheckId: string) {
  if (!UUID_PATTERN.test(healthCheckId)) return undefined;
  const [row] = await ctx.db
    .select({ id: healthChecks.id, personId: healthChecks.personId, siteId: healthChecks.siteId, status: healthChecks.status, version: healthChecks.version, answers: healthChecks.answers })
    .from(healthChecks)
    .where(and(eq(healthChecks.id, healthCheckId), inArray(healthChecks.siteId, siteScope(ctx))))
    .limit(1);
  return row;
}

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.map(String).join(".") || "_form"] ??= issue.message;
  return out;
}

export type SaveSectionResult = { version: number; sectionComplete: boolean; fullAuditOutstanding: boolean; alertRaised: boolean };

/**
 * Saves one section of a draft. The answers are validated again here (this is callable without
 * the form), only the fields the section defines are kept, answers that no longer apply are
 * dropped, and every score is recomputed from the stored answers: nothing the browser sends as a
 * score is used. PHQ-9 question 9 above 0 raises the same-day review alert in the same transaction.
 */
export async function saveHealthCheckSection({ ctx, input, now = new Date() }: { ctx: Ctx; input: SaveSectionInput; now?: Date }): Promise<SaveSectionResult> {
  await assertCan(ctx, "health:write", "health-check.update");
  const check = await findDraftable(ctx, input.healthCheckId);
  if (!check) return denyNotFound(ctx, "health-check.update", "health_check", input.healthCheckId);
  if (check.status !== "draft") throw new ConflictError(healthCheckMessages.alreadyCompleted);
  if (check.version !== input.version) throw new ConflictError(messages.conflict);

  const incoming = sectionAnswerSchemas[input.section].safeParse(input.answers);
  if (!incoming.success) throw new ValidationError(fieldErrors(incoming.error.issues));
  const answers = applicableAnswers(parseAnswers({ ...parseAnswers(check.answers), [input.section]: incoming.data }));
  const scores = computeScores(answers);

  // Consent is checked inside the write's transaction: a withdrawal takes effect at once, drafts included.
  return writeWithHubCareConsent(ctx, { id: check.personId, siteId: check.siteId }, { action: "health-check.update", entityType: "health_check" }, async (tx) => {
    const [updated] = await tx
      .update(healthChecks)
      .set({ answers, ...scores, updatedAt: now, updatedById: ctx.user.id, version: sql`${healthChecks.version} + 1` })
      .where(and(eq(healthChecks.id, check.id), eq(healthChecks.version, input.version), eq(healthChecks.status, "draft"), inArray(healthChecks.siteId, siteScope(ctx))))
      .returning({ version: healthChecks.version });
    if (!updated) throw new ConflictError(messages.conflict);

    const alert = needsSameDayReview(answers) ? await raiseAlert(tx, ctx, { kind: "phq9_item9", healthCheckId: check.id, personId: check.personId, siteId: check.siteId }) : null;
    const sectionComplete = isSectionComplete(input.section, answers);
    // Which section was saved, never what was answered.
    await recordAudit(tx, {
      ...actor(ctx),
      action: "health-check.update",
      outcome: "success",
      personId: check.personId,
      siteId: check.siteId,
      entityType: "health_check",
      entityId: check.id,
      detail: { section: input.section, sectionComplete, version: updated.version },
    });
    return { version: updated.version, sectionComplete, fullAuditOutstanding: fullAuditOutstanding(answers), alertRaised: alert !== null };
  });
}

/** Finishes a draft once every section is complete. Its answers can no longer be changed. */
export async function completeHealthCheck({ ctx, input, now = new Date() }: { ctx: Ctx; input: CompleteHealthCheckInput; now?: Date }): Promise<{ personId: string }> {
  await assertCan(ctx, "health:write", "health-check.complete");
  const check = await findDraftable(ctx, input.healthCheckId);
  if (!check) return denyNotFound(ctx, "health-check.complete", "health_check", input.healthCheckId);
  if (check.status !== "draft") throw new ConflictError(healthCheckMessages.alreadyCompleted);
  if (check.version !== input.version) throw new ConflictError(messages.conflict);

  const answers = applicableAnswers(parseAnswers(check.answers));
  const missing = incompleteSections(answers);
  if (missing.length) throw new ConflictError(healthCheckMessages.sectionsIncomplete(missing.map((s) => healthCheckSectionLabels[s])));

  return writeWithHubCareConsent(ctx, { id: check.personId, siteId: check.siteId }, { action: "health-check.complete", entityType: "health_check" }, async (tx) => {
    const [updated] = await tx
      .update(healthChecks)
      .set({
        status: "completed",
        answers,
        ...computeScores(answers),
        completedAt: now,
        completedById: ctx.user.id,
        updatedAt: now,
        updatedById: ctx.user.id,
        version: sql`${healthChecks.version} + 1`,
      })
      .where(and(eq(healthChecks.id, check.id), eq(healthChecks.version, input.version), eq(healthChecks.status, "draft"), inArray(healthChecks.siteId, siteScope(ctx))))
      .returning({ version: healthChecks.version });
    if (!updated) throw new ConflictError(messages.conflict);
    await recordAudit(tx, {
      ...actor(ctx),
      action: "health-check.complete",
      outcome: "success",
      personId: check.personId,
      siteId: check.siteId,
      entityType: "health_check",
      entityId: check.id,
      detail: { version: updated.version },
    });
    return { personId: check.personId };
  });
}
