import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appointments, healthChecks, people, referralEvents, referrals, services } from "@/db/schema";
import { londonToUtc } from "@/domain/dates";
import { messages, referralMessages } from "@/domain/messages";
import { transition } from "@/domain/referral-lifecycle";
import type { ReferralStatus } from "@/domain/referrals";
import type { CreateReferralInput, TransitionReferralInput } from "@/domain/schemas/referral";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { personInScope } from "../people/in-scope";
import { writeWithHubCareConsent } from "../consent/require";
import { ConflictError, ValidationError } from "../errors";
import { siteScope, UUID_PATTERN } from "../scope";
import { applyReferralStep } from "./steps";

const TWO_YEARS_MS = 2 * 366 * 24 * 60 * 60 * 1000;

/** An active service at the person's site (and so at one of the user's sites), or null. */
async function activeServiceAt(db: Executor, ctx: Ctx, serviceId: string, siteId: string) {
  if (!UUID_PATTERN.test(serviceId)) return null;
  const [service] = await db
    .select({ id: services.id, category: services.category })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.siteId, siteId), inArray(services.siteId, siteScope(ctx)), eq(services.active, true)))
    .limit(1);
  return service ?? null;
}

/**
 * Makes a referral, as a draft or sent straight away. Needs the person's consent to care from the
 * hub (checked in the same transaction as the insert); a referral is only sent once the person
 * has agreed to it. The referral, its history row(s) and the audit rows commit together.
 */
export async function createReferral({ ctx, input, now = new Date() }: { ctx: Ctx; input: CreateReferralInput; now?: Date }): Promise<{ id: string; status: ReferralStatus }> {
  await assertCan(ctx, "referral:write", "referral.create");
  const person = await personInScope(ctx, input.personId, "referral.create");

  const errors: Record<string, string> = {};
  const service = await activeServiceAt(ctx.db, ctx, input.serviceId, person.siteId);
  if (!service) errors.serviceId = referralMessages.serviceNotAvailable;
  if (input.send && !input.personAgreed) errors.personAgreed = referralMessages.agreeBeforeSending;
  const healthCheckId = input.healthCheckId ?? null;
  if (healthCheckId) {
    const [check] = UUID_PATTERN.test(healthCheckId)
      ? await ctx.db
          .select({ id: healthChecks.id })
          .from(healthChecks)
          .where(and(eq(healthChecks.id, healthCheckId), eq(healthChecks.personId, person.id), eq(healthChecks.status, "completed"), inArray(healthChecks.siteId, siteScope(ctx))))
          .limit(1)
      : [];
    if (!check) errors.healthCheckId = referralMessages.healthCheckNotLinkable;
  }
  if (!service || Object.keys(errors).length) throw new ValidationError(errors);

  return writeWithHubCareConsent(ctx, person, { action: "referral.create", entityType: "referral" }, async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "referral.create", async () => {
      const [created] = await tx
        .insert(referrals)
        .values({
          personId: person.id,
          siteId: person.siteId,
          serviceId: service.id,
          healthCheckId,
          reason: input.reason,
          urgency: input.urgency,
          personAgreed: input.personAgreed,
          status: "draft",
          createdById: ctx.user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: referrals.id, version: referrals.version });
      if (!created) throw new Error("insert returned no row");
      await tx.insert(referralEvents).values({ referralId: created.id, fromStatus: null, toStatus: "draft", at: now, byId: ctx.user.id });
      // The reason is clinical: it stays on the referral, not in the audit trail.
      await recordAudit(tx, {
        ...actor(ctx),
        action: "referral.create",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "referral",
        entityId: created.id,
        detail: { serviceId: service.id, category: service.category, urgency: input.urgency, personAgreed: input.personAgreed, healthCheckId },
      });
      if (!input.send) return { id: created.id, status: "draft" as const };
      const sent = await applyReferralStep(tx, ctx, { referral: { id: created.id, personId: person.id, siteId: person.siteId, status: "draft", version: created.version }, event: "send", now });
      return { id: created.id, status: sent.to };
    });
  });
}

/** A referral at the user's sites (the person too), or not found, audited as `action`. */
async function referralInScope(ctx: Ctx, referralId: string, action: string) {
  const [row] = UUID_PATTERN.test(referralId)
    ? await ctx.db
        .select({
          id: referrals.id,
          personId: referrals.personId,
          siteId: referrals.siteId,
          personSiteId: people.siteId,
          serviceId: referrals.serviceId,
          status: referrals.status,
          version: referrals.version,
          personAgreed: referrals.personAgreed,
          firstAppointmentId: referrals.firstAppointmentId,
        })
        .from(referrals)
        .innerJoin(people, eq(people.id, referrals.personId))
        .where(and(eq(referrals.id, referralId), inArray(referrals.siteId, siteScope(ctx)), inArray(people.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, action, "referral", referralId);
  return row;
}

/** What each step needs beyond the lifecycle table; checked here too, as this is callable without the form. */
function requireStepFields(input: TransitionReferralInput): void {
  if (input.event === "reject" && !input.rejectionReason?.trim()) throw new ValidationError({ rejectionReason: referralMessages.rejectionReason });
  if (input.event === "close") {
    if (!input.closureReason) throw new ValidationError({ closureReason: referralMessages.closureReason });
    if (input.closureReason === "other" && !input.note?.trim()) throw new ValidationError({ note: referralMessages.closureNoteForOther });
  }
  if (input.event === "book_first_appointment" && !input.appointment) throw new ValidationError({ appointmentDate: messages.required("the date of the first appointment") });
}

function firstAppointmentStart(appointment: { date: string; time: string }, now: Date): Date {
  const startsAt = londonToUtc(appointment.date, appointment.time);
  if (!startsAt) throw new ValidationError({ appointmentTime: messages.timeNotExists });
  // A first appointment the service booked may already be in the past by the time it is recorded.
  if (startsAt.getTime() - now.getTime() > TWO_YEARS_MS) throw new ValidationError({ appointmentDate: referralMessages.appointmentTooFar });
  return startsAt;
}

/**
 * Moves a referral one step along its lifecycle (domain/referral-lifecycle.ts). A step that is not
 * allowed from the current status is refused with a form error and changes nothing; a stale
 * version gets the conflict message. Booking the first appointment puts a health appointment on
 * the person's timeline; recording attendance (or not) records that appointment's outcome too.
 */
export async function transitionReferral({ ctx, input, now = new Date() }: { ctx: Ctx; input: TransitionReferralInput; now?: Date }): Promise<{ referralId: string; status: ReferralStatus }> {
  const action = `referral.${input.event}`;
  await assertCan(ctx, "referral:write", action);
  const referral = await referralInScope(ctx, input.referralId, action);
  if (referral.version !== input.version) throw new ConflictError(messages.conflict);
  const forStep = { id: referral.id, personId: referral.personId, siteId: referral.siteId, status: referral.status, version: referral.version };
  const note = input.note?.trim() || null;

  // A step out of order is refused before anything else is looked at (and again inside the update).
  const step = transition(referral.status, input.event);
  if (!step.ok) throw new ValidationError({ event: step.message });
  requireStepFields(input);

  switch (input.event) {
    case "send": {
      const agreed = referral.personAgreed || input.personAgreed === true;
      if (!agreed) throw new ValidationError({ personAgreed: referralMessages.agreeBeforeSending });
      if (!(await activeServiceAt(ctx.db, ctx, referral.serviceId, referral.siteId))) throw new ConflictError(referralMessages.serviceInactive);
      const person = { id: referral.personId, siteId: referral.siteId };
      return writeWithHubCareConsent(ctx, person, { action, entityType: "referral" }, async (tx) => {
        const done = await applyReferralStep(tx, ctx, { referral: forStep, event: "send", now, note, set: referral.personAgreed ? undefined : { personAgreed: true } });
        return { referralId: referral.id, status: done.to };
      });
    }

    case "book_first_appointment": {
      if (!input.appointment) throw new ValidationError({ appointmentDate: messages.required("the date of the first appointment") });
      const startsAt = firstAppointmentStart(input.appointment, now);
      return ctx.db.transaction(async (tx) => {
        const [booked] = await tx
          .insert(appointments)
          .values({
            personId: referral.personId,
            siteId: referral.personSiteId,
            kind: "health",
            type: "referral_first_appointment",
            startsAt,
            clinicianAttends: false,
            createdById: ctx.user.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: appointments.id });
        if (!booked) throw new Error("insert returned no row");
        const done = await applyReferralStep(tx, ctx, {
          referral: forStep,
          event: "book_first_appointment",
          now,
          note,
          set: { firstAppointmentId: booked.id },
          auditDetail: { appointmentId: booked.id, replacesAppointmentId: referral.firstAppointmentId },
        });
        await recordAudit(tx, {
          ...actor(ctx),
          action: "appointment.create",
          outcome: "success",
          personId: referral.personId,
          siteId: referral.personSiteId,
          entityType: "appointment",
          entityId: booked.id,
          detail: { kind: "health", type: "referral_first_appointment", startsAt: startsAt.toISOString(), referralId: referral.id },
        });
        return { referralId: referral.id, status: done.to };
      });
    }

    case "record_attended":
    case "record_did_not_attend": {
      const appointmentId = referral.firstAppointmentId;
      const [appointment] = appointmentId
        ? await ctx.db.select({ id: appointments.id, startsAt: appointments.startsAt, siteId: appointments.siteId }).from(appointments).where(and(eq(appointments.id, appointmentId), inArray(appointments.siteId, siteScope(ctx)))).limit(1)
        : [];
      if (!appointment) throw new ConflictError(referralMessages.noFirstAppointment);
      if (appointment.startsAt.getTime() > now.getTime()) throw new ValidationError({ event: messages.outcomeFuture });
      const outcome = input.event === "record_attended" ? ("attended" as const) : ("dna_unacceptable" as const);
      return ctx.db.transaction(async (tx) => {
        const done = await applyReferralStep(tx, ctx, {
          referral: forStep,
          event: input.event,
          now,
          note,
          attendedAt: appointment.startsAt,
          auditDetail: { appointmentId: appointment.id },
        });
        // The appointment's own outcome, unless someone already recorded one on the appointment page.
        const recorded = await tx
          .update(appointments)
          .set({ outcome, outcomeRecordedAt: now, outcomeRecordedById: ctx.user.id, updatedAt: now, version: sql`${appointments.version} + 1` })
          .where(and(eq(appointments.id, appointment.id), isNull(appointments.outcome)))
          .returning({ id: appointments.id });
        if (recorded.length) {
          await recordAudit(tx, {
            ...actor(ctx),
            action: "appointment.record-outcome",
            outcome: "success",
            personId: referral.personId,
            siteId: appointment.siteId,
            entityType: "appointment",
            entityId: appointment.id,
            detail: { outcome, referralId: referral.id },
          });
        }
        return { referralId: referral.id, status: done.to };
      });
    }

    case "accept":
    case "reject":
    case "complete":
    case "close":
      return ctx.db.transaction(async (tx) => {
        const done = await applyReferralStep(tx, ctx, {
          referral: forStep,
          event: input.event,
          now,
          note,
          closureReason: input.event === "close" ? input.closureReason : null,
          set: input.event === "reject" ? { rejectionReason: input.rejectionReason?.trim() ?? null } : undefined,
        });
        return { referralId: referral.id, status: done.to };
      });
  }
}
