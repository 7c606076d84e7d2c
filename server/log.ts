import "server-only";

/**
 * Server-side log lines are JSON. A database error's message can quote the row it failed on (an
 * NHS number in a unique violation), so only the error's name, code and stack frames are kept:
 * never its message or the request body.
 */
export function logError(message: string, error: unknown): void {
  const detail =
    error instanceof Error
      ? {
          name: error.name,
          code: codeOf(error),
          frames: error.stack?.split("\n").slice(1, 8).map((l) => l.trim()),
        }
      : { type: typeof error };
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: message, error: detail }));
}

function codeOf(error: Error): string | undefined {
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
