// Each chart's numbers as a table: the CSV download of a chart holds exactly what the chart draws.
import type { DashboardData, PanelName } from "./load";
import type { Figure } from "./panels";
import { ITEM_STATUSES as STATUSES } from "@/lib/review/lifecycle";

export interface Table {
  header: string[];
  rows: (string | number | null)[][];
}

const fig = (f: Figure) => (f.value === null ? [null, null, null, f.n, f.reason] : [round(f.value), round(f.lo), round(f.hi), f.n, ""]);
const round = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

const completionDimension = (dimension: string) => (d: DashboardData["completion"]): Table => {
  const dim = d.dimensions.find((x) => x.dimension === dimension);
  return { header: [dimension, "total", ...STATUSES], rows: (dim?.rows ?? []).map((r) => [r.label, r.total, ...STATUSES.map((s) => r.counts[s] ?? 0)]) };
};

type ChartSpec = { [K in PanelName]: { panel: K; title: string; table: (d: DashboardData[K]) => Table } }[PanelName];

export const CHARTS: Record<string, ChartSpec> = {
  "completion-taskType": { panel: "completion", title: "Completion by task type", table: completionDimension("taskType") },
  "completion-level": { panel: "completion", title: "Completion by level", table: completionDimension("level") },
  "completion-modality": { panel: "completion", title: "Completion by modality", table: completionDimension("modality") },
  "completion-sourceType": { panel: "completion", title: "Completion by source type", table: completionDimension("sourceType") },
  "completion-subfield": { panel: "completion", title: "Completion by subfield", table: completionDimension("subfield") },
  "completion-language": { panel: "completion", title: "Completion by language", table: completionDimension("language") },
  "completion-batch": { panel: "completion", title: "Completion by import batch", table: completionDimension("batch") },
  "completion-reviewer": {
    panel: "completion",
    title: "Reviews by reviewer",
    table: (d) => ({ header: ["reviewer", "accept", "edit", "reject", "adjudications"], rows: d.reviewers.map((r) => [r.label, r.accept, r.edit, r.reject, r.adjudications]) }),
  },
  "throughput-day": {
    panel: "throughput",
    title: "Throughput per day",
    table: (d) => ({ header: ["day", "reviews", "adjudications"], rows: d.days.map((r) => [r.day, r.reviews, r.adjudications]) }),
  },
  "throughput-reviewer": {
    panel: "throughput",
    title: "Throughput per reviewer",
    table: (d) => ({ header: ["reviewer", "reviews", "adjudications", "per active day"], rows: d.reviewers.map((r) => [r.label, r.reviews, r.adjudications, r.perActiveDay]) }),
  },
  "time-per-item": {
    panel: "timePerItem",
    title: "Time per item",
    table: (d) => ({
      header: ["task type", "reviews", "median seconds", ...d.buckets],
      rows: d.taskTypes.map((t) => [t.taskType, t.n, t.medianSeconds, ...t.counts]),
    }),
  },
  rejections: {
    panel: "rejections",
    title: "Rejection and edit reasons by severity",
    table: (d) => ({ header: ["reason", "total", ...d.severities.map((s) => s.label)], rows: d.reasons.map((r) => [r.label, r.total, ...d.severities.map((s) => r.counts[s.key] ?? 0)]) }),
  },
  "level-corrections": {
    panel: "levelCorrections",
    title: "Level corrections (drafted → corrected)",
    table: (d) => ({ header: ["from", "to", "corrections", "decisions on the drafted level"], rows: d.cells.map((c) => [c.from, c.to, c.n, d.decided[c.from] ?? 0]) }),
  },
  "agreement-scopes": {
    panel: "agreement",
    title: "Agreement per task type and level",
    table: (d) => ({
      header: ["scope", "kind", "percent agreement", "pa lo", "pa hi", "pa n", "pa note", "alpha", "alpha lo", "alpha hi", "alpha n", "alpha note", "fleiss kappa", "fleiss lo", "fleiss hi", "fleiss n", "fleiss note", "ratings per item"],
      rows: d.rows.map((r) => [r.scope, r.kind, ...fig(r.percent), ...fig(r.alpha), ...fig(r.fleiss), r.fleiss.ratings ?? null]),
    }),
  },
  "agreement-pairs": {
    panel: "agreement",
    title: "Cohen's kappa per reviewer pair",
    table: (d) => ({ header: ["reviewer A", "reviewer B", "kappa", "lo", "hi", "n", "note"], rows: d.pairs.map((p) => [p.aLabel, p.bLabel, ...fig(p.kappa)]) }),
  },
  "agreement-rubric": {
    panel: "agreement",
    title: "Quadratic-weighted kappa of rubric scores per reviewer pair",
    table: (d) => ({ header: ["reviewer A", "reviewer B", "kappa", "lo", "hi", "n", "note"], rows: d.rubric.map((p) => [p.aLabel, p.bLabel, ...fig(p.kappa)]) }),
  },
  backlog: {
    panel: "backlog",
    title: "Adjudication backlog by age",
    table: (d) => ({ header: ["age", "items"], rows: d.buckets.map((b) => [b.label, b.items]) }),
  },
  gold: {
    panel: "gold",
    title: "Gold accuracy per reviewer",
    table: (d) => ({
      header: ["reviewer", "gold items", "correct", "accuracy", "levels correct", "levels"],
      rows: d.reviewers.map((r) => [r.label, r.items, r.correct, round(r.accuracy), r.levelsCorrect, r.levelsTotal]),
    }),
  },
};

function cell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  // Quote when needed; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(t: Table): string {
  return [t.header, ...t.rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
