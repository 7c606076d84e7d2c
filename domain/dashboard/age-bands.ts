/** Age bands for the fairness breakdowns, by age on the day the person enrolled. */
import { ageOn } from "../dates";

export const ageBands = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"] as const;
export type AgeBand = (typeof ageBands)[number];

export const ageBandLabels: Record<AgeBand, string> = {
  under_18: "Under 18",
  "18_24": "18 to 24",
  "25_34": "25 to 34",
  "35_44": "35 to 44",
  "45_54": "45 to 54",
  "55_64": "55 to 64",
  "65_plus": "65 and over",
};

/**
 * Probation supervision here is for adults, so "Under 18" should stay empty; it exists so that a
 * date of birth typed wrongly is counted somewhere visible rather than quietly put in 18 to 24.
 */
export function ageBand(age: number): AgeBand {
  if (age < 18) return "under_18";
  if (age <= 24) return "18_24";
  if (age <= 34) return "25_34";
  if (age <= 44) return "35_44";
  if (age <= 54) return "45_54";
  if (age <= 64) return "55_64";
  return "65_plus";
}

export function ageBandOn(dateOfBirth: string, on: string): AgeBand {
  return ageBand(ageOn(dateOfBirth, on));
}
