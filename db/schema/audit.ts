import { index, jsonb, pgTable, text, timestamp, uuid, bigserial } from "drizzle-orm/pg-core";
import { auditOutcomeEnum, roleEnum } from "./enums";

/**
 * Who did what to which record, when, and whether it was allowed. No foreign keys: the trail must
 * outlive the rows it describes. Written in the same transaction as the change it records.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id"),
    actorEmail: text("actor_email"),
    // The actor's role when the event was written (filled in by recordAudit from users): roles change.
    actorRole: roleEnum("actor_role"),
    action: text("action").notNull(),
    outcome: auditOutcomeEnum("outcome").notNull(),
    personId: uuid("person_id"),
    siteId: uuid("site_id"),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    ip: text("ip"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_events_person_idx").on(t.personId, t.at),
    index("audit_events_user_idx").on(t.userId, t.at),
    index("audit_events_at_idx").on(t.at),
  ],
);
