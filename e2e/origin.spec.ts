/**
 * Server actions are public POST endpoints: a POST from another origin, or with no Origin at all,
 * must write nothing (a browser always sends Origin on a POST; only a forged request lacks it).
 * Proven with a real write: an officer's please-see request for their own-site person, which
 * adds a row to the requests table on the person's please-see page. The same POST with the right
 * Origin adds a row (the control).
 *
 * And the CVE-2025-29927 shape: a request carrying `x-middleware-subrequest` must be treated like
 * any other: signed out -> sign-in; signed in without the permission -> 403.
 */
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { liveStorageState } from "./support/sessions";
import { postAction, serverActions, succeeded } from "./support/actions";
import { loadFixtures } from "./support/routes";

const baseURL = `http://localhost:${process.env.E2E_PORT ?? "3100"}`;

async function waitingRows(api: APIRequestContext, personId: string): Promise<number> {
  const page = await api.get(`/people/${personId}/please-see`);
  expect(page.status()).toBe(200);
  // Table rows as rendered HTML (the same labels also appear in the inline RSC data).
  return (await page.text()).split("<tr").length - 1;
}

test.describe("origin checks on server actions", () => {
  test("a cross-origin or Origin-less POST writes nothing; a same-origin one writes", async ({ browser }) => {
    const { own } = loadFixtures();
    const action = serverActions().find((a) => a.name === "createSeeRequestAction");
    if (!action) throw new Error("createSeeRequestAction is not in the build");
    const api = await playwrightRequest.newContext({ baseURL, storageState: await liveStorageState(browser, "probation_officer") });
    const fields = { personId: own.personId, reason: "general_health", note: "" };
    const before = await waitingRows(api, own.personId);

    for (const [what, headers] of [
      ["another origin", { origin: "https://evil.example" }],
      ["a look-alike origin", { origin: "http://localhost:3100.evil.example" }],
      ["Origin: null", { origin: "null" }],
      ["no Origin", {}],
    ] as const) {
      const result = await postAction(api, action, fields, headers);
      expect(succeeded(result), `${what}: ${result.status} ${result.redirect ?? ""}`).toBe(false);
      expect(await waitingRows(api, own.personId), what).toBe(before);
    }

    const control = await postAction(api, action, fields, { origin: baseURL });
    expect(succeeded(control), `same origin: ${control.status} ${control.body.slice(0, 200)}`).toBe(true);
    expect(await waitingRows(api, own.personId)).toBe(before + 1);
    await api.dispose();
  });
});

test.describe("x-middleware-subrequest (CVE-2025-29927) gets nothing", () => {
  const bypass = {
    "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
  };
  const bypassProxy = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" };

  test("signed out: protected pages still send the user to sign in", async () => {
    const { own } = loadFixtures();
    const api = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    for (const headers of [bypass, bypassProxy]) {
      for (const url of ["/caseload", `/people/${own.personId}`, "/admin/users", "/dashboards"]) {
        const response = await api.get(url, { headers, maxRedirects: 0 });
        expect(response.status(), url).toBeGreaterThanOrEqual(300);
        expect(response.status(), url).toBeLessThan(400);
        expect(new URL(response.headers()["location"] ?? "", baseURL).pathname, url).toBe("/sign-in");
      }
      const csv = await api.get("/dashboards/export?table=reach&from=2026-01-01&to=2026-02-01", { headers, maxRedirects: 0 });
      expect(csv.status()).toBe(401);
    }
    await api.dispose();
  });

  test("an officer still gets 403 for a clinician's page, and the headers are still set", async ({ browser }) => {
    const { own } = loadFixtures();
    const api = await playwrightRequest.newContext({ baseURL, storageState: await liveStorageState(browser, "probation_officer") });
    for (const headers of [bypass, bypassProxy]) {
      const response = await api.get(`/people/${own.personId}/consent`, { headers, maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      // Refused as without the header (403), or at worst sent to sign in: never the page.
      expect(response.status() === 403 || (response.status() === 307 && new URL(location, baseURL).pathname === "/sign-in"), `${response.status()} ${location}`).toBe(true);
      expect(response.headers()["content-security-policy"] ?? "", "the proxy still ran").toContain("frame-ancestors 'none'");
      const page = await api.get(`/people/${own.personId}`, { headers, maxRedirects: 0 });
      expect(page.status(), `an officer's own page still opens (${page.headers()["location"] ?? ""})`).toBe(200);
    }
    await api.dispose();
  });
});
