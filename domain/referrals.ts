/** Vocabulary of referrals and the services directory (DOMAIN.md "Referrals"). */

export const serviceCategories = [
  "gp_primary_care",
  "talking_therapies",
  "community_mental_health",
  "crisis",
  "drug_alcohol",
  "stop_smoking",
  "sexual_health",
  "liaison_diversion",
  "dental",
  "optometry",
  "social_care",
  "housing",
  "other",
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];
export const serviceCategoryLabels: Record<ServiceCategory, string> = {
  gp_primary_care: "GP and primary care",
  talking_therapies: "NHS Talking Therapies",
  community_mental_health: "Community mental health team",
  crisis: "Crisis team",
  drug_alcohol: "Drug and alcohol treatment",
  stop_smoking: "Stop smoking service",
  sexual_health: "Sexual health",
  liaison_diversion: "Liaison and Diversion",
  dental: "Dental",
  optometry: "Optometry",
  social_care: "Social care",
  housing: "Housing",
  other: "Other",
};

export const commissionerTypes = ["nhs_england", "icb", "local_authority", "nhs_england_health_justice", "voluntary_sector"] as const;
export type CommissionerType = (typeof commissionerTypes)[number];
export const commissionerTypeLabels: Record<CommissionerType, string> = {
  nhs_england: "NHS England",
  icb: "Integrated care board",
  local_authority: "Local authority (public health or social care)",
  nhs_england_health_justice: "NHS England Health and Justice",
  voluntary_sector: "Voluntary sector",
};

export const referralStatuses = [
  "draft",
  "sent",
  "accepted",
  "rejected",
  "appointment_booked",
  "attended",
  "did_not_attend",
  "completed",
  "closed",
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const referralStatusLabels: Record<ReferralStatus, string> = {
  draft: "Draft",
  sent: "Sent",
  accepted: "Accepted",
  rejected: "Rejected",
  appointment_booked: "First appointment booked",
  attended: "Attended",
  did_not_attend: "Did not attend",
  completed: "Completed",
  closed: "Closed",
};

export const referralUrgencies = ["routine", "soon", "urgent"] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];
export const referralUrgencyLabels: Record<ReferralUrgency, string> = {
  routine: "Routine",
  soon: "Soon (within 2 weeks)",
  urgent: "Urgent (within 24 hours)",
};

export const closureReasons = ["not_engaged", "moved_away", "returned_to_custody", "declined", "no_longer_needed", "other"] as const;
export type ClosureReason = (typeof closureReasons)[number];
export const closureReasonLabels: Record<ClosureReason, string> = {
  not_engaged: "Not engaged",
  moved_away: "Moved away",
  returned_to_custody: "Returned to custody",
  declined: "Declined",
  no_longer_needed: "No longer needed",
  other: "Other",
};

/** A probation officer's "please see" request to the hub: a reason in probation's words, never clinical. */
export const seeRequestReasons = ["general_health", "gp_registration", "mental_health_concern", "drug_or_alcohol_concern", "missed_health_appointments", "other"] as const;
export type SeeRequestReason = (typeof seeRequestReasons)[number];
export const seeRequestReasonLabels: Record<SeeRequestReason, string> = {
  general_health: "General health concern",
  gp_registration: "Needs help registering with a GP",
  mental_health_concern: "Concern about mental health or wellbeing",
  drug_or_alcohol_concern: "Concern about drug or alcohol use",
  missed_health_appointments: "Missing health appointments",
  other: "Other",
};
export const seeRequestStatuses = ["open", "seen", "closed"] as const;
export type SeeRequestStatus = (typeof seeRequestStatuses)[number];

/** Tracking of MHTR / DRR / ATR through to completion or breach (DOMAIN.md "Community order treatment requirements"). */
export const requirementStatuses = ["proposed", "assessed_suitable", "assessed_unsuitable", "ordered", "started", "completed", "breached"] as const;
export type RequirementStatus = (typeof requirementStatuses)[number];
export const requirementStatusLabels: Record<RequirementStatus, string> = {
  proposed: "Proposed",
  assessed_suitable: "Assessed as suitable",
  assessed_unsuitable: "Assessed as not suitable",
  ordered: "Order made",
  started: "Treatment started",
  completed: "Completed",
  breached: "Breached",
};
