import { z } from "zod";
import { isRealDate } from "../dates";
import { gpBarriers, gpRegistrationTypes, gpStatuses, type GpBarrier, type GpRegistrationType } from "../health";
import { healthRecordMessages, messages } from "../messages";
import { isValidOdsCode } from "../ods-code";
import { optionalDateField } from "./consent";
import { choice, combineDateParts, idempotencyKeyField, optionalText } from "./fields";

export const gpRegistrationTypeLabels: Record<GpRegistrationType, string> = {
  permanent: "Permanent",
  temporary: "Temporary resident",
};

const isDate = (v: unknown): v is string => typeof v === "string" && isRealDate(v);
const isGpBarrier = (v: string): v is GpBarrier => (gpBarriers as readonly string[]).includes(v);

/**
 * Barrier checkboxes all named `barriers`: the server receives one string (one ticked) or an array
 * (several), react-hook-form an array, or false when none is ticked.
 */
const barriers = z.preprocess(
  (v) => (Array.isArray(v) ? v : [v]).filter((b): b is string => typeof b === "string" && b !== ""),
  z
    .array(z.string())
    .refine((list) => list.every(isGpBarrier), healthRecordMessages.barrierUnknown)
    .transform((list) => gpBarriers.filter((b) => list.includes(b))),
);

const odsCode = z
  .preprocess((v) => (typeof v === "string" ? v.replace(/\s+/g, "").toUpperCase() : ""), z.string())
  .refine((v) => v === "" || isValidOdsCode(v), healthRecordMessages.odsFormat)
  .transform((v) => (v === "" ? null : v));

const registrationType = z
  .preprocess((v) => (typeof v === "string" ? v : ""), z.union([z.literal(""), z.enum(gpRegistrationTypes)], { error: messages.choose("permanent or temporary") }))
  .transform((v) => (v === "" ? null : v));

/**
 * One change to a person's GP registration; each save is a new row in the history. A registered
 * person needs the practice (name and ODS code) and the date they registered.
 */
export const recordGpRegistrationSchema = z.preprocess(
  combineDateParts(["supportStartedOn", "registeredOn"]),
  z
    .object({
      idempotencyKey: idempotencyKeyField,
      personId: z.uuid(),
      // How many changes the history held when the form was opened: the history's version.
      version: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(0).optional()),
      status: choice(gpStatuses, "whether the person is registered with a GP"),
      practiceName: optionalText(200),
      odsCode,
      registrationType,
      supportStartedOn: optionalDateField("the date support started", { future: false }),
      registeredOn: optionalDateField("the date registered", { future: false }),
      barriers,
      note: optionalText(1000),
    })
    .superRefine(
      (v, ctx) => {
        // Runs even when another field is wrong (so every error shows at once): read values defensively.
        if (v.status === "registered") {
          if (!v.practiceName) ctx.addIssue({ code: "custom", path: ["practiceName"], message: messages.required("the name of the GP practice") });
          if (v.odsCode === null) ctx.addIssue({ code: "custom", path: ["odsCode"], message: messages.required("the practice's ODS code") });
          if (v.registeredOn === null) ctx.addIssue({ code: "custom", path: ["registeredOn"], message: messages.required("the date registered") });
        } else if (typeof v.status === "string" && isDate(v.registeredOn)) {
          ctx.addIssue({ code: "custom", path: ["registeredOn"], message: healthRecordMessages.registeredOnOnlyIfRegistered });
        }
        if (isDate(v.supportStartedOn) && isDate(v.registeredOn) && v.registeredOn < v.supportStartedOn) {
          ctx.addIssue({ code: "custom", path: ["registeredOn"], message: healthRecordMessages.registeredBeforeSupport });
        }
      },
      { when: () => true },
    )
    // Permanent or temporary describes a registration: it has no meaning otherwise.
    .transform((v) => (v.status === "registered" ? v : { ...v, registrationType: null })),
);
export type RecordGpRegistrationInput = z.output<typeof recordGpRegistrationSchema>;
export const recordGpRegistrationFieldOrder = ["status", "practiceName", "odsCode", "registrationType", "supportStartedOn", "registeredOn", "barriers", "note"];
