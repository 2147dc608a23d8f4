// Databases of the load benchmark: a 450,000-item database built once through the real import and cached under
// bench-out/ (SQLite file, PostgreSQL database used as a template), fresh copies of it for each measured run,
// and the integrity counts read from a database after a run.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { REQUIRED_REVIEWS } from "./load-config";

export type Provider = "sqlite" | "postgres";

export const OUT = path.resolve("bench-out");
export const CACHE_DIR = path.join(OUT, "load-cache");
export const WORK_DIR = path.join(OUT, "load-work");
export const PG_ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const PG_CACHE_PREFIX = "spinemed_loadcache_";
const TSX = ["tsx", "--conditions=react-server"];

/** A database of one run: its DATABASE_URL and how to get rid of it. */
export interface RunDb {
  provider: Provider;
  url: string;
  /** The SQLite file, or the PostgreSQL database name. */
  where: string;
  drop(): Promise<void>;
}

/**
 * The cache key: what decides the database's content. The generator's source, the item count, the reviews per item
 * and the migrations (by folder name) of both providers; a change to any of them builds a new database.
 */
export function cacheKey(items: number): string {
  const h = createHash("sha256");
  h.update(readFileSync(path.resolve("scripts/bench/generate-items.ts")));
  h.update(`items=${items};required=${REQUIRED_REVIEWS};`);
  for (const p of ["sqlite", "postgres"]) {
    const dir = path.resolve("prisma", p, "migrations");
    h.update(`${p}:${readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isDirectory()).sort().join(",")};`);
  }
  return h.digest("hex").slice(0, 12);
}

/** Runs a TypeScript child (tsx, react-server conditions) and returns the JSON object on its last stdout line. */
export function tsxChild<T = Record<string, unknown>>(script: string, argv: string[], env: Record<string, string>): T {
  const r = spawnSync("npx", [...TSX, script, ...argv], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): ${r.stdout.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as T;
}

export function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withPgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function sqliteCacheFile(items: number): string {
  return path.join(CACHE_DIR, `load-${cacheKey(items)}-${items}.db`);
}

export function pgCacheName(items: number): string {
  return `${PG_CACHE_PREFIX}${cacheKey(items)}_${items}`;
}

export async function pgDatabaseExists(name: string): Promise<boolean> {
  return withPgAdmin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

/** Folds the WAL into the main file so that copying the one file copies the whole database. */
function checkpoint(file: string) {
  const d = new Database(file);
  d.pragma("wal_checkpoint(TRUNCATE)");
  d.close();
}

/** Builds the cached SQLite database through the real import (`scripts/bench/import-child.ts`). */
export function buildSqliteCache(items: number, jsonl: string): { seconds: number; created: number; maxRssMB: number } {
  const final = sqliteCacheFile(items);
  mkdirSync(CACHE_DIR, { recursive: true });
  // Entries of the same size built from another generator or migration set are of no further use.
  for (const f of readdirSync(CACHE_DIR)) if (f.startsWith("load-") && f.includes(`-${items}.db`) && !f.startsWith(path.basename(final))) rmSync(path.join(CACHE_DIR, f), { force: true });
  const building = `${final}.building`;
  for (const s of ["", "-wal", "-shm"]) rmSync(building + s, { force: true });
  const r = tsxChild<{ seconds: number; created: number; maxRssMB: number }>("scripts/bench/import-child.ts", [jsonl], {
    DATABASE_URL: `file:${building}`,
    DATA_DIR: path.join(WORK_DIR, "data-build"),
    NODE_OPTIONS: "--max-old-space-size=448",
  });
  checkpoint(building);
  for (const s of ["-wal", "-shm"]) rmSync(building + s, { force: true });
  renameSync(building, final);
  return r;
}

/** Builds the cached PostgreSQL database through the real import; renamed into place only once complete. */
export async function buildPgCache(items: number, jsonl: string): Promise<{ seconds: number; created: number; maxRssMB: number }> {
  const final = pgCacheName(items);
  // Per process: two checkouts of the project (with different migrations) may build their caches at once. Caches
  // of other keys are left alone for the same reason (remove them with DROP DATABASE when no longer wanted).
  const building = `${PG_CACHE_PREFIX}building_${process.pid}_${items}`;
  await withPgAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${building}"`);
  });
  const r = tsxChild<{ seconds: number; created: number; maxRssMB: number }>("scripts/bench/import-child.ts", [jsonl], {
    DATABASE_URL: pgUrl(building),
    DATA_DIR: path.join(WORK_DIR, "data-build-pg"),
    NODE_OPTIONS: "--max-old-space-size=448",
  });
  await withPgAdmin((c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${final}"`));
  // Planner statistics travel with the template, so every copy starts analysed like a database in service.
  const c = new pg.Client({ connectionString: pgUrl(final) });
  await c.connect();
  await c.query("ANALYZE");
  await c.end();
  return r;
}

/** A fresh copy of the cached database for one run. */
export async function copyOfCache(provider: Provider, items: number, label: string): Promise<RunDb> {
  if (provider === "sqlite") {
    mkdirSync(WORK_DIR, { recursive: true });
    const file = path.join(WORK_DIR, `${label}-${process.pid}.db`);
    for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
    copyFileSync(sqliteCacheFile(items), file);
    return {
      provider,
      url: `file:${file}`,
      where: file,
      drop: async () => {
        for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(file + s, { force: true });
      },
    };
  }
  const name = `spinemed_load_${label}_${process.pid}_${Date.now()}`;
  await withPgAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${pgCacheName(items)}"`));
  return {
    provider,
    url: pgUrl(name),
    where: name,
    drop: () => withPgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export function sqliteCacheExists(items: number): boolean {
  return existsSync(sqliteCacheFile(items));
}

/** Plain SQL on a run's database, with `?` placeholders on both providers. */
export interface SqlReader {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openReader(db: RunDb): Promise<SqlReader> {
  if (db.provider === "sqlite") {
    const d = new Database(db.where, { readonly: true, fileMustExist: true });
    d.pragma("busy_timeout = 15000");
    return {
      all: async <T>(sql: string, params: unknown[] = []) => d.prepare(sql).all(...params) as T[],
      close: async () => {
        d.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  return {
    all: async <T>(sql: string, params: unknown[] = []) => {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return (await c.query(text, params)).rows as T[];
    },
    close: () => c.end(),
  };
}

const num = (v: unknown) => Number(v ?? 0);

export interface Integrity {
  /** Items of which more review assignments of the current round are held (not released) than the item needs. */
  overHeldItems: number;
  /** Items whose free slots are negative. */
  negativeSlotItems: number;
  /** Items whose accounting is off: free slots + held assignments of the round ≠ required reviews. */
  slotMismatchItems: number;
  /** doubleLeases = overHeldItems + negativeSlotItems + slotMismatchItems (any way a slot could be given twice). */
  doubleLeases: number;
  /** Saves answered 200 whose review id is not in the database. */
  lostDecisions: number;
  /** (item, reviewer, round) with more than one non-adjudication review. */
  duplicatedDecisions: number;
  reviews: number;
  assignments: number;
}

/** Integrity counts of a database after a run; `savedReviewIds` are the ids the server answered 200 with. */
export async function integrity(db: RunDb, savedReviewIds: string[]): Promise<Integrity> {
  const r = await openReader(db);
  try {
    const held = `SELECT a."itemId" AS "itemId", COUNT(*) AS n FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
      WHERE a."kind" = 'review' AND a."status" <> 'released' AND a."round" = i."round" GROUP BY a."itemId"`;
    const [over] = await r.all(`SELECT COUNT(*) AS n FROM (${held}) h JOIN "Item" i ON i."id" = h."itemId" WHERE h.n > i."requiredReviews"`);
    const [neg] = await r.all(`SELECT COUNT(*) AS n FROM "Item" WHERE "openSlots" < 0`);
    // Items without any assignment hold all their slots free: only items with assignments can be off, and the
    // items whose round was settled keep openSlots at whatever the last claim left.
    const [mismatch] = await r.all(
      `SELECT COUNT(*) AS n FROM (${held}) h JOIN "Item" i ON i."id" = h."itemId" WHERE i."openSlots" + h.n <> i."requiredReviews"`,
    );
    const [dup] = await r.all(
      `SELECT COUNT(*) AS n FROM (SELECT "itemId", "reviewerId", "round" FROM "Review" WHERE NOT "isAdjudication" GROUP BY "itemId", "reviewerId", "round" HAVING COUNT(*) > 1) d`,
    );
    let found = 0;
    for (let i = 0; i < savedReviewIds.length; i += 500) {
      const chunk = savedReviewIds.slice(i, i + 500);
      const [row] = await r.all(`SELECT COUNT(*) AS n FROM "Review" WHERE "id" IN (${chunk.map(() => "?").join(",")})`, chunk);
      found += num(row.n);
    }
    const [reviews] = await r.all(`SELECT COUNT(*) AS n FROM "Review"`);
    const [assignments] = await r.all(`SELECT COUNT(*) AS n FROM "Assignment"`);
    const overHeldItems = num(over.n);
    const negativeSlotItems = num(neg.n);
    const slotMismatchItems = num(mismatch.n);
    return {
      overHeldItems,
      negativeSlotItems,
      slotMismatchItems,
      doubleLeases: overHeldItems + negativeSlotItems + slotMismatchItems,
      lostDecisions: new Set(savedReviewIds).size - found,
      duplicatedDecisions: num(dup.n),
      reviews: num(reviews.n),
      assignments: num(assignments.n),
    };
  } finally {
    await r.close();
  }
}
