import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per sign-in. The signed session cookie carries only this row's id; the server decides
 * whether it is still good (not ended, used in the last 30 minutes, under 12 hours old), so
 * signing out or timing out ends it here and a copied or replayed cookie no longer works.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    // Random and unguessable: it is the session's only identity in the cookie.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason", { enum: ["sign-out", "idle", "absolute"] }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt)],
);
