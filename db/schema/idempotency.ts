import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per create submitted with an idempotency key (one key per form render). Written in the
 * same transaction as the record it made, so a double click or a replayed POST finds the key and
 * lands on the same record instead of making a second one. Rows older than a day can be purged.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: uuid("key").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // What the create returned (an id, a redirect target): given back to a repeat of the submission.
    result: jsonb("result").$type<unknown>(),
  },
  (t) => [index("idempotency_keys_created_at_idx").on(t.createdAt)],
);
