import "server-only";
import { headers } from "next/headers";
import { env } from "../env";

/** The bucket every request shares when the client address cannot be known (see below). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * The client's address for sign-in throttling and the audit trail.
 *
 * Next.js 16 gives server actions and route handlers no socket address: `next start` copies the
 * socket's address into X-Forwarded-For only when the request did not bring one (base-server.js,
 * `x-forwarded-for ??= socket.remoteAddress`), so the header cannot tell a real address from one
 * the client made up. It is therefore believed only with TRUST_PROXY=1, behind a reverse proxy that
 * appends the address it saw: the last entry is the one the proxy wrote. Otherwise every request
 * counts as "unknown" (one shared bucket: see README, "Sign-in protection").
 */
export function clientAddressFrom(h: Headers, trustProxy = env.TRUST_PROXY === "1"): string {
  if (!trustProxy) return UNKNOWN_ADDRESS;
  const forwarded = h.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  const last = forwarded?.at(-1) ?? h.get("x-real-ip")?.trim();
  return last && last.length <= 100 ? last : UNKNOWN_ADDRESS;
}

export async function clientAddress(): Promise<string> {
  return clientAddressFrom(await headers());
}
