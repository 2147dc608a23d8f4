// Shared by the integration tests: the database this run uses, migrated.
import { afterAll, beforeAll } from "vitest";
import { db, dbConfig, disconnectDatabase, prepareDatabase } from "@/lib/db/client";

export function withDatabase() {
  beforeAll(async () => {
    const expected = process.env.TEST_PROVIDER;
    if (!expected) throw new Error("Run integration tests with npm run test:integration (it creates the databases).");
    await prepareDatabase();
    if (dbConfig().provider !== expected) throw new Error(`expected ${expected}, got ${dbConfig().provider}`);
  });
  afterAll(async () => {
    await disconnectDatabase();
  });
  return db;
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
