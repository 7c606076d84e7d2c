import { NextResponse, type NextRequest } from "next/server";

/**
 * Sets the Content-Security-Policy with a fresh nonce per request (Next.js adds the nonce to its
 * own scripts). Headers only: authorization never happens here (CVE-2025-29927); every page and
 * action checks the session itself through server/.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const isDev = process.env.NODE_ENV === "development";
  const https = request.nextUrl.protocol === "https:";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes set by React for focus management; no third-party styles load.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  // Server actions are POSTs to page URLs. Next.js refuses one whose Origin names another host but
  // lets one with no Origin through; a browser always sends Origin on a POST, so a missing, "null"
  // or foreign Origin is a forged request (CSRF): refused before any action runs. Not authorization:
  // the session and permission are still checked by the action itself.
  if (request.method === "POST" && !request.nextUrl.pathname.startsWith("/api/") && !sameOrigin(request)) {
    return new NextResponse("This form was not sent from this service.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": csp },
    });
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Where the request was going, so a page that finds no session can send the user to sign in and
  // back here (server/context.ts). Set, not trusted from the client: any incoming value is replaced.
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc"); // the router's cache-busting parameter on client navigations, not the user's
  const query = search.toString();
  requestHeaders.set("x-hub-path", `${request.nextUrl.pathname}${query ? `?${query}` : ""}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  // As Next.js compares: the forwarded host (behind a proxy) or the Host header.
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return originHost === forwarded || originHost === request.headers.get("host");
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
