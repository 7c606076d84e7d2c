/**
 * Security headers on every route: every page from the file-system enumeration (signed in and
 * signed out, including redirects, 403s and 404s), the next-auth API routes, an unknown URL and
 * the CSV/download routes. HSTS is not asserted: the app is served over plain HTTP in these tests
 * and leaves HSTS to the HTTPS front end (README, "Serve it behind HTTPS").
 */
import { request as playwrightRequest, type APIResponse } from "@playwright/test";
import type { Role } from "../domain/roles";
import { expect, test } from "./fixtures";
import { liveStorageState } from "./support/sessions";
import { fillRoute, loadFixtures, pageRoutes, pageRules } from "./support/routes";

const baseURL = `http://localhost:${process.env.E2E_PORT ?? "3100"}`;

function headerProblems(what: string, response: APIResponse, { personal }: { personal: boolean }): string[] {
  const h = response.headers();
  const problems: string[] = [];
  const csp = h["content-security-policy"] ?? "";
  if (!/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/.test(csp)) problems.push(`${what}: CSP without a script nonce: ${csp}`);
  if (!csp.includes("frame-ancestors 'none'")) problems.push(`${what}: CSP without frame-ancestors 'none'`);
  if (csp.includes("unsafe-eval")) problems.push(`${what}: CSP allows unsafe-eval`);
  if (!csp.includes("object-src 'none'")) problems.push(`${what}: CSP without object-src 'none'`);
  if (h["x-content-type-options"] !== "nosniff") problems.push(`${what}: X-Content-Type-Options ${h["x-content-type-options"]}`);
  if (h["referrer-policy"] !== "same-origin") problems.push(`${what}: Referrer-Policy ${h["referrer-policy"]}`);
  if (h["x-frame-options"] !== "DENY") problems.push(`${what}: X-Frame-Options ${h["x-frame-options"]}`);
  if (!/camera=\(\)/.test(h["permissions-policy"] ?? "")) problems.push(`${what}: Permissions-Policy ${h["permissions-policy"]}`);
  if (h["x-powered-by"] !== undefined) problems.push(`${what}: X-Powered-By present`);
  if (personal && !(h["cache-control"] ?? "").includes("no-store")) problems.push(`${what}: Cache-Control ${h["cache-control"]} (personal data must not be stored)`);
  return problems;
}

test.describe("security headers on every route", () => {
  for (const role of ["clinician", "probation_officer", "administrator", null] as (Role | null)[]) {
    test(`every page, ${role ?? "signed out"}`, async ({ browser }) => {
      const fixtures = loadFixtures();
      const api = await playwrightRequest.newContext({ baseURL, storageState: role ? await liveStorageState(browser, role) : { cookies: [], origins: [] } });
      const problems: string[] = [];
      for (const route of pageRoutes()) {
        if (pageRules[route]?.kind === "not-checked") continue;
        const url = fillRoute(route, fixtures.own);
        const response = await api.get(url, { maxRedirects: 0 });
        // Anything a signed-in user is shown may name a person or a staff member.
        problems.push(...headerProblems(`${url} (${response.status()})`, response, { personal: role !== null && response.status() === 200 }));
      }
      await api.dispose();
      expect(problems).toEqual([]);
    });
  }

  test("API auth routes, an unknown URL and the downloads", async ({ browser }) => {
    const { own } = loadFixtures();
    const problems: string[] = [];
    const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    for (const url of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers", "/no-such-page", "/people/not-a-uuid"]) {
      const response = await anonymous.get(url, { maxRedirects: 0 });
      problems.push(...headerProblems(`${url} signed out (${response.status()})`, response, { personal: false }));
    }
    const notFound = await anonymous.get("/no-such-page", { maxRedirects: 0 });
    expect(notFound.status()).toBe(404);
    await anonymous.dispose();

    const downloads: [Role, string][] = [
      ["pilot_manager", "/dashboards/export?table=reach&from=2026-01-01&to=2026-03-31"],
      ["administrator", "/admin/audit/export"],
      ["clinician", `/people/${own.personId}/subject-access/export`],
      ["clinician", "/api/auth/session"],
    ];
    for (const [role, url] of downloads) {
      const api = await playwrightRequest.newContext({ baseURL, storageState: await liveStorageState(browser, role) });
      const response = await api.get(url, { maxRedirects: 0 });
      expect(response.status(), `${role} ${url}`).toBe(200);
      problems.push(...headerProblems(`${url} as ${role}`, response, { personal: true }));
      await api.dispose();
    }
    expect(problems).toEqual([]);
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ browser }) => {
    const context = await browser.newContext({ storageState: await liveStorageState(browser, "clinician") });
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes("session-token"));
    expect(session, "session cookie").toBeDefined();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    // Secure is set when served over https (next-auth's useSecureCookies follows the URL scheme).
    await context.close();
  });
});
