import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  alertActions,
  alertKinds,
  consentDecisions,
  consentKinds,
  consentMethods,
  gpRegistrationTypes,
  gpStatuses,
  healthCheckStatuses,
  recordedScreeningStatuses,
  screeningProgrammes,
  smokingStatuses,
} from "@/domain/health";
import { appointments } from "./appointments";
import { people } from "./people";
import { sites } from "./sites";
import { users } from "./users";

export const consentKindEnum = pgEnum("consent_kind", consentKinds);
export const consentDecisionEnum = pgEnum("consent_decision", consentDecisions);
export const consentMethodEnum = pgEnum("consent_method", consentMethods);
export const healthCheckStatusEnum = pgEnum("health_check_status", healthCheckStatuses);
export const smokingStatusEnum = pgEnum("smoking_status", smokingStatuses);
export const alertKindEnum = pgEnum("alert_kind", alertKinds);
export const alertActionEnum = pgEnum("alert_action", alertActions);
export const gpStatusEnum = pgEnum("gp_status", gpStatuses);
export const gpRegistrationTypeEnum = pgEnum("gp_registration_type", gpRegistrationTypes);
export const screeningProgrammeEnum = pgEnum("screening_programme", screeningProgrammes);
export const recordedScreeningStatusEnum = pgEnum("recorded_screening_status", recordedScreeningStatuses);

/**
 * One row per consent conversation. The current consent of a kind is the latest row; withdrawal
 * is dated on the row it withdraws and takes effect at once.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: consentKindEnum("kind").notNull(),
    decision: consentDecisionEnum("decision").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    informationVersion: text("information_version").notNull(),
    method: consentMethodEnum("method").notNull(),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnOn: date("withdrawn_on", { mode: "string" }),
    withdrawalRecordedById: uuid("withdrawal_recorded_by_id").references(() => users.id),
    withdrawalRecordedAt: timestamp("withdrawal_recorded_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("consents_person_kind_idx").on(t.personId, t.kind, t.recordedAt)],
);

/**
 * A health check: answers per section (validated by domain/schemas/health-check.ts) and the
 * scores and bands computed from them on the server. Score columns are null until their section
 * is complete.
 */
export const healthChecks = pgTable(
  "health_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    appointmentId: uuid("appointment_id").references(() => appointments.id),
    status: healthCheckStatusEnum("status").notNull().default("draft"),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The neurodiversity section of the answers, kept by Postgres beside them (never written by the
     * app): the dashboard rollup reads this small column for every check instead of the whole
     * answers document, which at national scale was a third of the time of a refresh.
     */
    neurodiversity: jsonb("neurodiversity").generatedAlwaysAs(sql`"answers" -> 'neurodiversity'`),
    /**
     * A fingerprint of that section (md5 of its text), also kept by Postgres: the person facts rollup
     * carries it instead of the answers themselves (a third of a check's bytes), and the dashboard
     * classifies each distinct answer once (server/dashboards/neurodivergence.ts).
     */
    neurodiversityKey: text("neurodiversity_key").generatedAlwaysAs(sql`md5(("answers" -> 'neurodiversity')::text)`),
    smokingStatus: smokingStatusEnum("smoking_status"),
    vapes: boolean("vapes"),
    hsiScore: integer("hsi_score"),
    hsiBand: text("hsi_band"),
    auditCScore: integer("audit_c_score"),
    auditCPositive: boolean("audit_c_positive"),
    auditScore: integer("audit_score"),
    auditBand: text("audit_band"),
    phq9Score: integer("phq9_score"),
    phq9Band: text("phq9_band"),
    phq9Item9: integer("phq9_item9"),
    gad7Score: integer("gad7_score"),
    gad7Band: text("gad7_band"),
    bmi: real("bmi"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    updatedById: uuid("updated_by_id").references(() => users.id),
    completedById: uuid("completed_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("health_checks_person_idx").on(t.personId, t.createdAt),
    index("health_checks_site_status_idx").on(t.siteId, t.status),
    index("health_checks_neurodiversity_key_idx").on(t.neurodiversityKey),
  ],
);

export const clinicalAlerts = pgTable(
  "clinical_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    healthCheckId: uuid("health_check_id")
      .notNull()
      .references(() => healthChecks.id, { onDelete: "cascade" }),
    kind: alertKindEnum("kind").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    action: alertActionEnum("action"),
    actionNote: text("action_note"),
    actionedAt: timestamp("actioned_at", { withTimezone: true }),
    actionedById: uuid("actioned_by_id").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("clinical_alerts_check_kind_key").on(t.healthCheckId, t.kind), index("clinical_alerts_site_open_idx").on(t.siteId, t.actionedAt)],
);

/** GP registration history: every change is a new row; the first is the status at enrolment. */
export const gpRegistrations = pgTable(
  "gp_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    status: gpStatusEnum("status").notNull(),
    practiceName: text("practice_name"),
    odsCode: text("ods_code"),
    registrationType: gpRegistrationTypeEnum("registration_type"),
    supportStartedOn: date("support_started_on", { mode: "string" }),
    registeredOn: date("registered_on", { mode: "string" }),
    barriers: jsonb("barriers").$type<string[]>().notNull().default([]),
    note: text("note"),
    atEnrolment: boolean("at_enrolment").notNull().default(false),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("gp_registrations_person_idx").on(t.personId, t.recordedAt)],
);

/** What the hub has done about each screening programme for a person (one row per programme). */
export const screenings = pgTable(
  "screenings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    programme: screeningProgrammeEnum("programme").notNull(),
    status: recordedScreeningStatusEnum("status"),
    lastTestOn: date("last_test_on", { mode: "string" }),
    lastResultHpvNegative: boolean("last_result_hpv_negative"),
    discussedOn: date("discussed_on", { mode: "string" }),
    bookedFor: date("booked_for", { mode: "string" }),
    attendedOn: date("attended_on", { mode: "string" }),
    resultReceivedOn: date("result_received_on", { mode: "string" }),
    declinedOn: date("declined_on", { mode: "string" }),
    note: text("note"),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("screenings_person_programme_key").on(t.personId, t.programme)],
);
