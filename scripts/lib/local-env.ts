import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";

/**
 * Loads .env.local like Next.js does, and on a new machine writes a random AUTH_SECRET there
 * (git-ignored) so `npm run dev` works with no set-up. A secret already in the environment wins.
 */
export function loadLocalEnv({ ensureSecret }: { ensureSecret: boolean }): void {
  if (existsSync(".env.local")) process.loadEnvFile(".env.local");
  if (!ensureSecret || process.env.AUTH_SECRET?.trim()) return;
  const secret = randomBytes(32).toString("base64url");
  const existing = existsSync(".env.local") ? readFileSync(".env.local", "utf8") : "";
  appendFileSync(".env.local", `${existing && !existing.endsWith("\n") ? "\n" : ""}# Written by npm run dev on first start: signs session tokens.\nAUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
  console.log("Wrote a new AUTH_SECRET to .env.local");
}
