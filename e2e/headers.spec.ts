import { expect, storageStateFor, test } from "./fixtures";

const routes = ["/sign-in", "/caseload", "/appointments", "/people/new", "/sites", "/no-such-page", "/api/auth/session"];

test.describe("security headers and cookies", () => {
  test.use({ storageState: storageStateFor("clinician") });

  for (const route of routes) {
    test(`${route} sends the security headers`, async ({ request }) => {
      const response = await request.get(route, { maxRedirects: 0 });
      const h = response.headers();
      expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(h["content-security-policy"]).not.toContain("unsafe-eval");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("same-origin");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-powered-by"]).toBeUndefined();
    });
  }

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ context }) => {
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes("session-token"));
    expect(session, "session cookie").toBeDefined();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    // Secure is set when served over https (next-auth's useSecureCookies follows the URL scheme).
  });
});
