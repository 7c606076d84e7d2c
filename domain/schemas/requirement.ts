import { z } from "zod";
import { isRealDate } from "../dates";
import { requirementMessages } from "../messages";
import { requirementKinds } from "../people";
import { requirementStatuses, type RequirementStatus } from "../referrals";
import { REQUIREMENT_MAX_MONTHS, REQUIREMENT_MIN_MONTHS, requirementProblems, type RequirementState } from "../requirements";
import { optionalDateField, pastDateField } from "./consent";
import { choice, combineDateParts, idempotencyKeyField, optionalText, text, versionField } from "./fields";

const dateFields = ["suitabilityAssessedOn", "madeOn", "treatmentStartedOn", "endedOn"];

/** Yes, no, or not answered yet. */
const suitable = z
  .preprocess((v) => (typeof v === "string" ? v : ""), z.enum(["", "yes", "no"], { error: requirementMessages.suitableNeeded }))
  .transform((v) => (v === "yes" ? true : v === "no" ? false : null));

const lengthMonths = z
  .preprocess((v) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : ""), z.string())
  .refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) >= REQUIREMENT_MIN_MONTHS && Number(v) <= REQUIREMENT_MAX_MONTHS), requirementMessages.lengthMonths)
  .transform((v) => (v === "" ? null : Number(v)));

// The note is seen by probation officers as well as clinicians: the form says so.
const details = {
  status: choice(requirementStatuses, "the status of the requirement"),
  suitabilityAssessedOn: optionalDateField("the date of the suitability assessment", { future: false }),
  suitable,
  madeOn: optionalDateField("the date the order was made", { future: false }),
  lengthMonths,
  provider: optionalText(200),
  treatmentStartedOn: optionalDateField("the date treatment started", { future: false }),
  endedOn: optionalDateField("the date completed or breached", { future: false }),
  note: optionalText(1000),
};

const isStatus = (v: unknown): v is RequirementStatus => typeof v === "string" && (requirementStatuses as readonly string[]).includes(v);
const date = (v: unknown) => (typeof v === "string" && isRealDate(v) ? v : null);

/**
 * The values as the consistency rules need them. The check runs even when another field is wrong
 * (so every error shows at once): a field that failed its own check is left out of the rules.
 */
function stateOf(v: Record<string, unknown>): RequirementState {
  return {
    status: isStatus(v.status) ? v.status : null,
    suitabilityAssessedOn: date(v.suitabilityAssessedOn),
    suitable: typeof v.suitable === "boolean" ? v.suitable : null,
    madeOn: date(v.madeOn),
    lengthMonths: typeof v.lengthMonths === "number" ? v.lengthMonths : null,
    provider: typeof v.provider === "string" && v.provider !== "" ? v.provider : null,
    treatmentStartedOn: date(v.treatmentStartedOn),
    endedOn: date(v.endedOn),
  };
}

function consistent(v: Record<string, unknown>, ctx: z.RefinementCtx) {
  for (const [field, message] of Object.entries(requirementProblems(stateOf(v)))) {
    ctx.addIssue({ code: "custom", path: [field], message });
  }
}

/** Adding a requirement: its kind and status, and whatever is known already. */
export const createRequirementSchema = z.preprocess(
  combineDateParts(dateFields),
  z
    .object({ idempotencyKey: idempotencyKeyField, personId: z.uuid(), kind: choice(requirementKinds, "the kind of requirement"), ...details })
    .superRefine(consistent, { when: () => true }),
);
export type CreateRequirementInput = z.output<typeof createRequirementSchema>;

/** Updating a requirement as it moves from assessment to order, start, and completion or breach. Its kind is fixed. */
export const updateRequirementSchema = z.preprocess(
  combineDateParts(dateFields),
  z
    .object({ personId: z.uuid(), requirementId: z.uuid(), version: versionField, ...details })
    .superRefine(consistent, { when: () => true }),
);
export type UpdateRequirementInput = z.output<typeof updateRequirementSchema>;

export const requirementFieldOrder = [
  "kind",
  "status",
  "suitabilityAssessedOn",
  "suitable",
  "madeOn",
  "lengthMonths",
  "provider",
  "treatmentStartedOn",
  "endedOn",
  "note",
];

/** A court review: its date and what the court decided. Carries the requirement's version, so a double submission records it once. */
export const recordReviewSchema = z.preprocess(
  combineDateParts(["reviewedOn"]),
  z.object({
    personId: z.uuid(),
    requirementId: z.uuid(),
    version: versionField,
    reviewedOn: pastDateField("the date of the review"),
    outcome: text("the outcome of the review", 500),
  }),
);
export type RecordReviewInput = z.output<typeof recordReviewSchema>;
export const recordReviewFieldOrder = ["reviewedOn", "outcome"];
