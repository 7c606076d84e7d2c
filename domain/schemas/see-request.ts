import { z } from "zod";
import { seeRequestReasons } from "../referrals";
import { referralMessages as m } from "../messages";
import { idempotencyKeyField, optionalText, versionField } from "./fields";

/** A probation officer asks the hub to see someone: a reason from the list, in probation's words. */
export const createSeeRequestSchema = z.object({
  idempotencyKey: idempotencyKeyField,
  personId: z.uuid(),
  reason: z.preprocess((v) => (typeof v === "string" ? v : ""), z.enum(seeRequestReasons, { error: m.seeRequestReason })),
  note: optionalText(500),
});
export type CreateSeeRequestInput = z.output<typeof createSeeRequestSchema>;
export const createSeeRequestFieldOrder = ["reason", "note"];

/** How the hub answers: it saw the person, or it closes the request without seeing them. */
export const seeRequestOutcomes = ["seen", "closed"] as const;
export type SeeRequestOutcome = (typeof seeRequestOutcomes)[number];
export const seeRequestOutcomeLabels: Record<SeeRequestOutcome, string> = {
  seen: "The hub has seen the person",
  closed: "Close the request without seeing them",
};

export const handleSeeRequestSchema = z.object({
  seeRequestId: z.uuid(),
  version: versionField,
  status: z.preprocess((v) => (typeof v === "string" ? v : ""), z.enum(seeRequestOutcomes, { error: m.seeRequestOutcome })),
});
export type HandleSeeRequestInput = z.output<typeof handleSeeRequestSchema>;
export const handleSeeRequestFieldOrder = ["status"];
