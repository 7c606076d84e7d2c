/**
 * Where to send someone after they sign in. Only a path on this site is allowed: anything that a
 * browser could read as another origin ("//evil.example", "/\evil.example", "https://...", or a
 * path with a tab or newline that the URL parser strips) would make the sign-in page an open
 * redirect, so it falls back to the home page.
 */
export const RETURN_TO_FALLBACK = "/";
const MAX_LENGTH = 2048;
const BASE = "http://return-to.invalid";

export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return RETURN_TO_FALLBACK;
  // One leading slash, then no second slash or backslash straight after it.
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return RETURN_TO_FALLBACK;
  // No backslashes, whitespace or control characters anywhere: browsers rewrite or strip them.
  if (/[\\\s\u0000-\u001f\u007f]/.test(value)) return RETURN_TO_FALLBACK;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return RETURN_TO_FALLBACK;
  }
  // Dot segments can collapse into "//" ("/..//evil.example"): check what the browser would get.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return RETURN_TO_FALLBACK;
  // Back to the sign-in page itself would only loop.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return RETURN_TO_FALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page for someone who should come back to `path` afterwards. */
export function signInPath(path: string | null | undefined, reason?: "idle" | "absolute"): string {
  const params = new URLSearchParams();
  const returnTo = safeReturnTo(path);
  if (returnTo !== RETURN_TO_FALLBACK) params.set("returnTo", returnTo);
  if (reason) params.set("reason", reason);
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}
