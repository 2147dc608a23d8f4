import "server-only";
// Applies the committed SQL migrations (prisma/<provider>/migrations) at start-up. It records them in Prisma's own
// `_prisma_migrations` table with Prisma's checksum (sha256 of migration.sql), so the ordinary Prisma CLI
// (`prisma migrate deploy|status`) sees the same history on machines where its schema engine is available.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { DatabaseUnavailableError } from "@/lib/errors";
import { describeDb, type DbConfig } from "./config";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

// Prisma's advisory lock key for migrations: instances starting together apply each migration once.
const PG_MIGRATION_LOCK = 72707369;

export function migrationsDir(provider: DbConfig["provider"]): string {
  return path.join(/* turbopackIgnore: true */ process.env.SPINEMED_ROOT || process.cwd(), "prisma", provider, "migrations");
}

export function readMigrations(provider: DbConfig["provider"]): Migration[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function checkHistory(applied: Map<string, string>, migrations: Migration[]) {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied to this database; restore it and add a new migration instead.`);
    }
  }
}

function applySqlite(config: Extract<DbConfig, { provider: "sqlite" }>, migrations: Migration[]): string[] {
  mkdirSync(path.dirname(config.file), { recursive: true });
  const db = new Database(config.file, { timeout: 10_000 });
  try {
    // WAL lets readers (the dashboard, the queue) go on while an import writes.
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_HISTORY);
    const rows = db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
      .all() as { migration_name: string; checksum: string }[];
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkHistory(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      // IMMEDIATE takes the write lock first, so two processes starting together don't both apply it.
      db.exec("BEGIN IMMEDIATE");
      try {
        const again = db.prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`).get(m.name);
        if (!again) {
          db.exec(m.sql);
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          ).run(randomUUID(), m.checksum, m.name);
          done.push(m.name);
        }
        db.exec("COMMIT");
      } catch (e) {
        db.exec("ROLLBACK");
        throw e;
      }
    }
    refreshStatisticsIfMissing(db);
    return done;
  } finally {
    db.close();
  }
}

/**
 * SQLite chooses its query plans from the statistics ANALYZE writes. Without them, at SpineMed scale it reads the
 * Next item and assign queries through an index that matches every item and sorts them all (1.7 s a call at
 * 450,000 items instead of 0.1 ms). The import refreshes them after each batch; a database that has items but no
 * statistics (written before this, or by other tools) gets them at start. analysis_limit keeps ANALYZE to a sample.
 */
export function refreshStatisticsIfMissing(db: Database.Database): void {
  const hasItems = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Item'`).get();
  if (!hasItems) return;
  const stats = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`).get()
    ? db.prepare(`SELECT 1 FROM sqlite_stat1 WHERE tbl = 'Item' LIMIT 1`).get()
    : undefined;
  if (stats) return;
  const many = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Item" LIMIT 1000)`).get() as { n: number };
  if (many.n < 1000) return;
  db.pragma("analysis_limit = 1000");
  db.exec("ANALYZE");
}

async function applyPostgres(config: Extract<DbConfig, { provider: "postgres" }>, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (e) {
    throw postgresUnavailable(config, e);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
    await client.query(PG_HISTORY);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkHistory(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
        done.push(m.name);
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      }
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATION_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/** Turns a driver error into one sentence an operator can act on. */
export function postgresUnavailable(config: Extract<DbConfig, { provider: "postgres" }>, e: unknown): DatabaseUnavailableError {
  const err = e as { code?: string; message?: string };
  const where = describeDb(config);
  const why =
    err.code === "ECONNREFUSED"
      ? "connection refused: is PostgreSQL running?"
      : err.code === "ENOTFOUND" || err.code === "EAI_AGAIN"
        ? "host not found"
        : err.code === "3D000"
          ? "the database does not exist: create it first (createdb)"
          : err.code === "28P01" || err.code === "28000"
            ? "authentication failed: check the user and password in DATABASE_URL"
            : /timeout/i.test(err.message ?? "")
              ? "connection timed out"
              : (err.message ?? "unknown error");
  return new DatabaseUnavailableError(`Cannot use ${where}: ${why}`);
}

/** Brings the database to the latest committed migration; returns the names applied now. */
export async function applyMigrations(config: DbConfig): Promise<string[]> {
  const migrations = readMigrations(config.provider);
  return config.provider === "sqlite" ? applySqlite(config, migrations) : applyPostgres(config, migrations);
}
