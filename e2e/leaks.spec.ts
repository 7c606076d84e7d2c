/**
 * What a probation officer's browser receives must not include clinical fields, not even hidden:
 * the raw HTML and the RSC payload (the `RSC: 1` request a client-side navigation makes) of every
 * page the officer can open (every page route whose rule gives the officer a 200), for the
 * Cambridge fixture person whose clinical free-text fields hold marker values
 * (e2e/support/seed-fixtures.ts). A clinician, who may read them, sees the markers: the control
 * that the markers are really there to be leaked.
 */
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import type { Role } from "../domain/roles";
import { expect, test } from "./fixtures";
import { liveStorageState } from "./support/sessions";
import { expectedFor, fillRoute, loadFixtures, pageRoutes, pageRules } from "./support/routes";

const baseURL = `http://localhost:${process.env.E2E_PORT ?? "3100"}`;

function pagesFor(role: Role): string[] {
  const fixtures = loadFixtures();
  return pageRoutes()
    .filter((route) => {
      const rule = pageRules[route];
      const expected = rule ? expectedFor(rule, role, "own") : null;
      return expected !== null && "status" in expected && expected.status === 200;
    })
    .map((route) => fillRoute(route, fixtures.own));
}

async function payloads(api: APIRequestContext, url: string): Promise<{ html: string; rsc: string }> {
  const html = await api.get(url, { maxRedirects: 0 });
  expect(html.status(), url).toBe(200);
  // Next.js answers an RSC request without its cache-busting `_rsc` parameter with a redirect to
  // the same URL carrying it: follow that one, and check it did not lead anywhere else.
  const rsc = await api.get(url, { headers: { RSC: "1" } });
  expect(rsc.status(), `${url} (RSC)`).toBe(200);
  expect(new URL(rsc.url()).pathname, `${url} (RSC) ended elsewhere`).toBe(new URL(url, baseURL).pathname);
  expect(rsc.headers()["content-type"] ?? "", `${url} (RSC)`).toContain("text/x-component");
  return { html: await html.text(), rsc: await rsc.text() };
}

test.describe("no clinical field reaches a probation officer", () => {
  test("the HTML and RSC payload of every page an officer can open hold no clinical marker", async ({ browser }) => {
    test.setTimeout(120_000);
    const { markers } = loadFixtures();
    const pages = pagesFor("probation_officer");
    // The officer's own person page and the caseload are among them, or the check proves little.
    expect(pages.length).toBeGreaterThan(8);
    expect(pages).toContain(`/people/${loadFixtures().own.personId}`);
    const api = await playwrightRequest.newContext({ baseURL, storageState: await liveStorageState(browser, "probation_officer") });
    const leaks: string[] = [];
    for (const url of pages) {
      const { html, rsc } = await payloads(api, url);
      for (const [field, marker] of Object.entries(markers)) {
        if (html.includes(marker)) leaks.push(`${url} HTML: ${field}`);
        if (rsc.includes(marker)) leaks.push(`${url} RSC: ${field}`);
      }
    }
    await api.dispose();
    expect(leaks).toEqual([]);
  });

  test("control: a clinician's pages do show the markers", async ({ browser }) => {
    const { markers } = loadFixtures();
    const api = await playwrightRequest.newContext({ baseURL, storageState: await liveStorageState(browser, "clinician") });
    const seen = new Set<string>();
    for (const url of pagesFor("clinician")) {
      const { html, rsc } = await payloads(api, url);
      for (const [field, marker] of Object.entries(markers)) if (html.includes(marker) || rsc.includes(marker)) seen.add(field);
    }
    await api.dispose();
    // Most markers show on some clinician page (a few, such as one drugs answer, only show on a
    // health check section the route table does not open); enough to prove they are there to leak.
    expect(seen.size, `markers a clinician sees: ${[...seen].join(", ")}`).toBeGreaterThanOrEqual(5);
  });
});
