import { referralEvents, type ReferralEvent } from "./referral-lifecycle";

/**
 * Human-readable labels for the action strings written to the audit trail (server/ passes them to
 * assertCan, personInScope, denyNotFound and recordAudit). An action missing here is shown raw,
 * so a new one is never hidden, only less readable.
 *
 * Each action is also a kind: a "view" reads a record or a list, a "change" writes one, "access"
 * is signing in and out. The history page filters on it.
 */
export type AuditActionKind = "view" | "change" | "access";

type ActionInfo = { label: string; kind: AuditActionKind };

const referralEventActionLabels: Record<ReferralEvent, string> = {
  send: "Sent a referral",
  accept: "Recorded a referral as accepted",
  reject: "Recorded a referral as rejected",
  book_first_appointment: "Booked the first appointment of a referral",
  record_attended: "Recorded the first referral appointment as attended",
  record_did_not_attend: "Recorded the first referral appointment as missed",
  complete: "Completed a referral",
  close: "Closed a referral",
};

const view = (label: string): ActionInfo => ({ label, kind: "view" });
const change = (label: string): ActionInfo => ({ label, kind: "change" });

export const auditActions: Record<string, ActionInfo> = {
  "sign-in": { label: "Signed in", kind: "access" },
  "sign-out": { label: "Signed out", kind: "access" },
  "sign-in.password": { label: "Entered the right password (second step next)", kind: "access" },
  "sign-in.second-factor": { label: "Entered a two-factor code", kind: "access" },
  "session-timeout": { label: "Signed out by the session time limit", kind: "access" },
  "action-without-session": { label: "Tried a server action without signing in", kind: "access" },
  "two-factor.enrol": change("Turned on two-factor sign-in"),
  "two-factor.recovery-codes": change("Made new two-factor recovery codes"),
  "account.change-password": change("Changed their own password"),

  "caseload.view": view("Viewed a caseload"),
  "person.view": view("Viewed the person's record"),
  "person.create": change("Added the person"),
  "person.update": change("Changed the person's details"),
  "timeline.view": view("Viewed the appointments timeline"),

  "appointment.view": view("Viewed an appointment"),
  "appointment.create": change("Booked an appointment"),
  "appointment.record-outcome": change("Recorded an appointment outcome"),
  "appointments.upcoming": view("Viewed upcoming appointments"),

  "consent.view": view("Viewed consent"),
  "consent.record": change("Recorded a consent decision"),
  "consent.withdraw": change("Recorded a withdrawal of consent"),

  "health-check.view": view("Viewed a health check"),
  "health-check.start": view("Opened the start of a health check"),
  "health-check.create": change("Started a health check"),
  "health-check.update": change("Saved health check answers"),
  "health-check.complete": change("Completed a health check"),
  "health-checks.drafts": view("Viewed draft health checks"),
  "health-history.view": view("Viewed health check history"),
  "health-status.view": view("Viewed the health status (probation view)"),

  "alert.view": view("Viewed a same-day alert"),
  "alert.raise": change("Raised a same-day alert"),
  "alert.action": change("Recorded action on a same-day alert"),
  "alerts.list": view("Viewed open alerts"),

  "gp.view": view("Viewed GP registration"),
  "gp.record": change("Recorded GP registration"),
  "gp.worklist": view("Viewed the GP registration worklist"),

  "screening.view": view("Viewed screening"),
  "screening.update": change("Recorded screening"),
  "screening.worklist": view("Viewed the screening worklist"),

  "referral.view": view("Viewed a referral"),
  "referral.new": view("Opened a new referral form"),
  "referral.create": change("Created a referral"),
  "referral.first-appointment-rescheduled": change("Rescheduled the first appointment of a referral"),
  ...Object.fromEntries(referralEvents.map((e) => [`referral.${e}`, change(referralEventActionLabels[e])])),
  "referrals.person": view("Viewed the person's referrals"),
  "referrals.list": view("Viewed referrals"),
  "referrals.worklist": view("Viewed the referrals worklist"),
  "referral-status.view": view("Viewed referral status (probation view)"),
  "referral-status.caseload": view("Viewed referral statuses for a caseload (probation view)"),

  "see-request.view": view("Viewed a please-see request"),
  "see-request.create": change("Asked the health hub to see the person"),
  "see-request.seen": change("Answered a please-see request"),
  "see-requests.person": view("Viewed the person's please-see requests"),
  "see-requests.worklist": view("Viewed the please-see worklist"),

  "requirement.view": view("Viewed a treatment requirement"),
  "requirement.create": change("Added a treatment requirement"),
  "requirement.update": change("Changed a treatment requirement"),
  "requirement.review": change("Recorded a court review"),
  "requirements.view": view("Viewed treatment requirements"),

  "dashboard.view": view("Viewed a dashboard"),
  "dashboard.export": view("Downloaded dashboard figures"),
  "dashboard.site-overview": view("Viewed the site overview"),
  "sites.list": view("Viewed sites"),
  "officers.list": view("Viewed the list of officers"),

  "user.view": view("Viewed a user"),
  "user.create": change("Created a user"),
  "user.update-access": change("Changed a user's role or sites"),
  "user.reset-password": change("Reset a user's password"),
  "user.disable": change("Disabled a user"),
  "user.enable": change("Enabled a user"),
  "user.two-factor.view": view("Viewed a user's two-factor settings"),
  "user.two-factor-required": change("Changed whether a user must use two-factor sign-in"),
  "user.two-factor-reset": change("Reset a user's two-factor sign-in"),
  "users.list": view("Viewed users"),

  "service.view": view("Viewed a service"),
  "service.create": change("Added a service"),
  "service.update": change("Changed a service"),
  "service.deactivate": change("Deactivated a service"),
  "service.reactivate": change("Reactivated a service"),
  "services.list": view("Viewed services"),

  "audit.person-history": view("Viewed who has viewed or changed the record"),
  "audit.search": view("Searched the audit trail"),
  "audit.export": view("Downloaded audit events"),
  "subject-access.view": view("Viewed the subject access report"),
  "subject-access.export": view("Downloaded the subject access report"),
};

/** The label for an action, or the action itself when it has none. */
export function auditActionLabel(action: string): string {
  return auditActions[action]?.label ?? action;
}

/** Unknown actions count as changes: better to show one too many under "changes" than hide one. */
export function auditActionKind(action: string): AuditActionKind {
  return auditActions[action]?.kind ?? "change";
}

/** Every known action of a kind, for filtering in SQL. */
export function actionsOfKind(kind: AuditActionKind): string[] {
  return Object.entries(auditActions)
    .filter(([, info]) => info.kind === kind)
    .map(([action]) => action);
}

export const auditOutcomeLabels: Record<"success" | "denied" | "failure", string> = {
  success: "Allowed",
  denied: "Refused",
  failure: "Failed",
};
