import "server-only";
// The one Prisma client of the app. SQLite (embedded, the default) or PostgreSQL, chosen by DATABASE_URL.
// Both generated clients come from the same models (prisma/models.prisma), so the SQLite client's type
// describes both.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { resolveDbConfig, type DbConfig } from "./config";
import { LOCK_WAIT_MS, tunedSqliteFactory } from "./sqlite-adapter";
import { applyMigrations } from "./migrate";

export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

interface Holder {
  config: DbConfig;
  client: Db;
  ready?: Promise<void>;
}

const globalHolder = globalThis as unknown as { __spinemedDb?: Holder };

function createClient(config: DbConfig): Db {
  if (config.provider === "sqlite") {
    mkdirSync(path.dirname(config.file), { recursive: true });
    // The tuned adapter waits for another process's write lock itself, without blocking the event loop (up to
    // LOCK_WAIT_MS); the driver's own busy timeout is set to 0 there. Starting a transaction may take that long
    // (an import's last transaction holds the lock for a second or two), so Prisma's 2 s limit to start one is raised.
    return new SqliteClient({
      adapter: tunedSqliteFactory(new PrismaBetterSqlite3({ url: config.url })),
      transactionOptions: { maxWait: LOCK_WAIT_MS },
    });
  }
  const max = Number(process.env.DATABASE_POOL_SIZE || 10);
  return new PostgresClient({
    adapter: new PrismaPg({ connectionString: config.url, max, connectionTimeoutMillis: 5_000 }),
  }) as unknown as Db;
}

function holder(): Holder {
  if (!globalHolder.__spinemedDb) {
    const config = resolveDbConfig();
    globalHolder.__spinemedDb = { config, client: createClient(config) };
  }
  return globalHolder.__spinemedDb;
}

/** The Prisma client. Call `prepareDatabase()` once at start-up (instrumentation, CLIs) before using it. */
export function db(): Db {
  return holder().client;
}

export function dbConfig(): DbConfig {
  return holder().config;
}

/** Applies pending migrations once per process. */
export function prepareDatabase(): Promise<void> {
  const h = holder();
  if (!h.ready) {
    h.ready = applyMigrations(h.config).then(() => undefined);
    h.ready.catch(() => {
      h.ready = undefined; // let a later call try again (e.g. PostgreSQL came up)
    });
  }
  return h.ready;
}

/** Closes the connection (CLIs and tests). */
export async function disconnectDatabase(): Promise<void> {
  const h = globalHolder.__spinemedDb;
  if (h) {
    globalHolder.__spinemedDb = undefined;
    await h.client.$disconnect();
  }
}
