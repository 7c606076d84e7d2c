/** The vocabulary of the health record (DOMAIN.md): consent, health checks, alerts, GP registration, screening. */

export const consentKinds = ["hub_care", "share_with_probation", "evaluation"] as const;
export type ConsentKind = (typeof consentKinds)[number];
export const consentKindLabels: Record<ConsentKind, string> = {
  hub_care: "Care from the health hub",
  share_with_probation: "Sharing health status with probation",
  evaluation: "Use of data in the pilot evaluation",
};

export const consentDecisions = ["given", "refused"] as const;
export type ConsentDecision = (typeof consentDecisions)[number];

export const consentMethods = ["own_consent", "best_interests"] as const;
export type ConsentMethod = (typeof consentMethods)[number];
export const consentMethodLabels: Record<ConsentMethod, string> = {
  own_consent: "The person's own consent",
  best_interests: "Best-interests decision (Mental Capacity Act 2005)",
};

export const healthCheckSections = ["smoking", "alcohol", "drugs", "mood", "self_harm", "neurodiversity", "physical"] as const;
export type HealthCheckSection = (typeof healthCheckSections)[number];
export const healthCheckSectionLabels: Record<HealthCheckSection, string> = {
  smoking: "Smoking and vaping",
  alcohol: "Alcohol (AUDIT-C and AUDIT)",
  drugs: "Drug use",
  mood: "Mood and anxiety (PHQ-9 and GAD-7)",
  self_harm: "Self-harm and suicide",
  neurodiversity: "Neurodivergence, disability and adjustments",
  physical: "Physical health",
};

export const healthCheckStatuses = ["draft", "completed"] as const;
export type HealthCheckStatus = (typeof healthCheckStatuses)[number];

export const smokingStatuses = ["never", "ex", "current"] as const;
export type SmokingStatus = (typeof smokingStatuses)[number];

export const alertKinds = ["phq9_item9"] as const;
export type AlertKind = (typeof alertKinds)[number];
export const alertKindLabels: Record<AlertKind, string> = {
  phq9_item9: "PHQ-9 question 9 answered above 0: same-day clinical review needed",
};

export const alertActions = ["same_day_review", "safety_plan", "crisis_referral", "other"] as const;
export type AlertAction = (typeof alertActions)[number];
export const alertActionLabels: Record<AlertAction, string> = {
  same_day_review: "Same-day clinical review done",
  safety_plan: "Safety plan made with the person",
  crisis_referral: "Referred to the crisis team",
  other: "Other action",
};

export const gpStatuses = ["registered", "not_registered", "unknown"] as const;
export type GpStatus = (typeof gpStatuses)[number];
export const gpStatusLabels: Record<GpStatus, string> = {
  registered: "Registered with a GP",
  not_registered: "Not registered with a GP",
  unknown: "Not known",
};

export const gpRegistrationTypes = ["permanent", "temporary"] as const;
export type GpRegistrationType = (typeof gpRegistrationTypes)[number];

export const gpBarriers = [
  "no_fixed_address",
  "asked_for_id_or_address",
  "practice_list_closed",
  "refused_without_reason",
  "language",
  "digital_only_registration",
  "person_declined",
  "other",
] as const;
export type GpBarrier = (typeof gpBarriers)[number];
export const gpBarrierLabels: Record<GpBarrier, string> = {
  no_fixed_address: "No fixed address",
  asked_for_id_or_address: "Practice asked for ID or proof of address (not required)",
  practice_list_closed: "Practice list closed",
  refused_without_reason: "Refused without a written reason",
  language: "Language or communication",
  digital_only_registration: "Online-only registration",
  person_declined: "Person declined",
  other: "Other",
};

export const screeningProgrammes = ["bowel", "breast", "cervical", "aaa", "lung", "prostate"] as const;
export type ScreeningProgramme = (typeof screeningProgrammes)[number];
export const screeningProgrammeLabels: Record<ScreeningProgramme, string> = {
  bowel: "Bowel cancer screening",
  breast: "Breast screening",
  cervical: "Cervical screening",
  aaa: "Abdominal aortic aneurysm (AAA) screening",
  lung: "Targeted lung health check",
  prostate: "Prostate (PSA) discussion",
};

/** What the hub has done about a programme; eligibility ("due", "overdue") is computed. */
export const screeningStatuses = ["not_eligible", "due", "overdue", "discussed", "booked", "attended", "declined", "result_received"] as const;
export type ScreeningStatus = (typeof screeningStatuses)[number];
export const screeningStatusLabels: Record<ScreeningStatus, string> = {
  not_eligible: "Not eligible",
  due: "Due",
  overdue: "Overdue",
  discussed: "Discussed",
  booked: "Booked",
  attended: "Attended",
  declined: "Declined",
  result_received: "Result received",
};
/** The statuses a clinician records; the others are computed from eligibility. */
export const recordedScreeningStatuses = ["discussed", "booked", "attended", "declined", "result_received"] as const;
export type RecordedScreeningStatus = (typeof recordedScreeningStatuses)[number];
