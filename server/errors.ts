/**
 * Typed errors thrown by use cases; translated for the user in one place (server/form-action.ts
 * for forms, app error pages for reads). Database messages never reach a user.
 */
export class NotFoundError extends Error {
  constructor(what = "record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(public readonly permission: string) {
    super(`forbidden: ${permission}`);
    this.name = "ForbiddenError";
  }
}

export class ConflictError extends Error {
  constructor(public readonly userMessage: string) {
    super(userMessage);
    this.name = "ConflictError";
  }
}

export class ValidationError extends Error {
  constructor(public readonly fieldErrors: Record<string, string>) {
    super(`invalid: ${Object.keys(fieldErrors).join(", ")}`);
    this.name = "ValidationError";
  }
}

/** A server action ran after the session ended (signed out elsewhere, idle or too old). */
export class SessionEndedError extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEndedError";
  }
}
