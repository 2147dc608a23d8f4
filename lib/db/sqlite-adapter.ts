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
//  4. Waiting for the write lock does not stop the server. better-sqlite3 is synchronous: with a busy timeout, a
//     request waiting for another process's write (an import's chunk) would block the event loop, and every other
//     request with it, for as long as that write lasts. Here the busy timeout is 0 and a busy lock is tried again
//     a few milliseconds later, off the connection's queue, so reads and other work go on meanwhile.
import { DriverAdapterError, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type Transaction } from "@prisma/driver-adapter-utils";
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

/** How long a statement or transaction waits for another process's write lock before giving up. */
export const LOCK_WAIT_MS = 15_000;

/** Whether an error (better-sqlite3's, or the adapter's wrapping of it) says the database is locked. */
export function isBusy(e: unknown): boolean {
  const err = e as { code?: unknown; cause?: { originalCode?: unknown } } | null;
  return String(err?.code ?? err?.cause?.originalCode ?? "").startsWith("SQLITE_BUSY");
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** 1, 2, 4, then 5 ms between tries: a lock freed between an import's chunks is taken within a few ms. */
const backoff = (attempt: number) => Math.min(5, 2 ** attempt);

function lockTimeout(e: unknown, waitMs: number): DriverAdapterError {
  const message = e instanceof Error ? e.message : String(e);
  return new DriverAdapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY", originalMessage: `the database stayed locked for ${waitMs / 1000} s: ${message}` });
}

/** Runs fn, and again after a short pause while the database is locked by another process, up to LOCK_WAIT_MS. */
export async function whileBusy<T>(fn: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusy(e)) throw e;
      if (Date.now() >= deadline) throw lockTimeout(e, waitMs);
      await pause(backoff(attempt));
    }
  }
}

/** A statement that does nothing: the adapter's own BEGIN, once the transaction has begun here. */
const NOTHING = { reader: false, columns: () => [], run: () => ({ changes: 0, lastInsertRowid: 0 }), raw: () => ({ all: () => [] }) };

function cacheStatements(db: BetterSqlite3.Database): () => void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const beginImmediate = prepare("BEGIN IMMEDIATE");
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
    // The transaction was begun (IMMEDIATE) by the tuned startTransaction, which waits for the lock without blocking.
    if (sql === "BEGIN") return db.inTransaction ? { ...NOTHING, bind: () => NOTHING } : beginImmediate;
    const stmt = cached(sql);
    // The adapter calls bind(args) once per statement object; a cached one is shared, so bind per call instead.
    return { ...boundStatement(stmt, []), bind: (args: unknown[]) => boundStatement(stmt, args) };
  };
  return () => beginImmediate.run();
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
  const begin = cacheStatements(client);
  client.pragma("busy_timeout = 0");
  const queue = new Queue();
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  // A statement outside a transaction that meets the lock did nothing: it is tried again, off the queue.
  adapter.queryRaw = (q: SqlQuery) => whileBusy(() => queue.run(() => queryRaw(q)));
  adapter.executeRaw = (q: SqlQuery) => whileBusy(() => queue.run(() => executeRaw(q)));
  adapter.startTransaction = async (isolationLevel) => {
    // The write lock first, tried without waiting; while another process holds it, the queue is let go.
    const release = await whileBusy(async () => {
      const r = await queue.acquire();
      try {
        begin();
        return r;
      } catch (e) {
        r();
        throw e;
      }
    });
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (e) {
      if (client.inTransaction) client.exec("ROLLBACK");
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
