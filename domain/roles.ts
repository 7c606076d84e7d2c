export const roles = ["clinician", "probation_officer", "pilot_manager", "administrator"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  clinician: "Clinician",
  probation_officer: "Probation officer",
  pilot_manager: "Pilot manager",
  administrator: "Administrator",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}
