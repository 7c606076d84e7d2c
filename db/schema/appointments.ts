import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { appointmentKindEnum, appointmentOutcomeEnum, appointmentTypeEnum } from "./enums";
import { people } from "./people";
import { sites } from "./sites";
import { users } from "./users";

export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    kind: appointmentKindEnum("kind").notNull(),
    type: appointmentTypeEnum("type").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(30),
    clinicianAttends: boolean("clinician_attends").notNull().default(false),
    outcome: appointmentOutcomeEnum("outcome"),
    outcomeNote: text("outcome_note"),
    outcomeRecordedAt: timestamp("outcome_recorded_at", { withTimezone: true }),
    outcomeRecordedById: uuid("outcome_recorded_by_id").references(() => users.id),
    // A rescheduled appointment stays, linked to the one that replaced it.
    rescheduledFromId: uuid("rescheduled_from_id").references((): AnyPgColumn => appointments.id),
    createdById: uuid("created_by_id").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("appointments_person_starts_idx").on(t.personId, t.startsAt),
    index("appointments_site_starts_idx").on(t.siteId, t.startsAt),
    index("appointments_rescheduled_from_idx").on(t.rescheduledFromId),
    // The dashboards' attendance after enrolment, to the end of a period that ended before a
    // person's last appointment (server/dashboards/measures.ts, attendanceFromRollups): only the
    // appointments it counts (dashboard_attendance_counts, migration 0012), with the outcome in the
    // index so the count never visits the table (an index-only scan, once vacuum has marked the
    // pages all-visible). The person and start index alone left every row to be read from the table.
    index("appointments_probation_attendance_idx")
      .on(t.personId, t.startsAt, t.outcome)
      .where(sql`${t.kind} = 'probation' and ${t.outcome} in ('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable')`),
  ],
);
