/** The groups the fairness breakdowns compare (DOMAIN.md: by age band, sex, ethnicity, neurodivergence). */
import { parseAnswerSection } from "../health-check";
import { ethnicGroupLabels, ethnicGroups, sexLabels, sexesRegisteredAtGp } from "../people";
import { neurodivergentConditions } from "../questionnaires";
import { conditionKey } from "../schemas/health-check";
import { ageBandLabels, ageBands } from "./age-bands";

export const neurodivergenceGroups = ["any", "none", "unknown"] as const;
export type NeurodivergenceGroup = (typeof neurodivergenceGroups)[number];
export const neurodivergenceLabels: Record<NeurodivergenceGroup, string> = {
  any: "At least one condition (self-declared or confirmed)",
  none: "No condition recorded",
  unknown: "Not known (no completed health check)",
};

/**
 * From the answers of the person's latest completed health check (null: none): "any" when a
 * condition is marked self-declared or confirmed, "none" when every condition was answered and none
 * is marked, otherwise "unknown".
 */
export function neurodivergenceFrom(latestCompletedAnswers: unknown | null): NeurodivergenceGroup {
  if (latestCompletedAnswers === null) return "unknown";
  const n = parseAnswerSection(latestCompletedAnswers, "neurodiversity");
  const answers = neurodivergentConditions.map((c) => n[conditionKey(c)]);
  if (answers.some((a) => a === "self_declared" || a === "confirmed")) return "any";
  return answers.every((a) => a === "not_recorded") ? "none" : "unknown";
}

export const fairnessDimensions = ["age", "sex", "ethnicity", "neurodivergence"] as const;
export type FairnessDimension = (typeof fairnessDimensions)[number];

export const fairnessDimensionLabels: Record<FairnessDimension, { title: string; rowHeading: string }> = {
  age: { title: "age band (age at enrolment)", rowHeading: "Age band" },
  sex: { title: "sex registered at GP", rowHeading: "Sex registered at GP" },
  ethnicity: { title: "ethnic group", rowHeading: "Ethnic group" },
  neurodivergence: { title: "neurodivergence", rowHeading: "Neurodivergence" },
};

/** Every group of a dimension, in the order tables list them. */
export const fairnessGroups: Record<FairnessDimension, readonly { key: string; label: string }[]> = {
  age: ageBands.map((b) => ({ key: b, label: ageBandLabels[b] })),
  sex: sexesRegisteredAtGp.map((s) => ({ key: s, label: sexLabels[s] })),
  ethnicity: ethnicGroups.map((e) => ({ key: e, label: ethnicGroupLabels[e] })),
  neurodivergence: neurodivergenceGroups.map((g) => ({ key: g, label: neurodivergenceLabels[g] })),
};
