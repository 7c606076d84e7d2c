import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from the schema; they are committed and reviewed (docs/adr/0002).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
