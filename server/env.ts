import "server-only";
import { z } from "zod";

// Settings checked once at start-up; an empty string counts as missing (STYLE.md 10).
const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  PGLITE_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "AUTH_SECRET must be at least 32 characters")),
  // Encrypts TOTP secrets at rest; AUTH_SECRET is used when unset (server/auth/two-factor-keys.ts).
  TWO_FACTOR_ENCRYPTION_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, "TWO_FACTOR_ENCRYPTION_KEY must be at least 32 characters").optional()),
  // "1" only behind a reverse proxy that sets X-Forwarded-For: the client address is then its last entry.
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(["0", "1"]).default("0")),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new Error(`Invalid environment settings (see .env.example):\n${problems}`);
}

export const env = parsed.data;
