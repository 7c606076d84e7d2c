import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { referrals } from "@/db/schema";
import { isDidNotAttend, type AppointmentOutcome, type AppointmentType } from "@/domain/appointments";
import { messages } from "@/domain/messages";
import type { Ctx } from "../context";
import { actor } from "../authz";
import { recordAudit } from "../audit/record";
import { ConflictError } from "../errors";
import { applyReferralStep } from "./steps";

/**
 * Called by recordOutcome, in its transaction, after an appointment's outcome is saved. When the
 * appointment is the first appointment of a referral waiting on it (status appointment_booked),
 * attendance moves the referral to attended and a missed appointment to did not attend, with a
 * history row and an audit row. A rescheduled first appointment passes the link to its
 * replacement. Any other appointment, or outcome, leaves referrals alone.
 *
 * The referral is found through the appointment, which recordOutcome has already found at the
 * user's sites, so no second site check is made here.
 */
export async function followFirstAppointmentOutcome(
  tx: Executor,
  ctx: Ctx,
  { appointment, outcome, replacementId, now }: { appointment: { id: string; type: AppointmentType; startsAt: Date }; outcome: AppointmentOutcome; replacementId?: string; now: Date },
): Promise<void> {
  if (appointment.type !== "referral_first_appointment") return;
  const [referral] = await tx
    .select({ id: referrals.id, personId: referrals.personId, siteId: referrals.siteId, status: referrals.status, version: referrals.version })
    .from(referrals)
    .where(and(eq(referrals.firstAppointmentId, appointment.id), eq(referrals.status, "appointment_booked")))
    .limit(1);
  if (!referral) return;

  const event = outcome === "attended" || outcome === "attended_late" ? "record_attended" : isDidNotAttend(outcome) ? "record_did_not_attend" : null;
  if (event) {
    await applyReferralStep(tx, ctx, {
      referral,
      event,
      now,
      attendedAt: appointment.startsAt,
      note: "Recorded from the appointment's outcome",
      auditDetail: { appointmentId: appointment.id, via: "appointment.record-outcome", appointmentOutcome: outcome },
    });
    return;
  }
  if (outcome === "rescheduled" && replacementId) {
    const [moved] = await tx
      .update(referrals)
      .set({ firstAppointmentId: replacementId, updatedAt: now, version: sql`${referrals.version} + 1` })
      .where(and(eq(referrals.id, referral.id), eq(referrals.version, referral.version)))
      .returning({ version: referrals.version });
    if (!moved) throw new ConflictError(messages.conflict);
    await recordAudit(tx, {
      ...actor(ctx),
      action: "referral.first-appointment-rescheduled",
      outcome: "success",
      personId: referral.personId,
      siteId: referral.siteId,
      entityType: "referral",
      entityId: referral.id,
      detail: { from: appointment.id, to: replacementId, version: moved.version },
    });
  }
}
