import "server-only";
// Prisma's better-sqlite3 adapter, with three things it lacks on one shared connection:
//  1. Plain queries wait for an open transaction. The adapter serialises transactions among themselves, but a
//     query outside one runs on the same connection at once: a write would commit or roll back with another
//     request's transaction, and a read would see its uncommitted rows. One queue orders both here.
//  2. Transactions begin IMMEDIATE: the write lock is taken (waiting up to busy_timeout for another process, such
//     as an import) before the first statement, instead of failing with SQLITE_BUSY when a transaction that began
//     by reading tries to write after another process committed.
//  3. Prepared statements are reused. The adapter prepares every statement again on every call (about a tenth of
//     the server's CPU under review load); compiled statements are kept per SQL text, bound per call.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";

type Statement = BetterSqlite3.Statement<unknown[]>;

/** The parts of a better-sqlite3 statement the adapter uses, with the arguments bound per call. */
const columnsOf = new WeakMap<Statement, BetterSqlite3.ColumnDefinition[]>();

function boundStatement(stmt: Statement, args: unknown[]) {
  return {
    get reader() {
      return stmt.reader;
    },
    // A prepared statement's columns never change: read once.
    columns: () => {
      let c = columnsOf.get(stmt);
      if (!c) columnsOf.set(stmt, (c = stmt.columns()));
      return c;
    },
    run: () => stmt.run(...args),
    raw: () => ({ all: () => stmt.raw(true).all(...args) }),
  };
}

const STATEMENT_CACHE_SIZE = 500;

function cacheStatements(db: BetterSqlite3.Database): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const cached = (sql: string): Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    if (sql === "BEGIN") return prepare("BEGIN IMMEDIATE");
    const stmt = cached(sql);
    // The adapter calls bind(args) once per statement object; a cached one is shared, so bind per call instead.
    return { ...boundStatement(stmt, []), bind: (args: unknown[]) => boundStatement(stmt, args) };
  };
}

/** A FIFO lock: plain queries and whole transactions take turns on the one connection. */
class Queue {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

function tuneAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (!client || typeof client.prepare !== "function") return adapter;
  cacheStatements(client);
  const queue = new Queue();
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (q: SqlQuery) => queue.run(() => queryRaw(q));
  adapter.executeRaw = (q: SqlQuery) => queue.run(() => executeRaw(q));
  adapter.startTransaction = async (isolationLevel) => {
    const release = await queue.acquire();
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (e) {
      release();
      throw e;
    }
    let released = false;
    const done = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        await commit();
      } finally {
        done();
      }
    };
    tx.rollback = async () => {
      try {
        await rollback();
      } finally {
        done();
      }
    };
    return tx;
  };
  return adapter;
}

/** Wraps the adapter factory: every connection it makes is tuned as described above. */
export function tunedSqliteFactory(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => tuneAdapter(await inner.connect()),
  };
}
