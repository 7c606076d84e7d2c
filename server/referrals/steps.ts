import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { referralEvents, referrals } from "@/db/schema";
import { messages } from "@/domain/messages";
import { transition, type ReferralEvent } from "@/domain/referral-lifecycle";
import type { ClosureReason, ReferralStatus } from "@/domain/referrals";
import type { Ctx } from "../context";
import { actor } from "../authz";
import { recordAudit } from "../audit/record";
import { ConflictError, ValidationError } from "../errors";

export type ReferralForStep = { id: string; personId: string; siteId: string; status: ReferralStatus; version: number };

export type StepOptions = {
  referral: ReferralForStep;
  event: ReferralEvent;
  now: Date;
  note?: string | null;
  closureReason?: ClosureReason | null;
  /** When the person attended (the appointment's start), for record_attended. */
  attendedAt?: Date;
  /** Other columns this step changes on the referral (the first appointment, the rejection reason...). */
  set?: Partial<Pick<typeof referrals.$inferInsert, "firstAppointmentId" | "rejectionReason" | "personAgreed">>;
  /** Extra, non-clinical audit detail (ids, never notes or reasons). */
  auditDetail?: Record<string, unknown>;
};

/**
 * Each step's time on the referral row: the pilot measures time to acceptance and to first
 * attendance. A rebooked first appointment keeps the first booking time; first attendance is the
 * time of the appointment attended.
 */
function stepTimes(event: ReferralEvent, now: Date, attendedAt: Date | undefined) {
  switch (event) {
    case "send":
      return { sentAt: now };
    case "accept":
      return { respondedAt: now, acceptedAt: now };
    case "reject":
      return { respondedAt: now, endedAt: now };
    case "book_first_appointment":
      return { appointmentBookedAt: sql`coalesce(${referrals.appointmentBookedAt}, ${now.toISOString()}::timestamptz)` };
    case "record_attended":
      return { firstAttendedAt: sql`coalesce(${referrals.firstAttendedAt}, ${(attendedAt ?? now).toISOString()}::timestamptz)` };
    case "record_did_not_attend":
      return {};
    case "complete":
    case "close":
      return { endedAt: now };
  }
}

/**
 * Moves a referral one step, in the caller's transaction: the domain table decides whether the
 * step is allowed, the update only applies to the version and status that were read (so of two
 * people moving the same referral at once exactly one wins), and the history row and the audit row
 * are written with it. Returns the new version.
 */
export async function applyReferralStep(tx: Executor, ctx: Ctx, options: StepOptions): Promise<{ to: ReferralStatus; version: number }> {
  const { referral, event, now } = options;
  const step = transition(referral.status, event);
  if (!step.ok) throw new ValidationError({ event: step.message });

  const [updated] = await tx
    .update(referrals)
    .set({
      ...options.set,
      ...stepTimes(event, now, options.attendedAt),
      ...(event === "close" ? { closureReason: options.closureReason ?? null } : {}),
      status: step.to,
      updatedAt: now,
      version: sql`${referrals.version} + 1`,
    })
    .where(and(eq(referrals.id, referral.id), eq(referrals.version, referral.version), eq(referrals.status, referral.status)))
    .returning({ version: referrals.version });
  if (!updated) throw new ConflictError(messages.conflict);

  await tx.insert(referralEvents).values({ referralId: referral.id, fromStatus: referral.status, toStatus: step.to, at: now, byId: ctx.user.id, note: options.note ?? null });
  await recordAudit(tx, {
    ...actor(ctx),
    action: `referral.${event}`,
    outcome: "success",
    personId: referral.personId,
    siteId: referral.siteId,
    entityType: "referral",
    entityId: referral.id,
    detail: { from: referral.status, to: step.to, version: updated.version, ...(options.closureReason ? { closureReason: options.closureReason } : {}), ...options.auditDetail },
  });
  return { to: step.to, version: updated.version };
}
