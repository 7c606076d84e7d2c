import type { Role } from "./roles";

/**
 * The one table of who may do what. Every use case in server/ asserts one of these before it
 * touches data; tests generate the role x site matrix from this table.
 */
export const permissions = [
  "caseload:read",
  "person:read",
  "person:create",
  "person:update",
  "appointment:read",
  "appointment:create",
  "appointment:record-outcome",
  // Which kind of appointment a role may book or record: probation meetings are the officer's
  // (attendance can lead to enforcement), health hub appointments the clinician's.
  "probation-appointment:write",
  "user:manage",
  "site:read",
  "dashboard:read",
  // The clinical record: consent, health checks, alerts, GP registration, screening.
  "health:read",
  "health:write",
  // What probation may see of it: statuses only, and only with the person's consent.
  "health-status:read",
  // Referrals (clinicians) and what probation may see of them (status only, with consent).
  "referral:read",
  "referral:write",
  "referral-status:read",
  // "Please see": probation asks, the hub answers.
  "see-request:create",
  "see-request:handle",
  // The services directory: administrators maintain it, clinicians refer to it.
  "service:read",
  "service:manage",
  // Treatment requirements are part of the sentence: both clinicians and officers see and update them.
  "requirement:read",
  "requirement:write",
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  clinician: [
    "caseload:read",
    "person:read",
    "person:create",
    "person:update",
    "appointment:read",
    "appointment:create",
    "appointment:record-outcome",
    "site:read",
    "dashboard:read",
    "health:read",
    "health:write",
    "referral:read",
    "referral:write",
    "see-request:handle",
    "service:read",
    "requirement:read",
    "requirement:write",
  ],
  probation_officer: [
    "caseload:read",
    "person:read",
    "person:create",
    "person:update",
    "appointment:read",
    "appointment:create",
    "appointment:record-outcome",
    "site:read",
    "health-status:read",
    "probation-appointment:write",
    "referral-status:read",
    "see-request:create",
    "requirement:read",
    "requirement:write",
  ],
  // Aggregates only (DOMAIN.md): no named records.
  pilot_manager: ["site:read", "dashboard:read"],
  // Runs the system; sees no health records and no caseloads.
  administrator: ["user:manage", "site:read", "service:read", "service:manage"],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case "probation_officer":
      return "/caseload?mine=1";
    case "clinician":
      return "/caseload";
    case "pilot_manager":
      return "/dashboards";
    case "administrator":
      return "/admin/users";
  }
}

/** The permission needed, on top of appointment:create / appointment:record-outcome, for a kind of appointment. */
export function appointmentKindPermission(kind: "probation" | "health"): Permission {
  return kind === "probation" ? "probation-appointment:write" : "health:write";
}

/** Kinds of appointment a role may see: health hub appointments are health information. */
export function visibleAppointmentKinds(role: Role): ("probation" | "health")[] {
  return can(role, "health:read") ? ["probation", "health"] : ["probation"];
}
