import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Integration tests talk to a real database: the one DATABASE_URL names (scripts/test-integration.mjs creates
// a fresh SQLite file and a fresh PostgreSQL database, runs this suite against each, and removes them).
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
