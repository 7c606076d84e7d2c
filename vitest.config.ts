import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // server-only throws outside React Server Components; use cases are plain functions under test.
  "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["{domain,server,components,db,scripts}/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{server,db,scripts}/**/*.int.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite in memory per file; on Postgres each file gets its own database (test/db.ts).
          fileParallelism: false,
          // Security log lines would bury the test report; the log tests set their own level.
          env: { AUTH_SECRET: "integration-test-secret-integration-test-secret", LOG_LEVEL: "error" },
        },
      },
    ],
  },
});
