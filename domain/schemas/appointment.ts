import { z } from "zod";
import { appointmentKinds, appointmentOutcomes, allAppointmentTypes, appointmentTypes } from "../appointments";
import { messages } from "../messages";
import { checkbox, choice, combineDateParts, dateField, idempotencyKeyField, optionalText, uuidField, versionField } from "./fields";

const timeField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : ""),
  z.string().min(1, messages.required("a time")).regex(/^([01]?\d|2[0-3]):[0-5]\d$/, messages.timeFormat),
).transform((v) => v.padStart(5, "0"));

export const bookAppointmentSchema = z
  .preprocess(
    combineDateParts(["date"]),
    z.object({
      idempotencyKey: idempotencyKeyField,
      personId: z.uuid(),
      kind: choice(appointmentKinds, "the kind of appointment"),
      type: choice(allAppointmentTypes, "the type of appointment"),
      siteId: uuidField("a site"),
      date: dateField("the date"),
      time: timeField,
      durationMinutes: z.coerce.number({ error: "Enter the length in minutes" }).int("Enter the length in whole minutes").min(5, "Length must be at least 5 minutes").max(480, "Length must be 8 hours or less"),
      clinicianAttends: checkbox,
    }),
  )
  .superRefine((v, ctx) => {
    // A referral's first appointment is booked from the referral, never by hand.
    if (!(appointmentTypes[v.kind] as readonly string[]).includes(v.type) || v.type === "referral_first_appointment") {
      ctx.addIssue({ code: "custom", path: ["type"], message: `Select a type that fits a ${v.kind === "health" ? "health hub" : "probation"} appointment` });
    }
  });
export type BookAppointmentInput = z.output<typeof bookAppointmentSchema>;
export const bookAppointmentFieldOrder = ["kind", "type", "siteId", "date", "time", "durationMinutes", "clinicianAttends"];

export const recordOutcomeSchema = z.preprocess(
  combineDateParts(["newDate"]),
  z
    .object({
      appointmentId: z.uuid(),
      version: versionField,
      idempotencyKey: idempotencyKeyField,
      outcome: choice(appointmentOutcomes, "what happened"),
      note: optionalText(500),
      newDate: z.string().optional(),
      newTime: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.outcome !== "rescheduled") return;
      const date = dateField("the new date").safeParse(v.newDate);
      if (!date.success) ctx.addIssue({ code: "custom", path: ["newDate"], message: date.error.issues[0]?.message ?? messages.dateReal });
      const time = timeField.safeParse(v.newTime);
      if (!time.success) ctx.addIssue({ code: "custom", path: ["newTime"], message: time.error.issues[0]?.message ?? messages.timeFormat });
    }),
);
export type RecordOutcomeInput = z.output<typeof recordOutcomeSchema>;
export const recordOutcomeFieldOrder = ["outcome", "newDate", "newTime", "note"];
