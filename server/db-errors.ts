import "server-only";

/** The Postgres unique-violation constraint name behind an error, looking through driver wrappers. */
export function uniqueViolation(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === "object" && current !== null) {
      const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
      if (e.code === "23505") {
        const name = e.constraint_name ?? e.constraint;
        return typeof name === "string" ? name : "unknown";
      }
      current = e.cause;
    } else break;
  }
  return null;
}
