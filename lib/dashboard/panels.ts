import "server-only";
// The dashboard's panels, each read from the rollups only (a handful of grouped sums over DashCounter and the
// small gold table; no scan of items or reviews), and each chart's data as the table its CSV download holds.
import { kappaFromTable } from "@/lib/stats/kappa";
import { alphaFromGroups, fleissFromGroups, percentAgreementFromGroups, type UnitGroup } from "@/lib/stats/grouped";
import { isDefined, type Agreement } from "@/lib/stats/result";
import { compareLevels, isCanonicalLevel } from "@/lib/levels";
import { ITEM_STATUSES, statusLabel } from "@/lib/review/lifecycle";
import { reasonLabel, severityLabel, SEVERITY_KEYS } from "@/lib/review/taxonomy";
import { RUBRIC_MAX, RUBRIC_MIN } from "@/lib/review/rubric";
import type { DashboardFilters } from "./filters";
import { ITEM_DIMENSIONS } from "./items";
import { bucketLabel, histogramMedian, ITEM_CATEGORIES, LEVEL_CATEGORIES, parseSignature, TIME_BUCKETS_S } from "./keys";
import { sumCounters, userNames } from "./read";
import type { SqlExec } from "./sql";

export const STATUSES = ITEM_STATUSES;

export interface CompletionRow {
  key: string;
  label: string;
  total: number;
  counts: Record<string, number>;
}
export interface CompletionData {
  dimensions: { dimension: string; title: string; rows: CompletionRow[] }[];
  reviewers: { reviewerId: string; label: string; accept: number; edit: number; reject: number; adjudications: number }[];
}

export const DIMENSION_TITLES: Record<string, string> = {
  taskType: "Task type",
  level: "Level",
  modality: "Modality",
  sourceType: "Source type",
  subfield: "Subfield",
  language: "Language",
  batch: "Import batch",
};

async function batchLabels(exec: SqlExec, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const list = ids.filter(Boolean);
  for (let i = 0; i < list.length; i += 500) {
    const part = list.slice(i, i + 500);
    const rows = await exec.all<{ id: string; fileName: string; startedAt: unknown }>(
      `SELECT "id", "fileName", "startedAt" FROM "ImportBatch" WHERE "id" IN (${part.map(() => "?").join(", ")})`,
      part,
    );
    for (const r of rows) {
      const d = r.startedAt instanceof Date ? r.startedAt.toISOString() : String(r.startedAt);
      out.set(r.id, `${r.fileName} (${d.slice(0, 10)})`);
    }
  }
  return out;
}

export async function loadCompletion(exec: SqlExec, f: DashboardFilters): Promise<CompletionData> {
  const rows = await sumCounters(exec, f, { metric: "items", dated: false, group: ["scope", "k1", "k2"] });
  const batches = await batchLabels(exec, rows.filter((r) => r.scope === "batch").map((r) => r.k1));
  const dims = [...ITEM_DIMENSIONS.filter((d) => d !== "batch"), "level", "batch"] as const;
  const dimensions = dims.map((dimension) => {
    const byKey = new Map<string, CompletionRow>();
    for (const r of rows.filter((x) => x.scope === dimension)) {
      const label = dimension === "batch" ? (batches.get(r.k1) ?? (r.k1 || "no batch")) : r.k1 || "none";
      const row = byKey.get(r.k1) ?? { key: r.k1, label, total: 0, counts: Object.fromEntries(STATUSES.map((s) => [s, 0])) };
      row.counts[r.k2] = (row.counts[r.k2] ?? 0) + r.n;
      row.total += r.n;
      byKey.set(r.k1, row);
    }
    const list = [...byKey.values()];
    if (dimension === "level") list.sort((a, b) => (isCanonicalLevel(a.key) && isCanonicalLevel(b.key) ? compareLevels(a.key, b.key) : a.key.localeCompare(b.key)));
    else list.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
    return { dimension, title: DIMENSION_TITLES[dimension], rows: list };
  });
  const reviews = await sumCounters(exec, f, { metric: "reviews", dated: true, group: ["k1", "k2", "k3"] });
  const names = await userNames(exec, reviews.map((r) => r.k1));
  const byReviewer = new Map<string, CompletionData["reviewers"][number]>();
  for (const r of reviews) {
    const row = byReviewer.get(r.k1) ?? { reviewerId: r.k1, label: names.get(r.k1) ?? "unknown user", accept: 0, edit: 0, reject: 0, adjudications: 0 };
    if (r.k3 === "adjudication") row.adjudications += r.n;
    else if (r.k2 === "accept" || r.k2 === "edit" || r.k2 === "reject") row[r.k2] += r.n;
    byReviewer.set(r.k1, row);
  }
  const reviewers = [...byReviewer.values()].sort((a, b) => b.accept + b.edit + b.reject - (a.accept + a.edit + a.reject) || a.label.localeCompare(b.label));
  return { dimensions, reviewers };
}

export interface ThroughputData {
  days: { day: string; reviews: number; adjudications: number }[];
  reviewers: { reviewerId: string; label: string; reviews: number; adjudications: number; perActiveDay: number }[];
}

export async function loadThroughput(exec: SqlExec, f: DashboardFilters): Promise<ThroughputData> {
  const rows = await sumCounters(exec, f, { metric: "reviews", dated: true, group: ["day", "k1", "k3"] });
  const names = await userNames(exec, rows.map((r) => r.k1));
  const days = new Map<string, ThroughputData["days"][number]>();
  const reviewers = new Map<string, ThroughputData["reviewers"][number] & { active: Set<string> }>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { day: r.day, reviews: 0, adjudications: 0 };
    const u = reviewers.get(r.k1) ?? { reviewerId: r.k1, label: names.get(r.k1) ?? "unknown user", reviews: 0, adjudications: 0, perActiveDay: 0, active: new Set<string>() };
    if (r.k3 === "adjudication") {
      d.adjudications += r.n;
      u.adjudications += r.n;
    } else {
      d.reviews += r.n;
      u.reviews += r.n;
    }
    u.active.add(r.day);
    days.set(r.day, d);
    reviewers.set(r.k1, u);
  }
  return {
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    reviewers: [...reviewers.values()]
      .map(({ active, ...u }) => ({ ...u, perActiveDay: Math.round(((u.reviews + u.adjudications) / Math.max(1, active.size)) * 10) / 10 }))
      .sort((a, b) => b.reviews + b.adjudications - (a.reviews + a.adjudications) || a.label.localeCompare(b.label)),
  };
}

export interface TimeData {
  buckets: string[];
  taskTypes: { taskType: string; n: number; medianSeconds: number | null; counts: number[] }[];
}

export async function loadTimePerItem(exec: SqlExec, f: DashboardFilters): Promise<TimeData> {
  const rows = await sumCounters(exec, f, { metric: "time", dated: true, group: ["taskType", "k1"] });
  const size = TIME_BUCKETS_S.length + 1;
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const counts = by.get(r.taskType) ?? new Array<number>(size).fill(0);
    counts[Number(r.k1)] += r.n;
    by.set(r.taskType, counts);
  }
  return {
    buckets: Array.from({ length: size }, (_, i) => bucketLabel(i)),
    taskTypes: [...by.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([taskType, counts]) => {
        const median = histogramMedian(counts);
        return { taskType, counts, n: counts.reduce((s, c) => s + c, 0), medianSeconds: median === null ? null : Math.round(median * 10) / 10 };
      }),
  };
}

export interface RejectionData {
  severities: { key: string; label: string }[];
  reasons: { reason: string; label: string; total: number; counts: Record<string, number> }[];
}

export async function loadRejections(exec: SqlExec, f: DashboardFilters): Promise<RejectionData> {
  const rows = await sumCounters(exec, f, { metric: "reason", dated: true, group: ["k1", "k2"] });
  const severities = [...SEVERITY_KEYS, "none"].map((key) => ({ key, label: key === "none" ? "no severity" : severityLabel(key) }));
  const by = new Map<string, RejectionData["reasons"][number]>();
  for (const r of rows) {
    const row = by.get(r.k1) ?? { reason: r.k1, label: r.k1 === "none" ? "no reason" : reasonLabel(r.k1), total: 0, counts: Object.fromEntries(severities.map((s) => [s.key, 0])) };
    row.counts[r.k2] = (row.counts[r.k2] ?? 0) + r.n;
    row.total += r.n;
    by.set(r.k1, row);
  }
  return { severities, reasons: [...by.values()].sort((a, b) => b.total - a.total) };
}

export interface LevelCorrectionData {
  /** Levels on either axis, cranio-caudal. */
  levels: string[];
  cells: { from: string; to: string; n: number }[];
  /** Level decisions made on each drafted level (the rate's denominator). */
  decided: Record<string, number>;
  total: number;
}

export async function loadLevelCorrections(exec: SqlExec, f: DashboardFilters): Promise<LevelCorrectionData> {
  const fixes = await sumCounters(exec, f, { metric: "levelfix", dated: true, group: ["k1", "k2"] });
  const seen = await sumCounters(exec, f, { metric: "levelseen", dated: true, group: ["k1"] });
  const levels = [...new Set(fixes.flatMap((r) => [r.k1, r.k2]))].sort((a, b) => (isCanonicalLevel(a) && isCanonicalLevel(b) ? compareLevels(a, b) : a.localeCompare(b)));
  return {
    levels,
    cells: fixes.map((r) => ({ from: r.k1, to: r.k2, n: r.n })).sort((a, b) => b.n - a.n),
    decided: Object.fromEntries(seen.map((r) => [r.k1, r.n])),
    total: fixes.reduce((s, r) => s + r.n, 0),
  };
}

/** An agreement figure as the page and the CSV show it. */
export type Figure = { value: number; lo: number | null; hi: number | null; n: number } | { value: null; reason: string; n: number };

export function figure(a: Agreement): Figure {
  if (!isDefined(a)) return { value: null, reason: a.reason, n: a.n };
  return { value: a.value, lo: a.ci?.[0] ?? null, hi: a.ci?.[1] ?? null, n: a.n };
}

export interface AgreementRow {
  scope: string;
  kind: "overall" | "task type" | "level";
  percent: Figure;
  alpha: Figure;
  fleiss: Figure & { ratings?: number };
}

export interface PairFigure {
  a: string;
  b: string;
  aLabel: string;
  bLabel: string;
  kappa: Figure;
}

export interface AgreementData {
  rows: AgreementRow[];
  pairScope: string;
  pairs: PairFigure[];
  rubric: PairFigure[];
}

function groupsOf(rows: { k1: string; n: number }[]): UnitGroup[] {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.k1, (by.get(r.k1) ?? 0) + r.n);
  return [...by.entries()].map(([sig, units]) => ({ values: [...parseSignature(sig)].flatMap(([c, k]) => new Array<string>(k).fill(c)), units }));
}

function fleissOfLargest(groups: UnitGroup[], categories: readonly string[]): Figure & { ratings?: number } {
  // Fleiss' kappa needs the same number of ratings per item: the most common number above two.
  const bySize = new Map<number, number>();
  for (const g of groups) if (g.values.length > 2) bySize.set(g.values.length, (bySize.get(g.values.length) ?? 0) + g.units);
  const best = [...bySize.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (!best) return { value: null, reason: "no item with more than two reviews", n: 0 };
  return { ...figure(fleissFromGroups(groups, best[0], categories)), ratings: best[0] };
}

function pairTables(rows: { k1: string; k2: string; n: number }[], categories: readonly string[]): Map<string, number[][]> {
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const tables = new Map<string, number[][]>();
  for (const r of rows) {
    const [ca, cb] = r.k2.split("|");
    if (!index.has(ca) || !index.has(cb)) continue;
    const t = tables.get(r.k1) ?? categories.map(() => new Array<number>(categories.length).fill(0));
    t[index.get(ca)!][index.get(cb)!] += r.n;
    tables.set(r.k1, t);
  }
  return tables;
}

async function pairFigures(exec: SqlExec, tables: Map<string, number[][]>, weights: "none" | "quadratic"): Promise<PairFigure[]> {
  const names = await userNames(exec, [...tables.keys()].flatMap((k) => k.split("|")));
  return [...tables.entries()]
    .map(([key, t]) => {
      const [a, b] = key.split("|");
      return { a, b, aLabel: names.get(a) ?? "unknown user", bLabel: names.get(b) ?? "unknown user", kappa: figure(kappaFromTable(t, weights)) };
    })
    .sort((x, y) => y.kappa.n - x.kappa.n || x.aLabel.localeCompare(y.aLabel) || x.bLabel.localeCompare(y.bLabel));
}

export async function loadAgreement(exec: SqlExec, f: DashboardFilters): Promise<AgreementData> {
  const units = await sumCounters(exec, f, { metric: "unit", dated: false, group: ["scope", "taskType", "k1"] });
  const rows: AgreementRow[] = [];
  const add = (scope: string, kind: AgreementRow["kind"], list: typeof units, categories: readonly string[]) => {
    const groups = groupsOf(list);
    rows.push({ scope, kind, percent: figure(percentAgreementFromGroups(groups)), alpha: figure(alphaFromGroups(groups, { categories, interval: "jackknife" })), fleiss: fleissOfLargest(groups, categories) });
  };
  const items = units.filter((u) => u.scope === "item");
  add("all items", "overall", items, ITEM_CATEGORIES);
  for (const t of [...new Set(items.map((u) => u.taskType))].sort()) add(t, "task type", items.filter((u) => u.taskType === t), ITEM_CATEGORIES);
  const levels = [...new Set(units.filter((u) => u.scope.startsWith("level:")).map((u) => u.scope.slice(6)))].sort((a, b) =>
    isCanonicalLevel(a) && isCanonicalLevel(b) ? compareLevels(a, b) : a.localeCompare(b),
  );
  for (const l of levels) add(l, "level", units.filter((u) => u.scope === `level:${l}`), LEVEL_CATEGORIES);

  const pairScope = f.level ? `level:${f.level}` : "item";
  const pairRows = await sumCounters(exec, f, { metric: "pair", scope: pairScope, dated: false, group: ["k1", "k2"] });
  const pairs = await pairFigures(exec, pairTables(pairRows, f.level ? LEVEL_CATEGORIES : ITEM_CATEGORIES), "none");
  const scores = Array.from({ length: RUBRIC_MAX - RUBRIC_MIN + 1 }, (_, i) => String(RUBRIC_MIN + i));
  const rubricRows = await sumCounters(exec, f, { metric: "rpair", scope: "item", dated: false, group: ["k1", "k2"] });
  const rubric = await pairFigures(exec, pairTables(rubricRows, scores), "quadratic");
  return { rows, pairScope: f.level ? f.level : "item decisions", pairs, rubric };
}

export interface BacklogData {
  total: number;
  oldestDays: number | null;
  buckets: { label: string; items: number }[];
}

const AGE_BUCKETS = [
  { label: "< 1 day", below: 1 },
  { label: "1–3 days", below: 3 },
  { label: "3–7 days", below: 7 },
  { label: "1–2 weeks", below: 14 },
  { label: "2–4 weeks", below: 28 },
  { label: "≥ 4 weeks", below: Infinity },
];

export async function loadBacklog(exec: SqlExec, f: DashboardFilters, now = new Date()): Promise<BacklogData> {
  const rows = await sumCounters(exec, f, { metric: "backlog", dated: false, group: ["k1"] });
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const buckets = AGE_BUCKETS.map((b) => ({ label: b.label, items: 0 }));
  let oldest: number | null = null;
  for (const r of rows) {
    const age = Math.max(0, Math.round((today - Date.parse(`${r.k1}T00:00:00Z`)) / 86_400_000));
    buckets[AGE_BUCKETS.findIndex((b) => age < b.below)].items += r.n;
    oldest = oldest === null ? age : Math.max(oldest, age);
  }
  return { total: rows.reduce((s, r) => s + r.n, 0), oldestDays: oldest, buckets };
}

export interface GoldData {
  reviewers: { reviewerId: string; label: string; items: number; correct: number; accuracy: number; levelsCorrect: number; levelsTotal: number }[];
}

export async function loadGold(exec: SqlExec, f: DashboardFilters): Promise<GoldData> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.batch) {
    where.push(`COALESCE(i."importBatchId", '') = ?`);
    params.push(f.batch);
  }
  if (f.taskType) {
    where.push(`CAST(i."taskType" AS TEXT) = ?`);
    params.push(f.taskType);
  }
  const rows = await exec.all<Record<string, unknown>>(
    `SELECT g."reviewerId", COUNT(*) AS "items", SUM(g."correct") AS "correct", SUM(g."levelsCorrect") AS "lc", SUM(g."levelsTotal") AS "lt"
     FROM "DashGoldScore" g ${where.length ? `JOIN "Item" i ON i."id" = g."itemId" WHERE ${where.join(" AND ")}` : ""} GROUP BY g."reviewerId"`,
    params,
  );
  const names = await userNames(exec, rows.map((r) => String(r.reviewerId)));
  return {
    reviewers: rows
      .map((r) => {
        const items = Number(r.items);
        const correct = Number(r.correct ?? 0);
        return { reviewerId: String(r.reviewerId), label: names.get(String(r.reviewerId)) ?? "unknown user", items, correct, accuracy: items ? correct / items : 0, levelsCorrect: Number(r.lc ?? 0), levelsTotal: Number(r.lt ?? 0) };
      })
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

export { statusLabel };
