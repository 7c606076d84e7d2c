import { isValidCrn, normaliseCrn } from "./crn";
import { addDays, dateFromParts } from "./dates";
import { isValidNhsNumber, normaliseNhsNumber } from "./nhs-number";

/**
 * The administrator's audit search, read from the address bar (a GET form, so results, paging and
 * the CSV download all share one URL). Dates are London calendar days, both included.
 */
export type AuditOutcome = "success" | "denied" | "failure";
export const auditOutcomes: readonly AuditOutcome[] = ["success", "denied", "failure"];

export type PersonRef = { kind: "crn" | "nhsNumber" | "id"; value: string };

export type AuditSearchQuery = {
  userEmail?: string;
  person?: PersonRef;
  action?: string;
  outcome?: AuditOutcome;
  /** London dates, inclusive. */
  from?: string;
  to?: string;
};

export type AuditSearchFields = {
  user: string;
  person: string;
  action: string;
  outcome: string;
  from: { day: string; month: string; year: string };
  to: { day: string; month: string; year: string };
};

export type AuditSearchField = "user" | "person" | "action" | "outcome" | "from" | "to";
export type AuditSearchErrors = Partial<Record<AuditSearchField, string>>;

export const auditSearchMessages = {
  userEmail: "Enter an email address in the correct format, like name@example.com",
  person: "Enter a CRN (like A123456), a 10-digit NHS number or a person's id",
  personNotFound: "There is no person with that CRN, NHS number or id at your sites",
  action: "Choose an action from the list",
  outcome: "Choose an outcome from the list",
  fromDate: "Start date must be a real date, like 1 3 2026",
  toDate: "End date must be a real date, like 31 3 2026",
  toBeforeFrom: "End date must be the same as or after the start date",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACTION = /^[a-z][a-z0-9_.-]{0,99}$/;

type Params = Record<string, string | string[] | undefined>;
const one = (p: Params, key: string) => {
  const v = p[key];
  return ((Array.isArray(v) ? v[0] : v) ?? "").slice(0, 300);
};

export function parsePersonRef(input: string): PersonRef | null {
  const text = input.trim();
  if (isValidCrn(text)) return { kind: "crn", value: normaliseCrn(text) };
  if (isValidNhsNumber(normaliseNhsNumber(text))) return { kind: "nhsNumber", value: normaliseNhsNumber(text) };
  if (UUID.test(text)) return { kind: "id", value: text.toLowerCase() };
  return null;
}

export type AuditSearchParse = { fields: AuditSearchFields; query: AuditSearchQuery; errors: AuditSearchErrors; searched: boolean };

export function parseAuditSearch(params: Params): AuditSearchParse {
  const date = (prefix: string) => ({ day: one(params, `${prefix}Day`).trim(), month: one(params, `${prefix}Month`).trim(), year: one(params, `${prefix}Year`).trim() });
  const fields: AuditSearchFields = {
    user: one(params, "user").trim(),
    person: one(params, "person").trim(),
    action: one(params, "action").trim(),
    outcome: one(params, "outcome").trim(),
    from: date("from"),
    to: date("to"),
  };
  const query: AuditSearchQuery = {};
  const errors: AuditSearchErrors = {};

  if (fields.user) {
    if (EMAIL.test(fields.user) && fields.user.length <= 254) query.userEmail = fields.user.toLowerCase();
    else errors.user = auditSearchMessages.userEmail;
  }
  if (fields.person) {
    const ref = parsePersonRef(fields.person);
    if (ref) query.person = ref;
    else errors.person = auditSearchMessages.person;
  }
  if (fields.action) {
    if (ACTION.test(fields.action)) query.action = fields.action;
    else errors.action = auditSearchMessages.action;
  }
  if (fields.outcome) {
    const outcome = auditOutcomes.find((o) => o === fields.outcome);
    if (outcome) query.outcome = outcome;
    else errors.outcome = auditSearchMessages.outcome;
  }
  for (const [key, message] of [
    ["from", auditSearchMessages.fromDate],
    ["to", auditSearchMessages.toDate],
  ] as const) {
    const parts = fields[key];
    if (!parts.day && !parts.month && !parts.year) continue;
    const iso = dateFromParts(parts.day, parts.month, parts.year);
    if (iso) query[key] = iso;
    else errors[key] = message;
  }
  if (query.from && query.to && query.to < query.from) errors.to = auditSearchMessages.toBeforeFrom;

  const searched = Object.values(fields).some((v) => (typeof v === "string" ? v !== "" : Boolean(v.day || v.month || v.year)));
  return { fields, query, errors, searched };
}

/** The search as URL parameters, for paging links and the CSV download. */
export function auditSearchParams(fields: AuditSearchFields): Record<string, string> {
  return {
    user: fields.user,
    person: fields.person,
    action: fields.action,
    outcome: fields.outcome,
    fromDay: fields.from.day,
    fromMonth: fields.from.month,
    fromYear: fields.from.year,
    toDay: fields.to.day,
    toMonth: fields.to.month,
    toYear: fields.to.year,
  };
}

/** The day after `to`, for a half-open range [from, to + 1 day). */
export function exclusiveEnd(to: string): string {
  return addDays(to, 1);
}
