/**
 * Every page of the app, found on the file system at test time (app/ ** /page.tsx), with what each
 * role should get when it opens the page for a record at its own site and at another site. The
 * expectation comes from the permission table (domain/permissions.ts) and one rule per route
 * below; a page with no rule fails the suite, so a new page cannot go unchecked.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { can, type Permission } from "../../domain/permissions";
import type { Role } from "../../domain/roles";
import type { E2eFixtures, SiteFixture } from "./seed-fixtures";
import { FIXTURES_FILE } from "./seed-fixtures";

export type PageRule =
  /** Anyone, signed in or not (a signed-in user is sent on to their home page). */
  | { kind: "sign-in" }
  /** The root: sends a signed-in user to their home page. */
  | { kind: "home" }
  /** A step of the sign-in flow that needs a challenge cookie: without one it goes back to sign-in. */
  | { kind: "challenge" }
  /** Any signed-in user, about their own account. */
  | { kind: "own-account" }
  /** Needs every one of these permissions; `record`: targets a record at a site. */
  | { kind: "permission"; permissions: Permission[]; record: boolean }
  /** Not part of the product: a test hook, covered by its own spec. */
  | { kind: "not-checked"; why: string };

export const pageRules: Record<string, PageRule> = {
  "/": { kind: "home" },
  "/sign-in": { kind: "sign-in" },
  "/sign-in/two-factor": { kind: "challenge" },
  "/sign-in/set-up-two-factor": { kind: "challenge" },
  "/signed-in-again": { kind: "own-account" },
  "/account": { kind: "own-account" },
  "/account/password": { kind: "own-account" },
  "/account/two-factor": { kind: "own-account" },
  "/account/two-factor/set-up": { kind: "own-account" },
  "/e2e/server-error": { kind: "not-checked", why: "deliberately fails with a 500 under HUB_E2E_HOOKS (the error page spec)" },

  "/caseload": { kind: "permission", permissions: ["caseload:read"], record: false },
  "/appointments": { kind: "permission", permissions: ["appointment:read"], record: false },
  "/appointments/[appointmentId]": { kind: "permission", permissions: ["appointment:read"], record: true },
  "/dashboards": { kind: "permission", permissions: ["dashboard:read"], record: false },
  // The site overview shows each site's headline figures: dashboard data.
  "/sites": { kind: "permission", permissions: ["site:read", "dashboard:read"], record: false },
  "/worklist": { kind: "permission", permissions: ["health:read"], record: false },
  "/services": { kind: "permission", permissions: ["service:read"], record: false },
  "/referrals": { kind: "permission", permissions: ["referral:read"], record: false },
  "/referrals/caseload": { kind: "permission", permissions: ["referral-status:read"], record: false },
  "/referrals/[referralId]": { kind: "permission", permissions: ["referral:read"], record: true },
  "/alerts/[alertId]": { kind: "permission", permissions: ["health:read"], record: true },
  "/health-checks/[healthCheckId]": { kind: "permission", permissions: ["health:read"], record: true },
  "/health-checks/[healthCheckId]/[section]": { kind: "permission", permissions: ["health:write"], record: true },
  "/health-checks/[healthCheckId]/result": { kind: "permission", permissions: ["health:read"], record: true },

  "/people/new": { kind: "permission", permissions: ["person:create"], record: false },
  "/people/[personId]": { kind: "permission", permissions: ["person:read"], record: true },
  "/people/[personId]/edit": { kind: "permission", permissions: ["person:update"], record: true },
  "/people/[personId]/appointments/new": { kind: "permission", permissions: ["appointment:create"], record: true },
  "/people/[personId]/consent": { kind: "permission", permissions: ["health:read"], record: true },
  "/people/[personId]/consent/[consentId]/withdraw": { kind: "permission", permissions: ["health:write"], record: true },
  "/people/[personId]/gp-registration": { kind: "permission", permissions: ["health:read"], record: true },
  "/people/[personId]/health-checks/new": { kind: "permission", permissions: ["health:write"], record: true },
  "/people/[personId]/history": { kind: "permission", permissions: ["health:read"], record: true },
  "/people/[personId]/subject-access": { kind: "permission", permissions: ["health:read"], record: true },
  "/people/[personId]/please-see": { kind: "permission", permissions: ["see-request:create"], record: true },
  "/people/[personId]/please-see/[requestId]": { kind: "permission", permissions: ["see-request:handle"], record: true },
  "/people/[personId]/referrals/new": { kind: "permission", permissions: ["referral:write"], record: true },
  "/people/[personId]/requirements": { kind: "permission", permissions: ["requirement:read"], record: true },
  "/people/[personId]/requirements/new": { kind: "permission", permissions: ["requirement:write"], record: true },
  "/people/[personId]/requirements/[requirementId]": { kind: "permission", permissions: ["requirement:read"], record: true },
  "/people/[personId]/requirements/[requirementId]/review": { kind: "permission", permissions: ["requirement:write"], record: true },
  "/people/[personId]/screening": { kind: "permission", permissions: ["health:read"], record: true },
  "/people/[personId]/screening/[programme]": { kind: "permission", permissions: ["health:read"], record: true },

  "/admin/audit": { kind: "permission", permissions: ["user:manage"], record: false },
  "/admin/users": { kind: "permission", permissions: ["user:manage"], record: false },
  "/admin/users/new": { kind: "permission", permissions: ["user:manage"], record: false },
  "/admin/users/[userId]": { kind: "permission", permissions: ["user:manage"], record: true },
  "/admin/users/[userId]/access": { kind: "permission", permissions: ["user:manage"], record: true },
  "/admin/users/[userId]/password": { kind: "permission", permissions: ["user:manage"], record: true },
  "/admin/services": { kind: "permission", permissions: ["service:manage"], record: false },
  "/admin/services/new": { kind: "permission", permissions: ["service:manage"], record: false },
  "/admin/services/[serviceId]": { kind: "permission", permissions: ["service:manage"], record: true },
};

/** The sites of the account each role's saved sign-in belongs to (e2e/fixtures.ts accounts). */
export const accountSites: Record<Role, "own" | "all"> = {
  clinician: "own",
  probation_officer: "own",
  pilot_manager: "all",
  administrator: "all",
};

/** Page routes from the file system: route groups dropped, dynamic segments kept as [name]. */
export function pageRoutes(appDir = path.join(process.cwd(), "app")): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      } else if (entry.name === "page.tsx" || entry.name === "page.ts") {
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return found.sort();
}

export function loadFixtures(): E2eFixtures {
  return JSON.parse(readFileSync(FIXTURES_FILE, "utf8")) as E2eFixtures;
}

/** Per route, a different record for one segment (e.g. the result page needs a completed check). */
const segmentOverrides: Record<string, Partial<Record<string, keyof SiteFixture>>> = {
  "/health-checks/[healthCheckId]/result": { healthCheckId: "completedHealthCheckId" },
};

/** The route with each [segment] filled from the fixture at that site; throws on an unknown segment. */
export function fillRoute(route: string, fixture: SiteFixture): string {
  return route.replace(/\[([^\]]+)\]/g, (_m, name: string) => {
    const key = segmentOverrides[route]?.[name] ?? (name as keyof SiteFixture);
    const value = fixture[key];
    if (typeof value !== "string") throw new Error(`no fixture value for segment [${name}] of ${route}: add it to e2e/support/seed-fixtures.ts`);
    return value;
  });
}

export type Expected = { status: 200 } | { status: 403 } | { status: 404 } | { redirect: RegExp } | { signedInPage: true };

const toSignIn = { redirect: /^\/sign-in(\?|$)/ };

/** What a role (null: signed out) should get for a route and a record at its own or another site. */
export function expectedFor(rule: PageRule, role: Role | null, where: "own" | "other"): Expected | null {
  switch (rule.kind) {
    case "not-checked":
      return null;
    case "sign-in":
      return role ? { redirect: /^\/(?!sign-in)/ } : { status: 200 };
    case "home":
      return role ? { redirect: /^\/(?!sign-in)/ } : toSignIn;
    case "challenge":
      return { redirect: /^\/sign-in\?expired=1/ };
    case "own-account":
      // Which step of their own two-factor set-up a user sees depends on their account; never refused.
      return role ? { signedInPage: true } : toSignIn;
    case "permission": {
      if (!role) return toSignIn;
      if (!rule.permissions.every((p) => can(role, p))) return { status: 403 };
      if (rule.record && where === "other" && accountSites[role] === "own") return { status: 404 };
      return { status: 200 };
    }
  }
}
