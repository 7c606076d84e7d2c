import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Structured server logs: one JSON object per line (pino), level from LOG_LEVEL (default info).
 *
 * Personal data stays out of the logs. Fields that name or identify a person, or hold what they
 * told a clinician, are redacted wherever they appear one level down (and at the top), and so are
 * cookies and authorization headers. A database error's message can quote the row it failed on (an
 * NHS number in a unique violation), so for errors only the name, code and stack frames are kept:
 * never the message or the request body.
 */
const personalFields = ["nhsNumber", "crn", "name", "givenName", "familyName", "firstName", "lastName", "dateOfBirth", "email", "actorEmail", "password", "answers", "notes", "note", "address", "phone", "ip"];

export const redactPaths: string[] = [
  ...personalFields.flatMap((field) => [field, `*.${field}`]),
  "req.headers.cookie",
  "req.headers.authorization",
  "headers.cookie",
  "headers.authorization",
];

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

export function logLevelFromEnv(value = process.env.LOG_LEVEL): string {
  const level = value?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : "info";
}

/** A logger with the hub's redaction; tests pass their own destination to read what was written. */
export function createLogger(destination?: DestinationStream, level = logLevelFromEnv()): Logger {
  const options = {
    level,
    redact: { paths: redactPaths, censor: "[Redacted]" },
    base: { service: "probation-health-hub" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** What is kept of an error: never its message, which can quote personal data. */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = (error as { cause?: unknown }).cause;
  return {
    // "kind", not "name": *.name is redacted as a person's name.
    kind: error.name,
    code: codeOf(error),
    frames: error.stack?.split("\n").slice(1, 8).map((l) => l.trim()),
    // drizzle wraps the driver's error: its code (e.g. 23505) is what tells failures apart.
    ...(cause instanceof Error ? { cause: { kind: cause.name, code: codeOf(cause) } } : {}),
  };
}

function codeOf(error: Error): string | undefined {
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

export type Log = {
  logError(message: string, error: unknown, fields?: Record<string, unknown>): void;
  logWarn(message: string, fields?: Record<string, unknown>): void;
  logInfo(message: string, fields?: Record<string, unknown>): void;
};

export function bindLog(logger: Logger): Log {
  return {
    logError: (message, error, fields) => logger.error({ ...fields, error: errorSummary(error) }, message),
    logWarn: (message, fields) => logger.warn(fields ?? {}, message),
    logInfo: (message, fields) => logger.info(fields ?? {}, message),
  };
}

const serverLog = bindLog(createLogger());

export const logError: Log["logError"] = serverLog.logError;
export const logWarn: Log["logWarn"] = serverLog.logWarn;
export const logInfo: Log["logInfo"] = serverLog.logInfo;
