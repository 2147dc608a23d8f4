import "server-only";
// Reading the counters: one grouped sum over an index range of DashCounter per question, with the dashboard's
// filters (batch and task type are key columns; the day range applies to dated metrics only).
import { db } from "@/lib/db/client";
import type { DashboardFilters } from "./filters";
import { fromPrisma, type SqlExec } from "./sql";

export type Column = "scope" | "day" | "batch" | "taskType" | "k1" | "k2" | "k3";

export interface SumQuery {
  metric: string;
  scope?: string;
  /** Dated metrics honour the day range. */
  dated: boolean;
  group: Column[];
}

export type SumRow = Record<Column, string> & { n: number };

export function reader(): SqlExec {
  return fromPrisma(db());
}

export async function sumCounters(exec: SqlExec, f: DashboardFilters, q: SumQuery): Promise<SumRow[]> {
  const where = [`"metric" = ?`];
  const params: unknown[] = [q.metric];
  if (q.scope !== undefined) {
    where.push(`"scope" = ?`);
    params.push(q.scope);
  }
  if (q.dated && f.from) {
    where.push(`"day" >= ?`);
    params.push(f.from);
  }
  if (q.dated && f.to) {
    where.push(`"day" <= ?`);
    params.push(f.to);
  }
  if (f.batch) {
    where.push(`"batch" = ?`);
    params.push(f.batch);
  }
  if (f.taskType) {
    where.push(`"taskType" = ?`);
    params.push(f.taskType);
  }
  const cols = q.group.map((c) => `"${c}"`).join(", ");
  const rows = await exec.all<Record<string, unknown>>(
    `SELECT ${cols}${cols ? ", " : ""}SUM("n") AS "n" FROM "DashCounter" WHERE ${where.join(" AND ")}${cols ? ` GROUP BY ${cols}` : ""}`,
    params,
  );
  return rows
    .map((r) => {
      const out = { n: Number(r.n ?? 0) } as SumRow;
      for (const c of q.group) out[c] = String(r[c] ?? "");
      return out;
    })
    .filter((r) => r.n !== 0);
}

/** Display names of users by id (reviewers in the panels). */
export async function userNames(exec: SqlExec, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)].filter(Boolean);
  const out = new Map<string, string>();
  for (let i = 0; i < list.length; i += 500) {
    const part = list.slice(i, i + 500);
    const rows = await exec.all<{ id: string; name: string }>(`SELECT "id", "name" FROM "User" WHERE "id" IN (${part.map(() => "?").join(", ")})`, part);
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}
