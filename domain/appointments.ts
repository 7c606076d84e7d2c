export const appointmentKinds = ["probation", "health"] as const;
export type AppointmentKind = (typeof appointmentKinds)[number];
export const appointmentKindLabels: Record<AppointmentKind, string> = {
  probation: "Probation appointment",
  health: "Health hub appointment",
};

export const appointmentTypes = {
  probation: ["induction", "supervision", "home_visit", "review"],
  health: ["health_check", "follow_up", "gp_registration_support", "screening_support", "referral_first_appointment"],
} as const satisfies Record<AppointmentKind, readonly string[]>;
export type AppointmentType = (typeof appointmentTypes)[AppointmentKind][number];
export const allAppointmentTypes = [...appointmentTypes.probation, ...appointmentTypes.health] as const;
export const appointmentTypeLabels: Record<AppointmentType, string> = {
  induction: "Induction",
  supervision: "Supervision",
  home_visit: "Home visit",
  review: "Review",
  health_check: "Health check",
  follow_up: "Health follow-up",
  gp_registration_support: "GP registration support",
  screening_support: "Screening support",
  referral_first_appointment: "First appointment from a referral",
};

export const appointmentOutcomes = [
  "attended",
  "attended_late",
  "dna_acceptable",
  "dna_unacceptable",
  "cancelled",
  "rescheduled",
] as const;
export type AppointmentOutcome = (typeof appointmentOutcomes)[number];
export const outcomeLabels: Record<AppointmentOutcome, string> = {
  attended: "Attended",
  attended_late: "Attended late",
  dna_acceptable: "Did not attend: acceptable absence",
  dna_unacceptable: "Did not attend: unacceptable absence",
  cancelled: "Cancelled",
  rescheduled: "Rescheduled",
};

/** Outcomes that say the person was (or was not) there, so they cannot be recorded before the start time. */
export function outcomeNeedsStartedAppointment(outcome: AppointmentOutcome): boolean {
  return outcome !== "cancelled" && outcome !== "rescheduled";
}

export function isDidNotAttend(outcome: AppointmentOutcome | null): boolean {
  return outcome === "dna_acceptable" || outcome === "dna_unacceptable";
}
