import { describe, expect, it } from "vitest";
import { dbConfig } from "@/lib/db/client";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { pendingSql } from "@/scripts/db-migration";
import { withDatabase } from "./setup";

const db = withDatabase();

describe(`database set-up (${process.env.TEST_PROVIDER})`, () => {
  it("applied every committed migration and records them in Prisma's history table", async () => {
    const names = readMigrations(dbConfig().provider).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
  });

  it("applying again is a no-op", async () => {
    expect(await applyMigrations(dbConfig())).toEqual([]);
  });

  it("the committed migrations create exactly the schema of prisma/models.prisma", async () => {
    const sql = await pendingSql(dbConfig().provider, process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
    expect(sql).toBe("");
  });

  it("has the tables the domain needs", async () => {
    expect(await db().user.count()).toBeGreaterThanOrEqual(0);
    expect(await db().item.count()).toBeGreaterThanOrEqual(0);
    expect(await db().auditEvent.count()).toBeGreaterThanOrEqual(0);
  });
});
