/**
 * Every use case in server/, called as every role, against a record at the caller's own site and
 * at another site. The expected answer is derived from the permission table in domain/, not
 * written case by case: without the permission -> Forbidden; with it, another site's record ->
 * NotFound (lists simply leave it out, creates at another site are refused as invalid). Every
 * refusal writes one "denied" audit row and changes nothing: a fingerprint (row count and a hash
 * of every row) of every table but the audit log is the same before and after.
 *
 * A completeness test at the end imports every module in server/ and fails when an exported
 * function is neither in this matrix nor in the commented exclusion list, so a new use case
 * cannot go untested by accident.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Database, DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { auditEvents, clinicalAlerts, consents, referrals, seeRequests, services, type people } from "@/db/schema";
import { can, type Permission } from "@/domain/permissions";
import { roles, type Role } from "@/domain/roles";
import { saveSectionSchemas } from "@/domain/schemas/health-check";
import { todayInLondon } from "@/domain/dates";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser, personInput } from "@/test/factories";
import type { Ctx } from "./context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { actionAlert } from "./alerts/mutations";
import { getPersonHistory } from "./audit/person-history";
import { exportAuditEvents, searchAuditEvents } from "./audit/search";
import { getUserTwoFactor, resetUserTwoFactor, setUserTwoFactorRequired } from "./auth/admin-two-factor";
import { getSubjectAccessReport } from "./subject-access/gather";
import { getAlert, listOpenAlerts, listOpenAlertsForPerson } from "./alerts/queries";
import { bookAppointment, recordOutcome } from "./appointments/mutations";
import { getAppointment, listUpcoming } from "./appointments/queries";
import { recordConsent, withdrawConsent } from "./consent/mutations";
import { getConsentOverview } from "./consent/queries";
import { exportDashboardTable } from "./dashboards/export";
import { getDashboard, getEarliestEnrolment } from "./dashboards/measures";
import { getSiteOverview } from "./dashboards/site-overview";
import { recordGpRegistration } from "./gp/mutations";
import { getGpRegistration, listNotRegisteredWithGp } from "./gp/queries";
import { getProbationHealthStatus } from "./health/probation-status";
import { completeHealthCheck, saveHealthCheckSection, startHealthCheck } from "./health-checks/mutations";
import { getHealthCheck, getHealthHistory, getStartOptions, listDraftHealthChecks } from "./health-checks/queries";
import { createPerson, updatePerson } from "./people/mutations";
import { getPerson, getTimeline, listCaseload } from "./people/queries";
import { createReferral, transitionReferral } from "./referrals/mutations";
import { getProbationReferrals, listCaseloadReferrals } from "./referrals/probation";
import { getNewReferralOptions, getReferral, listReferrals, listReferralsForPerson } from "./referrals/queries";
import { listAcceptedNotBooked, listAwaitingResponse, listDidNotAttend } from "./referrals/worklists";
import { createRequirement, recordReview, updateRequirement } from "./requirements/mutations";
import { getRequirement, listRequirements } from "./requirements/queries";
import { updateScreening } from "./screening/mutations";
import { getScreeningOverview, listScreeningDueAtSites } from "./screening/queries";
import { createSeeRequest, handleSeeRequest } from "./see-requests/mutations";
import { getSeeRequest, listOpenSeeRequests, listSeeRequestsForPerson } from "./see-requests/queries";
import { createService, setServiceActive, updateService } from "./services/mutations";
import { getService, listServices } from "./services/queries";
import { listMySites, listOfficers } from "./sites/queries";
import { createUser, resetPassword, setUserDisabled, updateUserAccess } from "./users/mutations";
import { getUser, listUsers } from "./users/queries";

type Where = "own" | "other";

/** Everything a use case can target, made fresh at one site for each test. */
type World = {
  siteId: string;
  person: typeof people.$inferSelect;
  appointment: { id: string; version: number };
  healthAppointment: { id: string; version: number };
  hubCareConsentId: string;
  serviceId: string;
  referralId: string;
  healthCheckId: string;
  alertId: string;
  requirementId: string;
  seeRequestId: string;
  staffUserId: string;
  staffEmail: string;
};

type UseCase = {
  /** The exported function's name: the completeness test matches on it. */
  fn: string;
  /** Extra words when one function is in the matrix more than once. */
  variant?: string;
  /** Every one of these is needed... */
  permissions: Permission[];
  /** ...or, when set, any one of these. */
  anyOf?: Permission[];
  /**
   * record: targets one record (other site -> NotFound);
   * list: other site's rows are left out (checked with `includes` when given);
   * create: making something at (or filtering by a person at) another site is a validation error;
   * aggregate: figures over the caller's own sites, allowed either way (the other site cannot be named).
   */
  shape: "record" | "list" | "create" | "aggregate";
  run: (ctx: Ctx, w: World) => Promise<unknown>;
  includes?: (result: unknown, w: World) => boolean;
  /** The target is health information hidden from roles without health:read: refusal may be a not found. */
  hidden?: boolean;
  /** Allowed, but the target's state makes the business rules refuse it (shows authorization passed). */
  ownRefusal?: "validation";
};

const inTwoDays = () => {
  const d = new Date(Date.now() + 2 * 86400_000);
  return { date: d.toISOString().slice(0, 10), time: "10:30" };
};
type Row = { id?: string; alertId?: string; siteId?: string; personId?: string };
const rowsOf = (r: unknown): Row[] => {
  if (Array.isArray(r)) return r as Row[];
  const o = r as { rows?: unknown[]; entries?: unknown[] };
  return (o.rows ?? o.entries ?? []) as Row[];
};
const hasId = (id: (w: World) => string) => (r: unknown, w: World) => rowsOf(r).some((row) => (row.id ?? row.alertId) === id(w));
const hasPerson = (r: unknown, w: World) => rowsOf(r).some((row) => row.personId === w.person.id || row.id === w.person.id);
const period = () => ({ from: "2026-01-01", to: todayInLondon() });

const useCases: UseCase[] = [
  // people
  { fn: "listCaseload", permissions: ["caseload:read"], shape: "list", run: (ctx, w) => listCaseload({ ctx, query: { q: w.person.familyName } }), includes: hasId((w) => w.person.id) },
  { fn: "getPerson", permissions: ["person:read"], shape: "record", run: (ctx, w) => getPerson({ ctx, personId: w.person.id }) },
  { fn: "getTimeline", permissions: ["appointment:read"], shape: "list", run: (ctx, w) => getTimeline({ ctx, personId: w.person.id }), includes: hasId((w) => w.appointment.id) },
  { fn: "createPerson", permissions: ["person:create"], shape: "create", run: (ctx, w) => createPerson({ ctx, input: personInput(w.siteId), enrolledOn: "2026-11-01" }) },
  {
    fn: "updatePerson",
    permissions: ["person:update"],
    shape: "record",
    run: (ctx, w) =>
      updatePerson({ ctx, input: { ...personInput(w.siteId, { crn: w.person.crn, nhsNumber: w.person.nhsNumber }), personId: w.person.id, version: w.person.version } }),
  },
  // appointments
  {
    fn: "bookAppointment",
    variant: "health hub",
    permissions: ["appointment:create", "health:write"],
    shape: "record",
    run: (ctx, w) =>
      bookAppointment({ ctx, input: { personId: w.person.id, kind: "health", type: "health_check", siteId: w.siteId, ...inTwoDays(), durationMinutes: 30, clinicianAttends: true } }),
  },
  {
    fn: "bookAppointment",
    variant: "probation",
    permissions: ["appointment:create", "probation-appointment:write"],
    shape: "record",
    run: (ctx, w) =>
      bookAppointment({ ctx, input: { personId: w.person.id, kind: "probation", type: "supervision", siteId: w.siteId, ...inTwoDays(), durationMinutes: 30, clinicianAttends: false } }),
  },
  {
    fn: "recordOutcome",
    variant: "health hub",
    permissions: ["appointment:record-outcome", "health:write"],
    shape: "record",
    hidden: true,
    run: (ctx, w) => recordOutcome({ ctx, input: { appointmentId: w.healthAppointment.id, version: w.healthAppointment.version, outcome: "attended", note: null } }),
  },
  {
    fn: "recordOutcome",
    variant: "probation",
    permissions: ["appointment:record-outcome", "probation-appointment:write"],
    shape: "record",
    run: (ctx, w) => recordOutcome({ ctx, input: { appointmentId: w.appointment.id, version: w.appointment.version, outcome: "attended", note: null } }),
  },
  { fn: "getAppointment", variant: "health hub", permissions: ["appointment:read", "health:read"], shape: "record", hidden: true, run: (ctx, w) => getAppointment({ ctx, appointmentId: w.healthAppointment.id }) },
  { fn: "getAppointment", variant: "probation", permissions: ["appointment:read"], shape: "record", run: (ctx, w) => getAppointment({ ctx, appointmentId: w.appointment.id }) },
  { fn: "listUpcoming", permissions: ["appointment:read"], shape: "list", run: (ctx) => listUpcoming({ ctx, range: "week" }), includes: hasId((w) => w.appointment.id) },
  // sites
  { fn: "listMySites", permissions: ["site:read"], shape: "list", run: (ctx) => listMySites({ ctx }), includes: hasId((w) => w.siteId) },
  { fn: "listOfficers", permissions: ["caseload:read"], shape: "list", run: (ctx) => listOfficers({ ctx }), includes: (r, w) => rowsOf(r).some((o) => o.siteId === w.siteId) },
  // consent
  {
    fn: "recordConsent",
    permissions: ["health:write"],
    shape: "record",
    run: (ctx, w) =>
      recordConsent({ ctx, input: { personId: w.person.id, kind: "evaluation", decision: "given", decidedOn: "2026-01-06", informationVersion: "Hub leaflet v1.2", method: "own_consent" } }),
  },
  {
    fn: "withdrawConsent",
    permissions: ["health:write"],
    shape: "record",
    run: (ctx, w) => withdrawConsent({ ctx, input: { personId: w.person.id, consentId: w.hubCareConsentId, version: 1, withdrawnOn: todayInLondon() } }),
  },
  { fn: "getConsentOverview", permissions: ["health:read"], shape: "record", run: (ctx, w) => getConsentOverview({ ctx, personId: w.person.id }) },
  // health checks and alerts
  { fn: "startHealthCheck", permissions: ["health:write"], shape: "record", run: (ctx, w) => startHealthCheck({ ctx, input: { personId: w.person.id, appointmentId: null } }) },
  {
    fn: "saveHealthCheckSection",
    permissions: ["health:write"],
    shape: "record",
    run: (ctx, w) =>
      saveHealthCheckSection({ ctx, input: saveSectionSchemas.smoking.parse({ healthCheckId: w.healthCheckId, version: "1", section: "smoking", status: "never", vapes: "no" }) }),
  },
  {
    fn: "completeHealthCheck",
    permissions: ["health:write"],
    shape: "record",
    // The draft has no answers yet: completing it is refused on its merits, after the checks of who and where.
    ownRefusal: "validation",
    run: (ctx, w) => completeHealthCheck({ ctx, input: { healthCheckId: w.healthCheckId, version: 1 } }),
  },
  { fn: "getStartOptions", permissions: ["health:write"], shape: "record", run: (ctx, w) => getStartOptions({ ctx, personId: w.person.id }) },
  { fn: "getHealthCheck", permissions: ["health:read"], shape: "record", run: (ctx, w) => getHealthCheck({ ctx, healthCheckId: w.healthCheckId }) },
  { fn: "getHealthHistory", permissions: ["health:read"], shape: "record", run: (ctx, w) => getHealthHistory({ ctx, personId: w.person.id }) },
  { fn: "listDraftHealthChecks", permissions: ["health:read"], shape: "list", run: (ctx) => listDraftHealthChecks({ ctx }), includes: hasPerson },
  { fn: "actionAlert", permissions: ["health:write"], shape: "record", run: (ctx, w) => actionAlert({ ctx, input: { alertId: w.alertId, version: 1, action: "same_day_review", note: null } }) },
  { fn: "getAlert", permissions: ["health:read"], shape: "record", run: (ctx, w) => getAlert({ ctx, alertId: w.alertId }) },
  { fn: "listOpenAlerts", permissions: ["health:read"], shape: "list", run: (ctx) => listOpenAlerts({ ctx }), includes: hasId((w) => w.alertId) },
  { fn: "listOpenAlertsForPerson", permissions: ["health:read"], shape: "list", run: (ctx, w) => listOpenAlertsForPerson({ ctx, personId: w.person.id }), includes: hasId((w) => w.alertId) },
  { fn: "getProbationHealthStatus", permissions: ["health-status:read"], shape: "record", run: (ctx, w) => getProbationHealthStatus({ ctx, personId: w.person.id }) },
  // GP and screening
  {
    fn: "recordGpRegistration",
    permissions: ["health:write"],
    shape: "record",
    run: (ctx, w) =>
      recordGpRegistration({
        ctx,
        input: { personId: w.person.id, status: "not_registered", practiceName: null, odsCode: null, registrationType: null, supportStartedOn: "2026-01-05", registeredOn: null, barriers: ["no_fixed_address"], note: null },
      }),
  },
  { fn: "getGpRegistration", permissions: ["health:read"], shape: "record", run: (ctx, w) => getGpRegistration({ ctx, personId: w.person.id }) },
  { fn: "listNotRegisteredWithGp", permissions: ["health:read"], shape: "list", run: (ctx) => listNotRegisteredWithGp({ ctx }) },
  {
    fn: "updateScreening",
    permissions: ["health:write"],
    shape: "record",
    run: (ctx, w) =>
      updateScreening({
        ctx,
        input: {
          personId: w.person.id,
          programme: "bowel",
          version: 0,
          status: "discussed",
          discussedOn: "2026-02-10",
          bookedFor: null,
          attendedOn: null,
          declinedOn: null,
          resultReceivedOn: null,
          lastTestOn: null,
          lastResultHpvNegative: null,
          note: null,
        },
      }),
  },
  { fn: "getScreeningOverview", permissions: ["health:read"], shape: "record", run: (ctx, w) => getScreeningOverview({ ctx, personId: w.person.id }) },
  { fn: "listScreeningDueAtSites", permissions: ["health:read"], shape: "list", run: (ctx) => listScreeningDueAtSites({ ctx }), includes: hasPerson },
  // referrals
  {
    fn: "createReferral",
    permissions: ["referral:write"],
    shape: "record",
    run: (ctx, w) =>
      createReferral({ ctx, input: { personId: w.person.id, serviceId: w.serviceId, reason: "Low mood, wants talking therapy", urgency: "routine", personAgreed: true, healthCheckId: null, send: true } }),
  },
  { fn: "transitionReferral", permissions: ["referral:write"], shape: "record", run: (ctx, w) => transitionReferral({ ctx, input: { referralId: w.referralId, version: 1, event: "accept" } }) },
  { fn: "getReferral", permissions: ["referral:read"], shape: "record", run: (ctx, w) => getReferral({ ctx, referralId: w.referralId }) },
  { fn: "listReferralsForPerson", permissions: ["referral:read"], shape: "record", run: (ctx, w) => listReferralsForPerson({ ctx, personId: w.person.id }) },
  { fn: "listReferrals", permissions: ["referral:read"], shape: "list", run: (ctx) => listReferrals({ ctx, query: { sort: "created", dir: "desc" } }), includes: hasId((w) => w.referralId) },
  { fn: "getNewReferralOptions", permissions: ["referral:write"], shape: "record", run: (ctx, w) => getNewReferralOptions({ ctx, personId: w.person.id }) },
  { fn: "listAwaitingResponse", permissions: ["referral:read"], shape: "list", run: (ctx) => listAwaitingResponse({ ctx, days: 0, now: new Date(Date.now() + 30 * 86400_000) }), includes: hasPerson },
  { fn: "listAcceptedNotBooked", permissions: ["referral:read"], shape: "list", run: (ctx) => listAcceptedNotBooked({ ctx }) },
  { fn: "listDidNotAttend", permissions: ["referral:read"], shape: "list", run: (ctx) => listDidNotAttend({ ctx }) },
  { fn: "getProbationReferrals", permissions: ["referral-status:read"], shape: "record", run: (ctx, w) => getProbationReferrals({ ctx, personId: w.person.id }) },
  { fn: "listCaseloadReferrals", permissions: ["referral-status:read"], shape: "list", run: (ctx) => listCaseloadReferrals({ ctx }) },
  // the audit trail of a person's record
  { fn: "getPersonHistory", permissions: ["health:read"], shape: "record", run: (ctx, w) => getPersonHistory({ ctx, input: { personId: w.person.id } }) },
  { fn: "getSubjectAccessReport", variant: "view", permissions: ["health:read"], shape: "record", run: (ctx, w) => getSubjectAccessReport({ ctx, input: { personId: w.person.id, purpose: "view" } }) },
  { fn: "getSubjectAccessReport", variant: "export", permissions: ["health:read"], shape: "record", run: (ctx, w) => getSubjectAccessReport({ ctx, input: { personId: w.person.id, purpose: "export" } }) },
  // please-see requests
  { fn: "createSeeRequest", permissions: ["see-request:create"], shape: "record", run: (ctx, w) => createSeeRequest({ ctx, input: { personId: w.person.id, reason: "general_health", note: null } }) },
  { fn: "handleSeeRequest", permissions: ["see-request:handle"], shape: "record", run: (ctx, w) => handleSeeRequest({ ctx, input: { seeRequestId: w.seeRequestId, version: 1, status: "seen" } }) },
  { fn: "getSeeRequest", permissions: ["see-request:handle"], shape: "record", run: (ctx, w) => getSeeRequest({ ctx, seeRequestId: w.seeRequestId }) },
  { fn: "listOpenSeeRequests", permissions: ["see-request:handle"], shape: "list", run: (ctx) => listOpenSeeRequests({ ctx }), includes: hasId((w) => w.seeRequestId) },
  {
    fn: "listSeeRequestsForPerson",
    permissions: [],
    anyOf: ["see-request:handle", "see-request:create"],
    shape: "record",
    run: (ctx, w) => listSeeRequestsForPerson({ ctx, personId: w.person.id }),
  },
  // treatment requirements
  {
    fn: "createRequirement",
    permissions: ["requirement:write"],
    shape: "record",
    run: (ctx, w) =>
      createRequirement({
        ctx,
        input: { personId: w.person.id, kind: "ATR", status: "proposed", suitabilityAssessedOn: null, suitable: null, madeOn: null, lengthMonths: null, provider: null, treatmentStartedOn: null, endedOn: null, note: null },
      }),
  },
  {
    fn: "updateRequirement",
    permissions: ["requirement:write"],
    shape: "record",
    run: (ctx, w) => updateRequirement({ ctx, input: { ...orderedRequirement(w.person.id), requirementId: w.requirementId, version: 2, provider: "Another provider" } }),
  },
  {
    fn: "recordReview",
    permissions: ["requirement:write"],
    shape: "record",
    run: (ctx, w) => recordReview({ ctx, input: { personId: w.person.id, requirementId: w.requirementId, version: 2, reviewedOn: "2026-02-12", outcome: "Progress satisfactory" } }),
  },
  { fn: "listRequirements", permissions: ["requirement:read"], shape: "record", run: (ctx, w) => listRequirements({ ctx, personId: w.person.id }) },
  { fn: "getRequirement", permissions: ["requirement:read"], shape: "record", run: (ctx, w) => getRequirement({ ctx, personId: w.person.id, requirementId: w.requirementId }) },
  // services directory
  {
    fn: "createService",
    permissions: ["service:manage"],
    shape: "create",
    run: (ctx, w) => createService({ ctx, input: { siteId: w.siteId, name: "Matrix Talking Therapies", category: "talking_therapies", commissionerType: "icb", contact: null, address: null } }),
  },
  {
    fn: "updateService",
    permissions: ["service:manage"],
    shape: "record",
    run: (ctx, w) => updateService({ ctx, input: { serviceId: w.serviceId, version: 1, name: "Renamed service", category: "talking_therapies", commissionerType: "icb", contact: null, address: null } }),
  },
  { fn: "setServiceActive", permissions: ["service:manage"], shape: "record", run: (ctx, w) => setServiceActive({ ctx, input: { serviceId: w.serviceId, active: false } }) },
  { fn: "listServices", permissions: ["service:read"], shape: "list", run: (ctx) => listServices({ ctx }), includes: hasId((w) => w.serviceId) },
  { fn: "getService", permissions: ["service:read"], shape: "record", run: (ctx, w) => getService({ ctx, serviceId: w.serviceId }) },
  // users
  {
    fn: "createUser",
    permissions: ["user:manage"],
    shape: "create",
    run: (ctx, w) =>
      createUser({ ctx, input: { name: "New Person", email: `matrix.${Math.random().toString(36).slice(2)}@test.example`, role: "clinician", siteIds: [w.siteId], password: "a-long-enough-password-2026" } }),
  },
  { fn: "updateUserAccess", permissions: ["user:manage"], shape: "record", run: (ctx, w) => updateUserAccess({ ctx, input: { userId: w.staffUserId, version: 1, role: "clinician", siteIds: [w.siteId] } }) },
  { fn: "setUserDisabled", permissions: ["user:manage"], shape: "record", run: (ctx, w) => setUserDisabled({ ctx, input: { userId: w.staffUserId, disabled: true } }) },
  { fn: "resetPassword", permissions: ["user:manage"], shape: "record", run: (ctx, w) => resetPassword({ ctx, input: { userId: w.staffUserId, password: "another-long-password-2026" } }) },
  { fn: "listUsers", permissions: ["user:manage"], shape: "list", run: (ctx, w) => listUsers({ ctx, query: { q: w.staffEmail } }), includes: hasId((w) => w.staffUserId) },
  { fn: "getUser", permissions: ["user:manage"], shape: "record", run: (ctx, w) => getUser({ ctx, userId: w.staffUserId }) },
  { fn: "getUserTwoFactor", permissions: ["user:manage"], shape: "record", run: (ctx, w) => getUserTwoFactor({ ctx, userId: w.staffUserId }) },
  { fn: "setUserTwoFactorRequired", permissions: ["user:manage"], shape: "record", run: (ctx, w) => setUserTwoFactorRequired({ ctx, input: { userId: w.staffUserId, required: true } }) },
  { fn: "resetUserTwoFactor", permissions: ["user:manage"], shape: "record", run: (ctx, w) => resetUserTwoFactor({ ctx, input: { userId: w.staffUserId } }) },
  // the audit log search (administrators, people at their sites only)
  {
    fn: "searchAuditEvents",
    permissions: ["user:manage"],
    shape: "create",
    run: (ctx, w) => searchAuditEvents({ ctx, input: { query: { person: { kind: "crn", value: w.person.crn } } } }),
  },
  { fn: "exportAuditEvents", permissions: ["user:manage"], shape: "create", run: (ctx, w) => exportAuditEvents({ ctx, input: { query: { person: { kind: "crn", value: w.person.crn } } } }) },
  // dashboards: aggregates over the caller's own sites; another site cannot be asked for by id here.
  { fn: "getEarliestEnrolment", permissions: ["dashboard:read"], shape: "aggregate", run: (ctx) => getEarliestEnrolment({ ctx }) },
  { fn: "getDashboard", permissions: ["dashboard:read"], shape: "aggregate", run: (ctx) => getDashboard({ ctx, input: period() }) },
  { fn: "exportDashboardTable", permissions: ["dashboard:read"], shape: "aggregate", run: (ctx) => exportDashboardTable({ ctx, input: { ...period(), table: "reach" } }) },
  { fn: "getSiteOverview", permissions: ["dashboard:read"], shape: "list", run: (ctx) => getSiteOverview({ ctx }), includes: (r, w) => rowsOf(r).some((row) => row.siteId === w.siteId) },
  {
    fn: "getDashboard",
    variant: "naming the site",
    permissions: ["dashboard:read"],
    shape: "record",
    run: (ctx, w) => getDashboard({ ctx, input: { ...period(), siteIds: [w.siteId] } }),
  },
];

function orderedRequirement(personId: string) {
  return {
    personId,
    kind: "DRR" as const,
    status: "ordered" as const,
    suitabilityAssessedOn: "2026-01-05",
    suitable: true,
    madeOn: "2026-01-15",
    lengthMonths: 18,
    provider: "Change Grow Live",
    treatmentStartedOn: null,
    endedOn: null,
    note: null,
  };
}

/**
 * Functions exported from server/ that are not use cases (they take no { ctx } from a caller, or
 * run inside a use case that checks first), each with the reason. A new export must go into the
 * matrix above or here, with a reason a reviewer can check.
 */
const notUseCases: Record<string, string> = {
  // Helpers called inside a use case, after its permission check, within its transaction.
  raiseAlert: "called by saveHealthCheckSection/completeHealthCheck inside their transaction",
  applyReferralStep: "one referral step inside transitionReferral/recordOutcome, after their checks",
  followFirstAppointmentOutcome: "runs inside recordOutcome's transaction",
  personInScope: "the site-scope lookup every person use case calls; covered through them",
  recordPerson: "shapes a person row for the screen",
  peopleInScope: "a SQL subquery of people at the caller's sites",
  requirementInScope: "the site-scope lookup of requirement use cases",
  userInScope: "a SQL condition of user use cases",
  assertManagesEverySiteOf: "a check inside the user mutations",
  linkableAppointments: "helper of getStartOptions/startHealthCheck",
  currentDraft: "helper of getStartOptions/startHealthCheck",
  consentStates: "reads consent inside use cases that checked first",
  hasConsent: "reads consent inside use cases that checked first",
  writeWithHubCareConsent: "transaction wrapper used inside health write use cases",
  recordAudit: "writes the audit row",
  recordListView: "audits a list view inside list use cases",
  assertCan: "the permission check itself",
  denyNotFound: "the not-found refusal itself",
  actor: "audit fields of the caller",
  siteScope: "the caller's site ids for SQL",
  inMySites: "membership test on the caller's sites",
  responseDaysFrom: "parses a setting",
  buildDashboard: "pure: builds tables from measured figures",
  pacer: "pure: gives way to the event loop during a long computation",
  findTable: "pure: picks one dashboard table",
  // Form and error plumbing.
  handleForm: "the form adapter (fuzzed in server/fuzz.int.test.ts)",
  formValues: "form adapter helper",
  formInput: "form adapter helper",
  zodFieldErrors: "form adapter helper",
  uniqueViolation: "classifies a database error",
  logError: "logging",
  actionKindCondition: "SQL condition used by getPersonHistory",
  logWarn: "logging",
  logInfo: "logging",
  logLevelFromEnv: "logging settings",
  createLogger: "logging",
  errorSummary: "logging: strips personal data from an error",
  bindLog: "logging",
  // Idempotency keys (H5): run inside a create's transaction, after its permission check.
  withIdempotency: "claims a form's key inside a create's transaction",
  earlierResult: "looks up the caller's own earlier result for a key",
  purgeIdempotencyKeys: "housekeeping job, no caller",
  newIdempotencyKey: "a random key for a form render, reads nothing",
  // Sign-in: before there is a ctx; tested in server/auth/auth.int.test.ts and e2e/sign-in.spec.ts.
  loadActiveUser: "re-reads the session's user for getSessionUser",
  hashPassword: "argon2 hashing",
  verifyPassword: "argon2 verification",
  burnVerifyTime: "evens out sign-in timing",
  // Server sessions, throttling and two-factor (H3): the sign-in machinery, keyed by user id
  // before a ctx exists; tested in server/auth/*.int.test.ts and the sign-in end-to-end tests.
  clientAddressFrom: "reads the client address from request headers",
  clientAddress: "reads the client address of the request",
  startSession: "sign-in: creates the server session",
  checkSession: "every request: checks the server session",
  endSession: "sign-out: ends the server session",
  ageSession: "test helper: ages a session",
  msUntil: "pure time arithmetic",
  throttleKey: "sign-in throttling",
  throttledKinds: "sign-in throttling",
  recordThrottledFailure: "sign-in throttling",
  clearThrottle: "sign-in throttling",
  twoFactorKeyMaterial: "two-factor secret encryption key",
  twoFactorState: "two-factor: the user's own enrolment, in the sign-in flow",
  pendingSecret: "two-factor: the user's own enrolment, in the sign-in flow",
  confirmEnrolment: "two-factor: the user's own enrolment, in the sign-in flow",
  verifySecondFactor: "two-factor: the sign-in check itself",
  regenerateRecoveryCodes: "two-factor: the user's own recovery codes",
  removeTwoFactor: "two-factor: reset of the user's own second factor",
  // The caller's own account (H3): no other person's record can be named, the ctx's own user id is used.
  getOwnTwoFactor: "the caller's own account only",
  enrolmentDetailsFor: "helper of the caller's own enrolment",
  startOwnEnrolment: "the caller's own account only",
  confirmOwnEnrolment: "the caller's own account only",
  regenerateOwnRecoveryCodes: "the caller's own account only",
  changeOwnPassword: "the caller's own account only",
  auditCsv: "pure: formats audit rows as CSV",
  qrCodeSvg: "draws the enrolment QR code",
  setChallengeCookie: "sign-in flow cookie",
  readChallengeCookie: "sign-in flow cookie",
  clearChallengeCookie: "sign-in flow cookie",
  issueSignInTicket: "sign-in flow, before a session exists",
  passwordStep: "sign-in flow, before a session exists",
  openChallenge: "sign-in flow, before a session exists",
  secondFactorStep: "sign-in flow, before a session exists",
  enrolmentStep: "sign-in flow, before a session exists",
  consumeSignInTicket: "sign-in flow, before a session exists",
  // Dashboard roll-ups: a background refresh of aggregate tables, called by getDashboard after its check.
  refreshDashboardRollups: "background refresh of aggregates, no caller",
  rollupsRefreshedAt: "when the aggregates were refreshed",
  rebuildAttendance: "repairs the attendance aggregates from the appointments; scripts only (db:refresh-rollups --attendance)",
  withoutAttendanceTriggers: "bulk loads by the benchmark's generator; never called by the app",
  refreshInBackgroundIfStale: "schedules the background refresh",
  neurodivergenceByKey: "classifies answers by fingerprint for getDashboard's loader, after its check; returns a group, never the answers",
  neurodivergenceOfSection: "pure classification of one check's answers for getDashboard's loader; reads nothing",
  rememberedNeurodivergence: "the group of a fingerprint already classified in this process, for getDashboard's loader; reads nothing",
};

/**
 * Modules not imported by the completeness test: they need a Next.js request (headers, cookies,
 * the next-auth session) and hold no use case of their own; the end-to-end tests cover them.
 */
const requestModules = new Set([
  "./context.ts", // getSessionUser/requireCtx: the session for a request
  "./db.ts", // getDb: the process-wide database handle
  "./env.ts", // settings checked at start-up
  "./page-guard.ts", // forPage: maps use-case errors to notFound()/forbidden() for pages
  "./auth/config.ts", // next-auth handlers
  "./auth/sign-out.ts", // recordSignOut: audits the session's own sign-out
  "./dashboards/export-response.ts", // the CSV route handler around exportDashboardTable
  "./audit/export-response.ts", // the CSV route handler around exportAuditEvents
  "./subject-access/export-response.ts", // the download route handler around getSubjectAccessReport
]);

/** A fingerprint of every table but the audit log: row count and a hash of every row. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const name = getTableName(table);
    if (name === getTableName(auditEvents)) continue;
    const result = await db.execute(sql`select count(*)::text as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`);
    const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as { n: string; h: string };
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}

async function deniedCount(db: Database, userId: string) {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.userId, userId), eq(auditEvents.outcome, "denied")));
  return row?.n ?? 0;
}

describe("role x site authorization matrix", () => {
  let handle: DatabaseHandle;
  let db: Database;
  let siteA: { id: string };
  let siteB: { id: string };
  const callers = new Map<Role, Ctx>();
  let setUpClinician: Ctx;
  let setUpOfficer: Ctx;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    siteA = await makeSite(db);
    siteB = await makeSite(db);
    // An officer at each site, so officer lists have something to show or leave out.
    await makeUser(db, "probation_officer", [siteB.id]);
    for (const role of roles) {
      const user = await makeUser(db, role, [siteA.id]);
      callers.set(role, ctxFor(db, user, [siteA.id]));
    }
    // Staff at both sites who make each test's records through the use cases themselves.
    setUpClinician = ctxFor(db, await makeUser(db, "clinician", [siteA.id, siteB.id]), [siteA.id, siteB.id]);
    setUpOfficer = ctxFor(db, await makeUser(db, "probation_officer", [siteA.id, siteB.id]), [siteA.id, siteB.id]);
  });
  afterAll(async () => handle?.close());

  async function worldAt(siteId: string): Promise<World> {
    // Old enough for bowel screening; assigned to no officer.
    const person = await makePerson(db, siteId, { dateOfBirth: "1965-06-15" });
    // Earlier today: outcomes can be recorded and it shows in "this week".
    const appointment = await makeAppointment(db, person, { startsAt: new Date(Date.now() - 60_000) });
    const healthAppointment = await makeAppointment(db, person, { startsAt: new Date(Date.now() - 60_000), kind: "health", type: "health_check" });
    const [hubCare] = await db
      .insert(consents)
      .values({ personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: setUpClinician.user.id })
      .returning({ id: consents.id });
    await db
      .insert(consents)
      .values({ personId: person.id, kind: "share_with_probation", decision: "given", decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: setUpClinician.user.id });
    const [service] = await db.insert(services).values({ siteId, name: `Service ${person.familyName}`, category: "talking_therapies", commissionerType: "icb" }).returning({ id: services.id });
    if (!hubCare || !service) throw new Error("set-up failed");
    const referral = await createReferral({
      ctx: setUpClinician,
      input: { personId: person.id, serviceId: service.id, reason: "Set-up referral", urgency: "routine", personAgreed: true, healthCheckId: null, send: true },
      now: new Date(Date.now() - 20 * 86400_000),
    });
    const [referralRow] = await db.select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referral.id));
    if (referralRow?.version !== 1) await db.update(referrals).set({ version: 1 }).where(eq(referrals.id, referral.id));
    const check = await startHealthCheck({ ctx: setUpClinician, input: { personId: person.id, appointmentId: null } });
    const [alert] = await db.insert(clinicalAlerts).values({ personId: person.id, siteId, healthCheckId: check.id, kind: "phq9_item9" }).returning({ id: clinicalAlerts.id });
    const requirement = await createRequirement({ ctx: setUpOfficer, input: { ...orderedRequirement(person.id), status: "proposed", suitabilityAssessedOn: null, suitable: null, madeOn: null, lengthMonths: null, provider: null } });
    await updateRequirement({ ctx: setUpOfficer, input: { ...orderedRequirement(person.id), requirementId: requirement.id, version: 1 } });
    const see = await createSeeRequest({ ctx: setUpOfficer, input: { personId: person.id, reason: "general_health", note: null } });
    const [seeRow] = await db.select({ version: seeRequests.version }).from(seeRequests).where(eq(seeRequests.id, see.id));
    const staff = await makeUser(db, "probation_officer", [siteId]);
    if (!alert || seeRow?.version !== 1) throw new Error("set-up failed");
    return {
      siteId,
      person,
      appointment,
      healthAppointment,
      hubCareConsentId: hubCare.id,
      serviceId: service.id,
      referralId: referral.id,
      healthCheckId: check.id,
      alertId: alert.id,
      requirementId: requirement.id,
      seeRequestId: see.id,
      staffUserId: staff.id,
      staffEmail: staff.email,
    };
  }

  const shared = new Map<string, Promise<World>>();
  function sharedWorld(siteId: string): Promise<World> {
    let world = shared.get(siteId);
    if (!world) {
      world = worldAt(siteId);
      shared.set(siteId, world);
    }
    return world;
  }

  for (const useCase of useCases) {
    const label = useCase.variant ? `${useCase.fn} (${useCase.variant})` : useCase.fn;
    for (const role of roles) {
      for (const where of ["own", "other"] as Where[]) {
        const allowed = useCase.permissions.every((p) => can(role, p)) && (!useCase.anyOf || useCase.anyOf.some((p) => can(role, p)));
        // Holding the general permission but not the one for this kind of record: refused either
        // as forbidden or, when the record is hidden from the role or at another site, as not found.
        const partly = !allowed && useCase.permissions.length > 1 && can(role, useCase.permissions[0] ?? "site:read");
        const expectation = !allowed
          ? partly && (useCase.hidden || where === "other")
            ? "refused (forbidden or not found)"
            : "forbidden"
          : where === "own"
            ? useCase.ownRefusal === "validation"
              ? "reaches validation"
              : "succeeds"
            : useCase.shape === "record"
              ? "not found"
              : useCase.shape === "create"
                ? "refused as invalid"
                : useCase.shape === "aggregate"
                  ? "succeeds"
                  : "leaves it out";

        it(`${label} as ${role} at ${where} site: ${expectation}`, async () => {
          const ctx = callers.get(role);
          if (!ctx) throw new Error("no caller");
          // A refusal or a read changes nothing (asserted below), so those share one world per
          // site; a call that may write gets a fresh one.
          const siteId = where === "own" ? siteA.id : siteB.id;
          const mayWrite = expectation === "succeeds" || expectation === "reaches validation";
          const world = mayWrite ? await worldAt(siteId) : await sharedWorld(siteId);
          const before = await fingerprint(db);
          const deniedBefore = await deniedCount(db, ctx.user.id);

          const outcome = await useCase.run(ctx, world).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const error = outcome.ok ? null : outcome.error;

          if (expectation === "refused (forbidden or not found)") {
            expect(error instanceof ForbiddenError || error instanceof NotFoundError, String(error)).toBe(true);
          } else if (expectation === "forbidden") {
            expect(error).toBeInstanceOf(ForbiddenError);
          } else if (expectation === "not found") {
            expect(error).toBeInstanceOf(NotFoundError);
          } else if (expectation === "refused as invalid" || expectation === "reaches validation") {
            expect(error instanceof ValidationError || error instanceof ConflictError, String(error)).toBe(true);
          } else {
            if (!outcome.ok) throw outcome.error;
            if (useCase.includes) expect(useCase.includes(outcome.value, world)).toBe(expectation === "succeeds");
          }

          if (expectation !== "succeeds") expect(await fingerprint(db)).toEqual(before);
          if (expectation === "forbidden" || expectation === "not found" || expectation === "refused (forbidden or not found)") {
            expect(await deniedCount(db, ctx.user.id)).toBe(deniedBefore + 1);
          }
        });
      }
    }
  }

  it("is driven by every permission in the table", async () => {
    const { permissions } = await import("@/domain/permissions");
    const covered = new Set(useCases.flatMap((u) => [...u.permissions, ...(u.anyOf ?? [])]));
    expect(permissions.filter((p) => !covered.has(p))).toEqual([]);
  });

  it("covers every function exported from server/ (or says why not)", async () => {
    const modules = import.meta.glob(["./**/*.ts", "!./**/*.test.ts"]);
    const sources = import.meta.glob<string>(["./**/*.ts", "!./**/*.test.ts"], { query: "?raw", import: "default" });
    const inMatrix = new Set(useCases.map((u) => u.fn));
    const unclassified: string[] = [];
    for (const [path, load] of Object.entries(modules)) {
      if (requestModules.has(path)) continue;
      let names: string[];
      try {
        const exports = (await load()) as Record<string, unknown>;
        // Classes (the typed errors) are not use cases.
        names = Object.entries(exports)
          .filter(([, value]) => typeof value === "function" && !/^class[\s{]/.test(Function.prototype.toString.call(value)))
          .map(([name]) => name);
      } catch {
        // A module that needs the Next.js runtime (next-auth, next/headers) to load: read its
        // exported functions from the source instead, so it is still checked.
        const source = (await sources[path]?.()) ?? "";
        names = [...source.matchAll(/^export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z0-9_$]+)|^export\s+const\s+([A-Za-z0-9_$]+)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\(|[A-Za-z0-9_$]+\s*=>|function)/gm)].map(
          (m) => m[1] ?? m[2] ?? "",
        );
      }
      for (const name of names) if (!inMatrix.has(name) && !Object.hasOwn(notUseCases, name)) unclassified.push(`${path}: ${name}`);
    }
    expect(unclassified, "exported from server/ but neither in the matrix nor in notUseCases").toEqual([]);
  });
});
