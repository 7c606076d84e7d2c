import { z } from "zod";
import { isRealDate, todayInLondon } from "../dates";
import { consentDecisions, consentKinds, consentMethods } from "../health";
import { healthRecordMessages } from "../messages";
import { choice, combineDateParts, dateField, idempotencyKeyField, text, versionField } from "./fields";

/*
 * Dates on the health record's forms (consent, GP registration, screening). They sit here, beside
 * the first form that needs them, because the three schema files share them; they would fit in
 * fields.ts just as well.
 */

const capitalised = (what: string) => `${what[0]?.toUpperCase()}${what.slice(1)}`;

/** A required three-field date that is today or earlier (London). */
export const pastDateField = (what: string) =>
  dateField(what).superRefine((iso, ctx) => {
    if (isRealDate(iso) && iso > todayInLondon()) ctx.addIssue({ code: "custom", message: healthRecordMessages.notInFuture(capitalised(what)) });
  });

/**
 * An optional three-field date: null when all three are blank. `future: false` refuses a date
 * after today (London).
 */
export const optionalDateField = (what: string, { future }: { future: boolean }) =>
  z
    .preprocess((v) => (typeof v === "string" ? v : ""), z.string())
    .superRefine((iso, ctx) => {
      if (iso === "") return;
      if (!isRealDate(iso)) ctx.addIssue({ code: "custom", message: `${capitalised(what)} must be a real date` });
      else if (!future && iso > todayInLondon()) ctx.addIssue({ code: "custom", message: healthRecordMessages.notInFuture(capitalised(what)) });
    })
    .transform((iso) => (iso === "" ? null : iso));

/** Form values for a three-field date: `1990-03-07` -> { xDay: "7", xMonth: "3", xYear: "1990" }. */
export function datePartValues(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso || !isRealDate(iso)) return {};
  const [year = "", month = "", day = ""] = iso.split("-");
  return { [`${name}Day`]: String(Number(day)), [`${name}Month`]: String(Number(month)), [`${name}Year`]: year };
}

/** A consent conversation: recording one needs no earlier consent, it is the consent itself. */
export const recordConsentSchema = z.preprocess(
  combineDateParts(["decidedOn"]),
  z.object({
    idempotencyKey: idempotencyKeyField,
    personId: z.uuid(),
    kind: choice(consentKinds, "what the consent is for"),
    decision: choice(consentDecisions, "whether the person gave or refused consent"),
    decidedOn: pastDateField("the date of the conversation"),
    informationVersion: text("the version of the information given", 100),
    method: choice(consentMethods, "how the decision was made"),
  }),
);
export type RecordConsentInput = z.output<typeof recordConsentSchema>;
export const recordConsentFieldOrder = ["kind", "decision", "decidedOn", "informationVersion", "method"];

/** Withdrawal is dated on the consent it withdraws and takes effect at once; the date may not be before the consent's. */
export const withdrawConsentSchema = z.preprocess(
  combineDateParts(["withdrawnOn"]),
  z.object({
    personId: z.uuid(),
    consentId: z.uuid(),
    version: versionField,
    withdrawnOn: pastDateField("the date of withdrawal"),
  }),
);
export type WithdrawConsentInput = z.output<typeof withdrawConsentSchema>;
export const withdrawConsentFieldOrder = ["withdrawnOn"];
