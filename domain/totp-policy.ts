import type { Role } from "./roles";

/** Roles that always sign in with a second factor; for the others an administrator may require it. */
export const rolesRequiringTwoFactor: readonly Role[] = ["clinician", "administrator"];

export function twoFactorRequired(role: Role, requiredForUser: boolean): boolean {
  return requiredForUser || rolesRequiringTwoFactor.includes(role);
}
