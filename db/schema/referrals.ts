import { boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import {
  closureReasons,
  commissionerTypes,
  referralStatuses,
  referralUrgencies,
  seeRequestReasons,
  seeRequestStatuses,
  serviceCategories,
} from "@/domain/referrals";
import { appointments } from "./appointments";
import { healthChecks } from "./health";
import { people, treatmentRequirements } from "./people";
import { sites } from "./sites";
import { users } from "./users";

export const serviceCategoryEnum = pgEnum("service_category", serviceCategories);
export const commissionerTypeEnum = pgEnum("commissioner_type", commissionerTypes);
export const referralStatusEnum = pgEnum("referral_status", referralStatuses);
export const referralUrgencyEnum = pgEnum("referral_urgency", referralUrgencies);
export const closureReasonEnum = pgEnum("closure_reason", closureReasons);
export const seeRequestReasonEnum = pgEnum("see_request_reason", seeRequestReasons);
export const seeRequestStatusEnum = pgEnum("see_request_status", seeRequestStatuses);

/** The local services a site refers people to; maintained by administrators. */
export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    name: text("name").notNull(),
    category: serviceCategoryEnum("category").notNull(),
    commissionerType: commissionerTypeEnum("commissioner_type").notNull(),
    contact: text("contact"),
    address: text("address"),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("services_site_category_idx").on(t.siteId, t.category)],
);

/**
 * A referral and where it has got to. Each step's time is kept on the row (pilot measures: time to
 * acceptance, to first attendance); referral_events keeps the full history.
 */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    healthCheckId: uuid("health_check_id").references(() => healthChecks.id),
    reason: text("reason").notNull(),
    urgency: referralUrgencyEnum("urgency").notNull(),
    personAgreed: boolean("person_agreed").notNull(),
    status: referralStatusEnum("status").notNull().default("draft"),
    closureReason: closureReasonEnum("closure_reason"),
    rejectionReason: text("rejection_reason"),
    firstAppointmentId: uuid("first_appointment_id").references(() => appointments.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    appointmentBookedAt: timestamp("appointment_booked_at", { withTimezone: true }),
    firstAttendedAt: timestamp("first_attended_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("referrals_person_idx").on(t.personId, t.createdAt),
    index("referrals_site_status_idx").on(t.siteId, t.status),
    index("referrals_first_appointment_idx").on(t.firstAppointmentId),
  ],
);

export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    fromStatus: referralStatusEnum("from_status"),
    toStatus: referralStatusEnum("to_status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    byId: uuid("by_id")
      .notNull()
      .references(() => users.id),
    note: text("note"),
  },
  (t) => [index("referral_events_referral_idx").on(t.referralId, t.at)],
);

/** A probation officer asks the hub to see someone; it lands on the clinicians' worklist. */
export const seeRequests = pgTable(
  "see_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    reason: seeRequestReasonEnum("reason").notNull(),
    note: text("note"),
    status: seeRequestStatusEnum("status").notNull().default("open"),
    requestedById: uuid("requested_by_id")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    handledById: uuid("handled_by_id").references(() => users.id),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("see_requests_site_status_idx").on(t.siteId, t.status)],
);

/** Court reviews of a treatment requirement (a DRR over 12 months must be reviewed at least monthly). */
export const requirementReviews = pgTable(
  "requirement_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => treatmentRequirements.id, { onDelete: "cascade" }),
    reviewedOn: date("reviewed_on", { mode: "string" }).notNull(),
    outcome: text("outcome").notNull(),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("requirement_reviews_requirement_idx").on(t.requirementId, t.reviewedOn)],
);
