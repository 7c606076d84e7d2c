import { boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { requirementStatuses } from "@/domain/referrals";
import { ethnicGroupEnum, orderTypeEnum, requirementKindEnum, sexRegisteredAtGpEnum } from "./enums";
import { sites } from "./sites";

export const requirementStatusEnum = pgEnum("requirement_status", requirementStatuses);
import { users } from "./users";

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id),
    crn: text("crn").notNull(),
    nhsNumber: text("nhs_number"),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    sexRegisteredAtGp: sexRegisteredAtGpEnum("sex_registered_at_gp").notNull(),
    genderIdentity: text("gender_identity"),
    ethnicGroup: ethnicGroupEnum("ethnic_group").notNull().default("not_stated"),
    orderType: orderTypeEnum("order_type").notNull(),
    assignedOfficerId: uuid("assigned_officer_id").references(() => users.id),
    enrolledOn: date("enrolled_on", { mode: "string" }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("people_crn_key").on(t.crn),
    uniqueIndex("people_nhs_number_key").on(t.nhsNumber),
    index("people_site_family_idx").on(t.siteId, t.familyName, t.givenName),
    index("people_officer_idx").on(t.assignedOfficerId),
    // The first enrolment at each site (where "since the pilot started" begins), one probe a site.
    index("people_site_enrolled_idx").on(t.siteId, t.enrolledOn),
  ],
);

export const treatmentRequirements = pgTable(
  "treatment_requirements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: requirementKindEnum("kind").notNull(),
    // Tracking from suitability to completion or breach (issue 4). madeOn is the date of the order.
    status: requirementStatusEnum("status").notNull().default("ordered"),
    suitabilityAssessedOn: date("suitability_assessed_on", { mode: "string" }),
    suitable: boolean("suitable"),
    provider: text("provider"),
    madeOn: date("made_on", { mode: "string" }),
    lengthMonths: integer("length_months"),
    treatmentStartedOn: date("treatment_started_on", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    note: text("note"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("treatment_requirements_person_idx").on(t.personId)],
);
