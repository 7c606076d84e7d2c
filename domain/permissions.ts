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
  "user:manage",
  "site:read",
  "dashboard:read",
  // The clinical record: consent, health checks, alerts, GP registration, screening.
  "health:read",
  "health:write",
  // What probation may see of it: statuses only, and only with the person's consent.
  "health-status:read",
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
  ],
  // Aggregates only (DOMAIN.md): no named records.
  pilot_manager: ["site:read", "dashboard:read"],
  // Runs the system; sees no health records and no caseloads.
  administrator: ["user:manage", "site:read"],
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
      return "/sites";
    case "administrator":
      return "/admin/users";
  }
}
