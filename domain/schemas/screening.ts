import { z } from "zod";
import { isRealDate } from "../dates";
import { recordedScreeningStatuses, screeningProgrammes, type RecordedScreeningStatus } from "../health";
import { healthRecordMessages, messages } from "../messages";
import { optionalDateField } from "./consent";
import { choice, combineDateParts, idempotencyKeyField, optionalText } from "./fields";

/** The date that goes with each recorded status, and how the form asks for it. */
export const screeningStatusDates = {
  discussed: { field: "discussedOn", label: "Date discussed", what: "the date discussed" },
  booked: { field: "bookedFor", label: "Date booked for", what: "the date booked for" },
  attended: { field: "attendedOn", label: "Date attended", what: "the date attended" },
  declined: { field: "declinedOn", label: "Date declined", what: "the date declined" },
  result_received: { field: "resultReceivedOn", label: "Date result received", what: "the date the result was received" },
} as const satisfies Record<RecordedScreeningStatus, { field: string; label: string; what: string }>;
export type ScreeningDateField = (typeof screeningStatusDates)[RecordedScreeningStatus]["field"];
export const screeningDateFields = recordedScreeningStatuses.map((s) => screeningStatusDates[s].field);

/** "none": the hub has done nothing yet, and the clinician is only recording the test history. */
export const NO_SCREENING_ACTION = "none";

const status = z
  .preprocess((v) => (typeof v === "string" ? v : ""), z.enum([NO_SCREENING_ACTION, ...recordedScreeningStatuses], { error: messages.choose("what the hub has done") }))
  .transform((v) => (v === NO_SCREENING_ACTION ? null : v));

/** Yes, no, or not known (the radio "unknown", or nothing chosen). */
const yesNoUnknown = z
  .preprocess((v) => (typeof v === "string" ? v : ""), z.enum(["", "yes", "no", "unknown"], { error: messages.choose("yes, no or not known") }))
  .transform((v) => (v === "yes" ? true : v === "no" ? false : null));

/**
 * What the hub has done about one screening programme for a person. Every stage keeps its own
 * date; the one for the status chosen is required. Only a booking may be in the future.
 * `version` is 0 when the person has no row for the programme yet.
 */
export const updateScreeningSchema = z.preprocess(
  combineDateParts([...screeningDateFields, "lastTestOn"]),
  z
    .object({
      personId: z.uuid(),
      programme: choice(screeningProgrammes, "a screening programme"),
      version: z.coerce.number().int().min(0),
      idempotencyKey: idempotencyKeyField,
      status,
      discussedOn: optionalDateField(screeningStatusDates.discussed.what, { future: false }),
      bookedFor: optionalDateField(screeningStatusDates.booked.what, { future: true }),
      attendedOn: optionalDateField(screeningStatusDates.attended.what, { future: false }),
      declinedOn: optionalDateField(screeningStatusDates.declined.what, { future: false }),
      resultReceivedOn: optionalDateField(screeningStatusDates.result_received.what, { future: false }),
      lastTestOn: optionalDateField("the date of the last test", { future: false }),
      lastResultHpvNegative: yesNoUnknown,
      note: optionalText(1000),
    })
    .superRefine(
      (v, ctx) => {
        // Runs even when another field is wrong (so every error shows at once): read values defensively.
        const s: unknown = v.status;
        const dated = recordedScreeningStatuses.find((r) => r === s);
        if (dated) {
          const { field, what } = screeningStatusDates[dated];
          if (v[field] === null) ctx.addIssue({ code: "custom", path: [field], message: messages.required(what) });
        }
        const attended: unknown = v.attendedOn;
        const result: unknown = v.resultReceivedOn;
        if (typeof attended === "string" && typeof result === "string" && isRealDate(attended) && isRealDate(result) && result < attended) {
          ctx.addIssue({ code: "custom", path: ["resultReceivedOn"], message: healthRecordMessages.resultBeforeAttended });
        }
      },
      { when: () => true },
    )
    // An HPV result belongs to cervical screening only.
    .transform((v) => (v.programme === "cervical" ? v : { ...v, lastResultHpvNegative: null })),
);
export type UpdateScreeningInput = z.output<typeof updateScreeningSchema>;
export const updateScreeningFieldOrder = ["status", ...screeningDateFields, "lastTestOn", "lastResultHpvNegative", "note"];
