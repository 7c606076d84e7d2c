import { pgTable, text, uuid } from "drizzle-orm/pg-core";

export const sites = pgTable("sites", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  probationRegion: text("probation_region").notNull(),
  nhsRegion: text("nhs_region").notNull(),
  integratedCareBoard: text("integrated_care_board").notNull(),
});
