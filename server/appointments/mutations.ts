import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { appointments } from "@/db/schema";
import { londonToUtc } from "@/domain/dates";
import { appointmentMessages, messages } from "@/domain/messages";
import { outcomeNeedsStartedAppointment } from "@/domain/appointments";
import { appointmentKindPermission, visibleAppointmentKinds } from "@/domain/permissions";
import type { BookAppointmentInput, RecordOutcomeInput } from "@/domain/schemas/appointment";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { earlierResult, withIdempotency } from "../idempotency";
import { ConflictError, ValidationError } from "../errors";
import { followFirstAppointmentOutcome } from "../referrals/first-appointment";
import { inMySites, siteScope } from "../scope";
import { personInScope } from "../people/in-scope";

const TWO_YEARS_MS = 2 * 366 * 24 * 60 * 60 * 1000;

function startInstant(date: string, time: string, fields: { date: string; time: string }, now: Date): Date {
  const startsAt = londonToUtc(date, time);
  if (!startsAt) throw new ValidationError({ [fields.time]: messages.timeNotExists });
  if (startsAt.getTime() <= now.getTime()) throw new ValidationError({ [fields.date]: appointmentMessages.inPast });
  if (startsAt.getTime() - now.getTime() > TWO_YEARS_MS) throw new ValidationError({ [fields.date]: appointmentMessages.tooFar });
  return startsAt;
}

export async function bookAppointment({ ctx, input, now = new Date() }: { ctx: Ctx; input: BookAppointmentInput; now?: Date }): Promise<{ id: string }> {
  await assertCan(ctx, "appointment:create", "appointment.create");
  await assertCan(ctx, appointmentKindPermission(input.kind), "appointment.create");
  const person = await personInScope(ctx, input.personId, "appointment.create");
  if (!inMySites(ctx, input.siteId)) throw new ValidationError({ siteId: messages.siteNotYours });
  const startsAt = startInstant(input.date, input.time, { date: "date", time: "time" }, now);

  return ctx.db.transaction(async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "appointment.create", async () => {
      const [created] = await tx
        .insert(appointments)
        .values({
          personId: person.id,
          siteId: input.siteId,
          kind: input.kind,
          type: input.type,
          startsAt,
          durationMinutes: input.durationMinutes,
          clinicianAttends: input.clinicianAttends,
          createdById: ctx.user.id,
        })
        .returning({ id: appointments.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        ...actor(ctx),
        action: "appointment.create",
        outcome: "success",
        personId: person.id,
        siteId: input.siteId,
        entityType: "appointment",
        entityId: created.id,
        detail: { kind: input.kind, type: input.type, startsAt: startsAt.toISOString() },
      });
      return created;
    });
  });
}

/**
 * Records what happened. Rescheduling keeps the old appointment (outcome "rescheduled") and books
 * its replacement, linked back to it, in the same transaction.
 */
export async function recordOutcome({ ctx, input, now = new Date() }: { ctx: Ctx; input: RecordOutcomeInput; now?: Date }): Promise<{ personId: string; replacementId?: string }> {
  await assertCan(ctx, "appointment:record-outcome", "appointment.record-outcome");
  const [appointment] = await ctx.db
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, input.appointmentId), inArray(appointments.siteId, siteScope(ctx))))
    .limit(1);
  if (!appointment || !visibleAppointmentKinds(ctx.user.role).includes(appointment.kind)) {
    return denyNotFound(ctx, "appointment.record-outcome", "appointment", input.appointmentId);
  }
  await assertCan(ctx, appointmentKindPermission(appointment.kind), "appointment.record-outcome");
  // A repeat of a submission that already recorded this outcome lands where the first one did.
  const earlier = await earlierResult<{ personId: string; replacementId?: string }>(ctx, input.idempotencyKey, "appointment.record-outcome");
  if (earlier) return earlier.result;
  if (appointment.outcome) throw new ConflictError(messages.outcomeAlready);
  if (outcomeNeedsStartedAppointment(input.outcome) && appointment.startsAt.getTime() > now.getTime()) {
    throw new ValidationError({ outcome: messages.outcomeFuture });
  }
  const newStart =
    input.outcome === "rescheduled" && input.newDate && input.newTime
      ? startInstant(input.newDate, input.newTime.trim().padStart(5, "0"), { date: "newDate", time: "newTime" }, now)
      : null;

  return ctx.db.transaction(async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "appointment.record-outcome", async () => {
      const updated = await tx
        .update(appointments)
        .set({
          outcome: input.outcome,
          outcomeNote: input.note,
          outcomeRecordedAt: now,
          outcomeRecordedById: ctx.user.id,
          version: sql`${appointments.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(appointments.id, appointment.id), eq(appointments.version, input.version), sql`${appointments.outcome} is null`))
        .returning({ id: appointments.id });
      if (updated.length === 0) throw new ConflictError(messages.conflict);

      let replacementId: string | undefined;
      if (newStart) {
        const [replacement] = await tx
          .insert(appointments)
          .values({
            personId: appointment.personId,
            siteId: appointment.siteId,
            kind: appointment.kind,
            type: appointment.type,
            startsAt: newStart,
            durationMinutes: appointment.durationMinutes,
            clinicianAttends: appointment.clinicianAttends,
            rescheduledFromId: appointment.id,
            createdById: ctx.user.id,
          })
          .returning({ id: appointments.id });
        replacementId = replacement?.id;
      }
      // A referral's first appointment moves the referral on (attended / did not attend), in this transaction.
      await followFirstAppointmentOutcome(tx, ctx, { appointment, outcome: input.outcome, replacementId, now });
      await recordAudit(tx, {
        ...actor(ctx),
        action: "appointment.record-outcome",
        outcome: "success",
        personId: appointment.personId,
        siteId: appointment.siteId,
        entityType: "appointment",
        entityId: appointment.id,
        detail: { outcome: input.outcome, replacementId },
      });
      return { personId: appointment.personId, replacementId };
    });
  });
}
