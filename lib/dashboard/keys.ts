// What each decision adds to the dashboard's counters, as pure functions shared by the incremental hooks and the
// full recount (so the two can only differ in their bookkeeping, which the integration tests compare).
// A counter key is (metric, scope, day, batch, taskType, k1, k2, k3); see prisma/models.prisma (DashCounter).

export interface CounterKey {
  metric: string;
  scope?: string;
  day?: string;
  batch?: string;
  taskType?: string;
  k1?: string;
  k2?: string;
  k3?: string;
}

const SEP = "\u0001";

export function encodeKey(k: CounterKey): string {
  return [k.metric, k.scope ?? "", k.day ?? "", k.batch ?? "", k.taskType ?? "", k.k1 ?? "", k.k2 ?? "", k.k3 ?? ""].join(SEP);
}

export function decodeKey(s: string): Required<CounterKey> {
  const [metric, scope, day, batch, taskType, k1, k2, k3] = s.split(SEP);
  return { metric, scope, day, batch, taskType, k1, k2, k3 };
}

/** Deltas under encoded keys. */
export class Tally {
  readonly map = new Map<string, number>();
  add(k: CounterKey, n = 1): void {
    if (n === 0) return;
    const key = encodeKey(k);
    const v = (this.map.get(key) ?? 0) + n;
    if (v === 0) this.map.delete(key);
    else this.map.set(key, v);
  }
  merge(other: Tally, sign = 1): void {
    for (const [key, n] of other.map) {
      const v = (this.map.get(key) ?? 0) + sign * n;
      if (v === 0) this.map.delete(key);
      else this.map.set(key, v);
    }
  }
}

/** The UTC day of a stored time (a Date from PostgreSQL, ISO text or epoch milliseconds from SQLite). */
export function dayOf(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v)).toISOString().slice(0, 10);
  const s = String(v);
  return /^\d+$/.test(s) ? new Date(Number(s)).toISOString().slice(0, 10) : new Date(s).toISOString().slice(0, 10);
}

/** Upper bounds (seconds) of the time-per-item histogram; the last bucket is open. */
export const TIME_BUCKETS_S = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 3600] as const;

export function timeBucket(ms: number): number {
  const s = Math.max(0, ms) / 1000;
  const i = TIME_BUCKETS_S.findIndex((b) => s < b);
  return i === -1 ? TIME_BUCKETS_S.length : i;
}

/** Bucket i covers [lower, upper) seconds; the last has no upper bound. */
export function bucketRange(i: number): { lower: number; upper: number | null } {
  return { lower: i === 0 ? 0 : TIME_BUCKETS_S[i - 1], upper: i < TIME_BUCKETS_S.length ? TIME_BUCKETS_S[i] : null };
}

export function bucketLabel(i: number): string {
  const { lower, upper } = bucketRange(i);
  const fmt = (s: number) => (s >= 60 ? `${+(s / 60).toFixed(1)} min` : `${s} s`);
  return upper === null ? `≥ ${fmt(lower)}` : `${fmt(lower)}–${fmt(upper)}`;
}

/**
 * The median of a histogram, interpolated linearly inside the bucket that holds it (the open last bucket gives its
 * lower bound); null when empty.
 */
export function histogramMedian(counts: readonly number[]): number | null {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const half = total / 2;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    if (below + counts[i] >= half && counts[i] > 0) {
      const { lower, upper } = bucketRange(i);
      if (upper === null) return lower;
      return lower + ((half - below) / counts[i]) * (upper - lower);
    }
    below += counts[i];
  }
  return null;
}

export interface LevelVerdictRow {
  level: string;
  decision: string;
  correctedLevel: string | null;
  reason?: string | null;
  severity?: string | null;
}

export interface ReviewFacts {
  reviewerId: string;
  decision: string;
  isAdjudication: boolean;
  reason: string | null;
  severity: string | null;
  timeSpentMs: number;
  day: string;
  batch: string;
  taskType: string;
  levels: LevelVerdictRow[];
}

/** One review's own counters: throughput, time per item, rejection reasons × severity, level corrections. */
export function reviewCounters(r: ReviewFacts, out = new Tally()): Tally {
  const base = { day: r.day, batch: r.batch, taskType: r.taskType };
  const kind = r.isAdjudication ? "adjudication" : "review";
  out.add({ metric: "reviews", ...base, k1: r.reviewerId, k2: r.decision, k3: kind });
  if (!r.isAdjudication) out.add({ metric: "time", ...base, k1: String(timeBucket(r.timeSpentMs)).padStart(2, "0") });
  if (r.decision !== "accept") out.add({ metric: "reason", ...base, k1: r.reason || "none", k2: r.severity || "none", k3: "item" });
  for (const l of r.levels) {
    out.add({ metric: "levelseen", ...base, k1: l.level, k3: kind });
    if (l.correctedLevel) out.add({ metric: "levelfix", ...base, k1: l.level, k2: l.correctedLevel, k3: kind });
    if (l.decision !== "accept" && (l.reason || l.severity)) out.add({ metric: "reason", ...base, k1: l.reason || "none", k2: l.severity || "none", k3: "level" });
  }
  return out;
}

/** A level's rating for agreement: the decision, or "moved" when the claim was moved to another level. */
export function levelCategory(l: LevelVerdictRow): string {
  return l.correctedLevel ? "moved" : l.decision;
}

export const ITEM_CATEGORIES = ["accept", "edit", "reject"] as const;
export const LEVEL_CATEGORIES = ["accept", "edit", "reject", "moved"] as const;

/** A unit's ratings as a signature: "accept=2,edit=1" (categories sorted), the same for equal multisets. */
export function signature(values: readonly string[]): string {
  const tally = new Map<string, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return [...tally.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, n]) => `${c}=${n}`).join(",");
}

export function parseSignature(sig: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const part of sig.split(",")) {
    if (!part) continue;
    const i = part.lastIndexOf("=");
    m.set(part.slice(0, i), Number(part.slice(i + 1)));
  }
  return m;
}

export interface UnitRating {
  reviewerId: string;
  decision: string;
  levels: LevelVerdictRow[];
  /** Report rubric scores by dimension, else null. */
  rubric: Record<string, number> | null;
}

/** The ordered pair key of two raters and the cell of their two ratings (rater with the smaller id first). */
function pairCell(a: string, ra: string, b: string, rb: string): { k1: string; k2: string } {
  return a < b ? { k1: `${a}|${b}`, k2: `${ra}|${rb}` } : { k1: `${b}|${a}`, k2: `${rb}|${ra}` };
}

/**
 * What one review round (its independent reviews) contributes to the agreement counters: its signature per scope
 * ("item" and each level), every rater pair's cell per scope, and every rater pair's rubric score cells.
 */
export function unitCounters(ratings: readonly UnitRating[], ctx: { batch: string; taskType: string }, out = new Tally()): Tally {
  if (ratings.length === 0) return out;
  const base = { batch: ctx.batch, taskType: ctx.taskType };
  const scopes = new Map<string, { reviewerId: string; value: string }[]>();
  const push = (scope: string, reviewerId: string, value: string) => {
    const list = scopes.get(scope) ?? [];
    list.push({ reviewerId, value });
    scopes.set(scope, list);
  };
  for (const r of ratings) {
    push("item", r.reviewerId, r.decision);
    for (const l of r.levels) push(`level:${l.level}`, r.reviewerId, levelCategory(l));
  }
  for (const [scope, list] of scopes) {
    out.add({ metric: "unit", scope, ...base, k1: signature(list.map((x) => x.value)) });
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        if (list[i].reviewerId === list[j].reviewerId) continue;
        out.add({ metric: "pair", scope, ...base, ...pairCell(list[i].reviewerId, list[i].value, list[j].reviewerId, list[j].value) });
      }
  }
  for (let i = 0; i < ratings.length; i++)
    for (let j = i + 1; j < ratings.length; j++) {
      const a = ratings[i];
      const b = ratings[j];
      if (!a.rubric || !b.rubric || a.reviewerId === b.reviewerId) continue;
      for (const dim of Object.keys(a.rubric)) {
        const sa = a.rubric[dim];
        const sb = b.rubric[dim];
        if (typeof sa !== "number" || typeof sb !== "number") continue;
        out.add({ metric: "rpair", scope: "item", ...base, ...pairCell(a.reviewerId, String(sa), b.reviewerId, String(sb)) });
      }
    }
  return out;
}
