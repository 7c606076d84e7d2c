import { z } from "zod";
import { closureReasons, referralUrgencies, type ClosureReason } from "../referrals";
import { referralEvents, type ReferralEvent } from "../referral-lifecycle";
import { messages, referralMessages as m } from "../messages";
import { combineDateParts, dateField, idempotencyKeyField, optionalText, optionalUuid, text, versionField } from "./fields";

const stringOrBlank = (v: unknown) => (typeof v === "string" ? v : "");
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** A yes/no radio that must be answered: "yes"/"no" from the form, true/false after parsing. */
const yesNo = (error: string) => z.preprocess((v) => (v === "yes" ? true : v === "no" ? false : v === true || v === false ? v : undefined), z.boolean({ error }));

const timeField = z
  .preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().min(1, messages.required("a time")).regex(/^([01]?\d|2[0-3]):[0-5]\d$/, messages.timeFormat))
  .transform((v) => v.padStart(5, "0"));

/**
 * A new referral. The form has two buttons, "Send referral" (send=yes) and "Save as draft"
 * (send=no); a referral may only be sent once the person has agreed to it.
 */
export const createReferralSchema = z
  .object({
    idempotencyKey: idempotencyKeyField,
    personId: z.uuid(),
    serviceId: z.preprocess(stringOrBlank, z.uuid({ error: m.chooseService })),
    reason: text("the reason for the referral", 2000),
    urgency: z.preprocess(stringOrBlank, z.enum(referralUrgencies, { error: m.urgency })),
    personAgreed: yesNo(m.personAgreed),
    healthCheckId: optionalUuid,
    send: z.preprocess((v) => v === "yes" || v === true, z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.send && !v.personAgreed) ctx.addIssue({ code: "custom", path: ["personAgreed"], message: m.agreeBeforeSending });
  });
export type CreateReferralInput = Omit<z.output<typeof createReferralSchema>, "healthCheckId"> & { healthCheckId?: string | null };
export const createReferralFieldOrder = ["serviceId", "reason", "urgency", "personAgreed"];

/** One step in a referral's life (domain/referral-lifecycle.ts), with what that step needs. */
export type TransitionReferralInput = {
  referralId: string;
  version: number;
  event: ReferralEvent;
  note?: string | null;
  closureReason?: ClosureReason | null;
  rejectionReason?: string | null;
  /** Only for sending a draft saved before the person agreed: they have agreed now. */
  personAgreed?: boolean | null;
  appointment?: { date: string; time: string } | null;
};

export const transitionReferralSchema = z.preprocess(
  combineDateParts(["appointmentDate"]),
  z
    .object({
      referralId: z.uuid(),
      version: versionField,
      event: z.preprocess(stringOrBlank, z.enum(referralEvents, { error: m.chooseEvent })),
      note: optionalText(1000),
      closureReason: z.preprocess(blankToUndefined, z.enum(closureReasons, { error: m.closureReason }).optional()),
      rejectionReason: optionalText(500),
      personAgreed: z.preprocess((v) => (v === "yes" ? true : v === "no" ? false : undefined), z.boolean().optional()),
      appointmentDate: z.string().optional(),
      appointmentTime: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.event === "reject" && !v.rejectionReason) ctx.addIssue({ code: "custom", path: ["rejectionReason"], message: m.rejectionReason });
      if (v.event === "close") {
        if (!v.closureReason) ctx.addIssue({ code: "custom", path: ["closureReason"], message: m.closureReason });
        else if (v.closureReason === "other" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: m.closureNoteForOther });
      }
      if (v.event === "book_first_appointment") {
        const date = dateField("the date of the first appointment").safeParse(v.appointmentDate);
        if (!date.success) ctx.addIssue({ code: "custom", path: ["appointmentDate"], message: date.error.issues[0]?.message ?? messages.dateReal });
        const time = timeField.safeParse(v.appointmentTime);
        if (!time.success) ctx.addIssue({ code: "custom", path: ["appointmentTime"], message: time.error.issues[0]?.message ?? messages.timeFormat });
      }
    })
    .transform(
      (v): TransitionReferralInput => ({
        referralId: v.referralId,
        version: v.version,
        event: v.event,
        note: v.note,
        closureReason: v.event === "close" ? (v.closureReason ?? null) : null,
        rejectionReason: v.event === "reject" ? v.rejectionReason : null,
        personAgreed: v.event === "send" ? (v.personAgreed ?? null) : null,
        appointment:
          v.event === "book_first_appointment" && v.appointmentDate && v.appointmentTime
            ? { date: v.appointmentDate, time: v.appointmentTime.trim().padStart(5, "0") }
            : null,
      }),
    ),
);
export const transitionReferralFieldOrder = ["event", "personAgreed", "rejectionReason", "appointmentDate", "appointmentTime", "closureReason", "note"];
