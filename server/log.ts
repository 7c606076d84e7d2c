import "server-only";

// Server-side log lines are JSON; error messages may quote database rows, so only the error's
// name and stack frames are kept, never request bodies.
export function logError(message: string, error: unknown): void {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: message, error: detail }));
}
