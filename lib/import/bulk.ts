import "server-only";
// Bulk writes for large imports, straight through the database driver in short transactions on one connection:
// Prisma's per-row round trips would make a 450,000-item import several times slower. Only the import uses this; everything
// else goes through the Prisma client. Values are converted here to what the Prisma client itself stores
// (SQLite: ISO-8601 text dates, 0/1 booleans, JSON text; PostgreSQL: native types, enums cast by name).
import Database from "better-sqlite3";
import pg from "pg";
import type { DbConfig } from "@/lib/db/config";
import { postgresUnavailable } from "@/lib/db/migrate";

export type ColType = "text" | "int" | "float" | "bool" | "date" | "json" | `enum:${string}`;
export interface TableSpec {
  name: string;
  columns: Record<string, ColType>;
}

export type Row = Record<string, unknown>;

/** A JSON column value that is already serialised (e.g. canonical JSON that was hashed): written as is. */
export class JsonText {
  constructor(readonly text: string) {}
}

export interface BulkTx {
  readonly provider: DbConfig["provider"];
  insert(table: TableSpec, rows: Row[]): Promise<void>;
  /** Inserts rows, skipping those that collide on a unique key. */
  insertIgnore(table: TableSpec, rows: Row[], conflictColumns: string[]): Promise<void>;
  /** A query with `?` placeholders (translated for PostgreSQL). */
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The same, each row an array of its columns in select order (no object per row: for large reads). */
  rows(sql: string, params?: unknown[]): Promise<unknown[][]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** Starts a transaction that takes the database's write lock up front (waiting for other writers). */
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** Rolls back an open transaction; does nothing when none is open. */
  rollback(): Promise<void>;
  close(): Promise<void>;
}

const q = (id: string) => `"${id}"`;
const ROWS_PER_STATEMENT = 100;

function sqliteValue(type: ColType, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  switch (type) {
    case "bool":
      return v ? 1 : 0;
    case "date":
      return (v as Date).toISOString().replace("Z", "+00:00");
    case "json":
      return v instanceof JsonText ? v.text : JSON.stringify(v);
    default:
      return v;
  }
}

const sqliteParams = (params: unknown[]) => params.map((p) => (p instanceof Date ? sqliteValue("date", p) : typeof p === "boolean" ? (p ? 1 : 0) : p));

class SqliteBulk implements BulkTx {
  readonly provider = "sqlite" as const;
  private statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private prepared(sql: string) {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // Many rows per statement: one native call inserts ROWS_PER_STATEMENT rows.
  private write(table: TableSpec, rows: Row[], verb: string) {
    const cols = Object.keys(table.columns);
    const types = cols.map((c) => table.columns[c]);
    const one = `(${cols.map(() => "?").join(",")})`;
    const head = `${verb} INTO ${q(table.name)} (${cols.map(q).join(",")}) VALUES `;
    const per = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(30_000 / cols.length)));
    const many = this.prepared(head + Array.from({ length: per }, () => one).join(","));
    const values = (r: Row, out: unknown[]) => {
      for (let i = 0; i < cols.length; i++) out.push(sqliteValue(types[i], r[cols[i]]));
    };
    let i = 0;
    for (; i + per <= rows.length; i += per) {
      const params: unknown[] = [];
      for (let j = i; j < i + per; j++) values(rows[j], params);
      many.run(params);
    }
    if (i < rows.length) {
      const single = this.prepared(head + one);
      for (; i < rows.length; i++) {
        const params: unknown[] = [];
        values(rows[i], params);
        single.run(params);
      }
    }
  }

  async insert(table: TableSpec, rows: Row[]) {
    this.write(table, rows, "INSERT");
  }
  async insertIgnore(table: TableSpec, rows: Row[]) {
    this.write(table, rows, "INSERT OR IGNORE");
  }
  async all<T>(sql: string, params: unknown[] = []) {
    return this.prepared(sql).all(...sqliteParams(params)) as T[];
  }
  async rows(sql: string, params: unknown[] = []) {
    const key = `rows:${sql}`;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql).raw(true);
      this.statements.set(key, s);
    }
    return s.all(...sqliteParams(params)) as unknown[][];
  }
  async run(sql: string, params: unknown[] = []) {
    this.prepared(sql).run(...sqliteParams(params));
  }
  async begin() {
    this.db.exec("BEGIN IMMEDIATE");
  }
  async commit() {
    this.db.exec("COMMIT");
  }
  async rollback() {
    if (this.db.open && this.db.inTransaction) this.db.exec("ROLLBACK");
  }
  async close() {
    await this.rollback();
    if (this.db.open) this.db.close();
  }
}

function pgArrayType(type: ColType): string {
  if (type.startsWith("enum:")) return `${q(type.slice(5))}[]`;
  return { text: "text[]", int: "int[]", float: "float8[]", bool: "bool[]", date: "timestamp(3)[]", json: "jsonb[]" }[type as "text"];
}

function pgValue(type: ColType, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (type === "json") return v instanceof JsonText ? v.text : JSON.stringify(v);
  if (type === "date") return (v as Date).toISOString().replace("Z", "");
  return v;
}

// Timestamps are stored as UTC without a zone, as Prisma does.
const pgParams = (params: unknown[]) => params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "") : p));

const toDollar = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

class PostgresBulk implements BulkTx {
  readonly provider = "postgres" as const;
  private open = false;
  private closed = false;
  constructor(private readonly client: pg.Client) {}

  // One parameter per column (an array), unnested into rows: thousands of rows in one statement.
  private async write(table: TableSpec, rows: Row[], suffix: string) {
    if (rows.length === 0) return;
    const cols = Object.keys(table.columns);
    const CHUNK = 5000;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const part = rows.slice(start, start + CHUNK);
      const params = cols.map((c) => part.map((r) => pgValue(table.columns[c], r[c])));
      const sql = `INSERT INTO ${q(table.name)} (${cols.map(q).join(",")}) SELECT * FROM unnest(${cols
        .map((c, i) => `$${i + 1}::${pgArrayType(table.columns[c])}`)
        .join(",")}) ${suffix}`;
      await this.client.query(sql, params);
    }
  }

  async insert(table: TableSpec, rows: Row[]) {
    await this.write(table, rows, "");
  }
  async insertIgnore(table: TableSpec, rows: Row[], conflictColumns: string[]) {
    await this.write(table, rows, `ON CONFLICT (${conflictColumns.map(q).join(",")}) DO NOTHING`);
  }
  async all<T>(sql: string, params: unknown[] = []) {
    return (await this.client.query(toDollar(sql), pgParams(params))).rows as T[];
  }
  async rows(sql: string, params: unknown[] = []) {
    return (await this.client.query({ text: toDollar(sql), values: pgParams(params), rowMode: "array" })).rows as unknown[][];
  }
  async run(sql: string, params: unknown[] = []) {
    await this.client.query(toDollar(sql), pgParams(params));
  }
  async begin() {
    await this.client.query("BEGIN");
    this.open = true;
  }
  async commit() {
    this.open = false;
    await this.client.query("COMMIT");
  }
  async rollback() {
    if (!this.open) return;
    this.open = false;
    await this.client.query("ROLLBACK").catch(() => {});
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.rollback();
    await this.client.end().catch(() => {});
  }
}

/** Opens a connection for bulk work; each unit of work is begin() … commit(), and close() ends it. */
export async function openBulk(config: DbConfig): Promise<BulkTx> {
  if (config.provider === "sqlite") {
    const db = new Database(config.file, { timeout: 30_000 });
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    // A large page cache keeps a big import's index pages in memory between its short transactions.
    db.pragma("cache_size = -65536");
    return new SqliteBulk(db);
  }
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (e) {
    throw postgresUnavailable(config, e);
  }
  // Parsing JSON and timestamps back is not needed for what the import reads; keep the driver's defaults.
  return new PostgresBulk(client);
}

/** A connection with one transaction already begun (for one-shot bulk work such as the bench's fixtures). */
export async function beginBulk(config: DbConfig): Promise<BulkTx> {
  const tx = await openBulk(config);
  await tx.begin();
  return tx;
}
