import { describe, expect, it } from "vitest";
import { can, homePathFor, permissions, rolePermissions, type Permission } from "./permissions";
import { roles } from "./roles";

describe("homePathFor", () => {
  it.each(roles)("gives %s an app-relative home path", (role) => {
    const path = homePathFor(role);
    expect(typeof path).toBe("string");
    expect(path).toMatch(/^\/[a-z]/);
    expect(path.startsWith("//")).toBe(false);
  });
});

describe("rolePermissions", () => {
  it("has an entry for every role and no others", () => {
    expect(Object.keys(rolePermissions).sort()).toEqual([...roles].sort());
  });

  it.each(roles)("lists only known permissions, each once, for %s", (role) => {
    const granted = rolePermissions[role];
    for (const p of granted) expect(permissions).toContain(p);
    expect(new Set(granted).size).toBe(granted.length);
  });

  it.each(permissions)("grants %s to at least one role", (permission) => {
    expect(roles.filter((role) => rolePermissions[role].includes(permission))).not.toEqual([]);
  });
});

describe("roles without named records", () => {
  // Pilot managers see aggregates only; administrators see no health records (DOMAIN.md).
  const namedRecordPermissions: Permission[] = permissions.filter(
    (p) => p.startsWith("person:") || p.startsWith("caseload:") || p.startsWith("appointment:"),
  );

  it("covers the person and caseload read permissions", () => {
    expect(namedRecordPermissions).toEqual(expect.arrayContaining(["person:read", "caseload:read"]));
  });

  it.each(["administrator", "pilot_manager"] as const)("%s has no person:read or caseload:read", (role) => {
    expect(can(role, "person:read")).toBe(false);
    expect(can(role, "caseload:read")).toBe(false);
  });

  it.each(["administrator", "pilot_manager"] as const)("%s has no permission over named records at all", (role) => {
    expect(namedRecordPermissions.filter((p) => can(role, p))).toEqual([]);
  });

  it("only administrators manage users", () => {
    expect(roles.filter((role) => can(role, "user:manage"))).toEqual(["administrator"]);
  });
});

describe("can", () => {
  const matrix = roles.flatMap((role) => permissions.map((permission) => [role, permission] as const));

  it("is checked for every role x permission pair", () => {
    expect(matrix).toHaveLength(roles.length * permissions.length);
  });

  it.each(matrix)("%s / %s agrees with rolePermissions", (role, permission) => {
    expect(can(role, permission)).toBe(rolePermissions[role].includes(permission));
  });
});
