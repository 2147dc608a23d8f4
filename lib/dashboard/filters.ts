// The dashboard's filters, read from the URL (so a view can be shared) by the page and the CSV downloads alike.
// Values are taken as given: one that matches nothing (an unknown batch, a level nobody used) gives empty panels,
// never an error. A malformed date is ignored and reported, so the rest of the view still works.
import { z } from "zod";

const text = z.string().trim().max(200).optional().catch(undefined);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const dashboardFiltersSchema = z.object({
  from: text,
  to: text,
  batch: text,
  taskType: text,
  /** Agreement between reviewer pairs: over item decisions ("" / absent) or over one level's decisions. */
  level: text,
});

export interface DashboardFilters {
  from?: string;
  to?: string;
  batch?: string;
  taskType?: string;
  level?: string;
  /** Filter values that were not understood and were left out. */
  ignored: string[];
}

export function parseFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): DashboardFilters {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const raw = dashboardFiltersSchema.parse({ from: get("from"), to: get("to"), batch: get("batch"), taskType: get("taskType"), level: get("level") });
  const ignored: string[] = [];
  const day = (name: "from" | "to") => {
    const v = raw[name];
    if (!v) return undefined;
    if (DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return v;
    ignored.push(`${name}: "${v}" is not a date (YYYY-MM-DD)`);
    return undefined;
  };
  return { from: day("from"), to: day("to"), batch: raw.batch || undefined, taskType: raw.taskType || undefined, level: raw.level || undefined, ignored };
}

/** The filters as a query string (links, CSV downloads). */
export function filterQuery(f: Omit<DashboardFilters, "ignored">, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of ["from", "to", "batch", "taskType", "level"] as const) if (f[k]) q.set(k, f[k]!);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
