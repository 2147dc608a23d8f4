import "server-only";
// Plain SQL with `?` placeholders on both databases, over a Prisma transaction or the import's bulk connection
// (lib/import/bulk's BulkTx has the same shape), and the counters' upsert: `n = n + excluded.n`, which stays
// right when concurrent transactions add to the same counter (PostgreSQL's ON CONFLICT takes the row lock; SQLite
// has one writer).
import type { Tx } from "@/lib/db/client";
import { dbConfig } from "@/lib/db/client";
import { decodeKey, type Tally } from "./keys";

export interface SqlExec {
  readonly provider: "sqlite" | "postgres";
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Numbers come back as BigInt from some drivers: every caller reads them through Number(). */
export function fromPrisma(tx: Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">): SqlExec {
  const provider = dbConfig().provider;
  const text = (sql: string) => (provider === "postgres" ? numbered(sql) : sql);
  return {
    provider,
    all: async <T>(sql: string, params: unknown[] = []) => (await tx.$queryRawUnsafe(text(sql), ...params)) as T[],
    run: async (sql: string, params: unknown[] = []) => {
      await tx.$executeRawUnsafe(text(sql), ...params);
    },
  };
}

export const COUNTER_COLUMNS = `"metric", "scope", "day", "batch", "taskType", "k1", "k2", "k3"`;
export const ADD_ON_CONFLICT = `ON CONFLICT (${COUNTER_COLUMNS}) DO UPDATE SET "n" = "DashCounter"."n" + excluded."n"`;

const ROWS_PER_STATEMENT = 200;

/** Adds the tally's deltas to the counters. */
export async function addCounters(exec: SqlExec, tally: Tally): Promise<void> {
  // A fixed order of keys: two transactions adding to the same counters lock them in the same order.
  const entries = [...tally.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
    const part = entries.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const [key, n] of part) {
      const k = decodeKey(key);
      params.push(k.metric, k.scope, k.day, k.batch, k.taskType, k.k1, k.k2, k.k3, n);
    }
    const values = part.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
    await exec.run(`INSERT INTO "DashCounter" (${COUNTER_COLUMNS}, "n") VALUES ${values} ${ADD_ON_CONFLICT}`, params);
  }
}
