/**
 * The role x site matrix through HTTP, against the production build.
 *
 * Pages: every page route found on the file system (e2e/support/routes.ts), opened by URL as each
 * role (the saved sign-ins) and signed out, for a record at the caller's own site (Cambridge) and
 * at another site (Hammersmith): the status (200 / 403 / 404 / redirect) must be the one the
 * permission table gives. A page with no rule fails.
 *
 * Server actions: every action id in the build's manifest, POSTed directly (no page, no form) as
 * each role and signed out, aimed at the other site's records. None may succeed or answer 5xx.
 * Whether a refusal changed nothing is proven where the database can be read, in the integration
 * matrix (server/authorization-matrix.int.test.ts: every use case, every role, row fingerprints
 * and denied audit rows); the PGlite database the server holds cannot be opened from this process.
 * Here one positive control (an officer's please-see request for their own-site person) proves the
 * direct POST encoding reaches the use case, so the refusals are not refusals of a malformed body.
 */
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { roles, type Role } from "../domain/roles";
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";
import { liveStorageState } from "./support/sessions";
import { postAction, serverActions, succeeded } from "./support/actions";
import { expectedFor, fillRoute, loadFixtures, pageRoutes, pageRules } from "./support/routes";

const baseURL = `http://localhost:${process.env.E2E_PORT ?? "3100"}`;
const callers: (Role | null)[] = [...roles, null];
const label = (role: Role | null) => role ?? "signed out";

async function contextFor(browser: Browser, role: Role | null): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: role ? await liveStorageState(browser, role) : { cookies: [], origins: [] } });
}

test.describe("every page by URL, as every role, own and other site", () => {
  test("every page route has an expectation", () => {
    const missing = pageRoutes().filter((r) => !Object.hasOwn(pageRules, r));
    expect(missing, "pages with no rule in e2e/support/routes.ts").toEqual([]);
    const stale = Object.keys(pageRules).filter((r) => !pageRoutes().includes(r));
    expect(stale, "rules for pages that no longer exist").toEqual([]);
  });

  for (const route of pageRoutes()) {
    const rule = pageRules[route];
    if (!rule || rule.kind === "not-checked") continue;
    test(`${route}`, async ({ browser }) => {
      const fixtures = loadFixtures();
      const wheres = route.includes("[") ? (["own", "other"] as const) : (["own"] as const);
      const problems: string[] = [];
      for (const role of callers) {
        const api = await contextFor(browser, role);
        for (const where of wheres) {
          const url = fillRoute(route, fixtures[where]);
          const expected = expectedFor(rule, role, where);
          if (!expected) continue;
          const response = await api.get(url, { maxRedirects: 0 });
          const status = response.status();
          const location = response.headers()["location"];
          const to = location ? new URL(location, baseURL) : null;
          const got = to ? `${status} -> ${to.pathname}${to.search}` : String(status);
          const what = `${label(role)} at ${where} site: ${url}`;
          if ("status" in expected) {
            if (status !== expected.status) problems.push(`${what}: expected ${expected.status}, got ${got}`);
          } else if ("redirect" in expected) {
            if (!(status >= 300 && status < 400) || !to || !expected.redirect.test(`${to.pathname}${to.search}`)) problems.push(`${what}: expected a redirect to ${expected.redirect}, got ${got}`);
          } else if (!(status === 200 || (status >= 300 && status < 400 && to && !to.pathname.startsWith("/sign-in")))) {
            problems.push(`${what}: expected their own page, got ${got}`);
          }
        }
        await api.dispose();
      }
      expect(problems).toEqual([]);
    });
  }
});

/** Form fields naming the other site's records, in every name the action schemas use. */
function otherSiteFields(): Record<string, string> {
  const o = loadFixtures().other;
  return {
    personId: o.personId,
    appointmentId: o.appointmentId,
    consentId: o.consentId,
    healthCheckId: o.healthCheckId,
    alertId: o.alertId,
    referralId: o.referralId,
    requirementId: o.requirementId,
    seeRequestId: o.requestId,
    serviceId: o.serviceId,
    userId: o.userId,
    siteId: o.siteId,
    siteIds: o.siteId,
    version: "1",
    programme: "bowel",
    section: "smoking",
    // Enough of each form for the usual schemas to pass, so the use case itself has to refuse.
    kind: "probation",
    type: "supervision",
    date: "2030-01-10",
    time: "10:00",
    durationMinutes: "30",
    outcome: "attended",
    event: "accept",
    status: "seen",
    reason: "general_health",
    action: "same_day_review",
    decision: "given",
    method: "own_consent",
    informationVersion: "v1",
    "decidedOn-day": "5",
    "decidedOn-month": "1",
    "decidedOn-year": "2026",
    "withdrawnOn-day": "1",
    "withdrawnOn-month": "2",
    "withdrawnOn-year": "2026",
    active: "false",
    disabled: "true",
    required: "true",
    role: "clinician",
    name: "Direct post",
    email: `direct.${Date.now()}@hub.example`,
    password: "direct-post-password-2026",
    category: "talking_therapies",
    commissionerType: "icb",
    urgency: "routine",
    personAgreed: "yes",
  };
}

/**
 * Actions that anyone may call without a session (signing in) or that act only on the caller's
 * own session or account: not targeted at another site's record. Each still may not 5xx.
 */
const ownOrPublicActions = new Set([
  "app/(auth)/actions.ts#signInAction",
  "app/(auth)/actions.ts#signOutAction",
  "app/(auth)/actions.ts#continueSignInAction",
  "app/(auth)/actions.ts#secondFactorAction",
  "app/(auth)/actions.ts#enrolDuringSignInAction",
  "app/(hub)/session-actions.ts#staySignedInAction",
  "app/(hub)/session-actions.ts#sessionStatusAction",
  "app/(hub)/account/password/actions.ts#changePasswordAction",
  "app/(hub)/account/two-factor/actions.ts#regenerateRecoveryCodesAction",
  "app/(hub)/account/two-factor/actions.ts#confirmEnrolmentAction",
]);

/**
 * Never sent with a saved sign-in: they would end or change the very session every other spec
 * reuses (sign-out ends it server-side), and they act only on the caller's own session or account.
 * They are still sent signed out.
 */
const endsOwnSession = new Set([
  "app/(auth)/actions.ts#signOutAction",
  "app/(hub)/account/password/actions.ts#changePasswordAction",
  "app/(hub)/account/two-factor/actions.ts#regenerateRecoveryCodesAction",
  "app/(hub)/account/two-factor/actions.ts#confirmEnrolmentAction",
]);

/** Roles whose saved account works at the other site (Hammersmith) too: for them it is not "another site". */
const atEverySite = new Set<Role>(["pilot_manager", "administrator"]);

test.describe("every server action called directly", () => {
  test("the direct POST encoding reaches the use case (positive control)", async ({ browser }) => {
    const fixtures = loadFixtures();
    const action = serverActions().find((a) => a.name === "createSeeRequestAction");
    expect(action, "createSeeRequestAction in the build").toBeDefined();
    if (!action) return;
    const api = await contextFor(browser, "probation_officer");
    const result = await postAction(api, action, { personId: fixtures.own.personId, reason: "general_health", note: "" });
    expect(result.status).toBeLessThan(500);
    expect(result.redirect ?? "", result.body.slice(0, 500)).toContain(`/people/${fixtures.own.personId}/please-see`);
    await api.dispose();
  });

  test("no action succeeds or fails with a 5xx for another site's record, a role without the permission, or no session", async ({ browser }) => {
    test.setTimeout(180_000);
    const actions = serverActions();
    expect(actions.length).toBeGreaterThan(20);
    const fields = otherSiteFields();
    const problems: string[] = [];
    for (const role of callers) {
      const api = await contextFor(browser, role);
      for (const action of actions) {
        const key = `${action.file}#${action.name}`;
        if (role && endsOwnSession.has(key)) continue;
        const result = await postAction(api, action, fields);
        if (result.status >= 500) problems.push(`${key} as ${label(role)}: ${result.status}`);
        const targetsAnotherSite = !ownOrPublicActions.has(key) && !(role && atEverySite.has(role));
        if (targetsAnotherSite && succeeded(result)) problems.push(`${key} as ${label(role)} succeeded against the other site (${result.redirect ?? "ok:true"})`);
        if (!role && !ownOrPublicActions.has(key) && succeeded(result)) problems.push(`${key} signed out succeeded`);
      }
      await api.dispose();
    }
    expect(problems).toEqual([]);
  });
});
