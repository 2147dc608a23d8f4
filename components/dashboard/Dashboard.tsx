// The progress dashboard's layout: headline figures, then each panel as a chart with its CSV download. Server
// component; the charts themselves are client components (recharts) fed plain rows.
import type { DashboardData } from "@/lib/dashboard/load";
import { filterQuery, type DashboardFilters } from "@/lib/dashboard/filters";
import { STATUSES, type Figure } from "@/lib/dashboard/panels";
import { statusLabel } from "@/lib/review/lifecycle";
import { ChartCard } from "./ChartCard";
import { DailyLines, GroupedBars, Heatmap, IntervalBars, StackedBars, type EstimateRow, type Series } from "./charts";

const STATUS_COLORS: Record<string, string> = {
  pending: "#cbd5e1",
  in_review: "#93c5fd",
  disputed: "#f59e0b",
  approved: "#16a34a",
  rejected: "#dc2626",
  adjudicated: "#7c3aed",
};
const PALETTE = ["#0f766e", "#2563eb", "#d97706", "#9333ea", "#dc2626", "#0891b2"];

const statusSeries: Series[] = STATUSES.map((s) => ({ key: s, label: statusLabel(s), color: STATUS_COLORS[s] }));

function estimates(rows: { label: string; f: Figure }[]): EstimateRow[] {
  return rows.flatMap(({ label, f }) => (f.value === null ? [] : [{ label: `${label} (n ${f.n.toLocaleString("en-US")})`, value: f.value, lo: f.lo ?? f.value, hi: f.hi ?? f.value, n: f.n }]));
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-3">
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

const fmt = (n: number) => n.toLocaleString("en-US");

function FigureText({ f }: { f: Figure }) {
  if (f.value === null) return <span className="text-slate-400">not defined ({f.reason})</span>;
  return (
    <span className="tabular-nums">
      {f.value.toFixed(3)}
      {f.lo !== null && f.hi !== null && <span className="text-slate-500"> [{f.lo.toFixed(3)}, {f.hi.toFixed(3)}]</span>} <span className="text-slate-400">n {fmt(f.n)}</span>
    </span>
  );
}

export function Dashboard({ data, filters }: { data: DashboardData; filters: DashboardFilters }) {
  const csv = (chart: string) => `/api/admin/dashboard/csv${filterQuery(filters, { chart })}`;
  const byTask = data.completion.dimensions.find((d) => d.dimension === "taskType")!;
  const totalItems = byTask.rows.reduce((s, r) => s + r.total, 0);
  const decided = byTask.rows.reduce((s, r) => s + (r.counts.approved ?? 0) + (r.counts.rejected ?? 0) + (r.counts.adjudicated ?? 0), 0);
  const reviews = data.throughput.reviewers.reduce((s, r) => s + r.reviews, 0);
  const taskTypes = data.timePerItem.taskTypes.map((t) => t.taskType);
  const overall = data.agreement.rows.find((r) => r.kind === "overall");

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Tile label="Items" value={fmt(totalItems)} testId="kpi-items" />
        <Tile label="Decided" value={fmt(decided)} testId="kpi-decided" />
        <Tile label="Reviews in range" value={fmt(reviews)} testId="kpi-reviews" />
        <Tile label="Awaiting adjudication" value={fmt(data.backlog.total)} testId="kpi-backlog" />
        <Tile label="Krippendorff α (all)" value={overall && overall.alpha.value !== null ? overall.alpha.value.toFixed(3) : "—"} testId="kpi-alpha" />
      </div>

      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Completion</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        {data.completion.dimensions.map((d) => (
          <ChartCard key={d.dimension} id={`completion-${d.dimension}`} title={`Completion by ${d.title.toLowerCase()}`} note="Items by status now (the date range does not apply)." csvHref={csv(`completion-${d.dimension}`)} empty={d.rows.length === 0} emptyText="No items match these filters.">
            <StackedBars data={d.rows.map((r) => ({ name: r.label, total: r.total, ...r.counts }))} categoryKey="name" series={statusSeries} />
          </ChartCard>
        ))}
        <ChartCard id="completion-reviewer" title="Completion by reviewer" note="Reviews each reviewer submitted, by decision, and adjudications." csvHref={csv("completion-reviewer")} empty={data.completion.reviewers.length === 0} emptyText="No reviews yet.">
          <StackedBars
            data={data.completion.reviewers.map((r) => ({ name: r.label, accept: r.accept, edit: r.edit, reject: r.reject, adjudications: r.adjudications, total: r.accept + r.edit + r.reject + r.adjudications }))}
            categoryKey="name"
            series={[
              { key: "accept", label: "accept", color: "#16a34a" },
              { key: "edit", label: "edit", color: "#2563eb" },
              { key: "reject", label: "reject", color: "#dc2626" },
              { key: "adjudications", label: "adjudications", color: "#7c3aed" },
            ]} />
        </ChartCard>
      </div>

      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Throughput and time</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard id="throughput-day" title="Throughput per day" note="Reviews and adjudications submitted per UTC day." csvHref={csv("throughput-day")} empty={data.throughput.days.length === 0} emptyText="No reviews in this range.">
          <DailyLines data={data.throughput.days} series={[{ key: "reviews", label: "reviews", color: "#2563eb" }, { key: "adjudications", label: "adjudications", color: "#7c3aed" }]} />
        </ChartCard>
        <ChartCard id="throughput-reviewer" title="Throughput per reviewer" csvHref={csv("throughput-reviewer")} empty={data.throughput.reviewers.length === 0} emptyText="No reviews in this range.">
          <StackedBars
            data={data.throughput.reviewers.map((r) => ({ name: r.label, reviews: r.reviews, adjudications: r.adjudications, total: r.reviews + r.adjudications }))}
            categoryKey="name"
            series={[{ key: "reviews", label: "reviews", color: "#2563eb" }, { key: "adjudications", label: "adjudications", color: "#7c3aed" }]} />
        </ChartCard>
        <ChartCard
          id="time-per-item"
          title="Time per item"
          note={`Median by task type: ${data.timePerItem.taskTypes.map((t) => `${t.taskType} ${t.medianSeconds === null ? "—" : `${t.medianSeconds} s`}`).join(", ") || "—"} (interpolated within the histogram's buckets).`}
          csvHref={csv("time-per-item")}
          empty={data.timePerItem.taskTypes.length === 0}
          emptyText="No reviews in this range."
        >
          <GroupedBars
            data={data.timePerItem.buckets.map((b, i) => ({ bucket: b, ...Object.fromEntries(data.timePerItem.taskTypes.map((t) => [t.taskType, t.counts[i]])) }))}
            categoryKey="bucket"
            series={taskTypes.map((t, i) => ({ key: t, label: t, color: PALETTE[i % PALETTE.length] }))}
          />
        </ChartCard>
        <ChartCard id="rejections" title="Rejection and edit reasons × severity" note="Item decisions (edit, reject) and level decisions with a reason." csvHref={csv("rejections")} empty={data.rejections.reasons.length === 0} emptyText="No edits or rejections in this range.">
          <StackedBars
            data={data.rejections.reasons.map((r) => ({ name: r.label, total: r.total, ...r.counts }))}
            categoryKey="name"
            series={data.rejections.severities.map((s, i) => ({ key: s.key, label: s.label, color: ["#facc15", "#f97316", "#b91c1c", "#94a3b8"][i] }))} />
        </ChartCard>
      </div>

      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Level corrections</h2>
      <ChartCard id="level-corrections" title="Level corrections: drafted level → corrected level" note={`Which levels the LLM drafts confuse: ${fmt(data.levelCorrections.total)} corrections by reviewers and adjudicators.`} csvHref={csv("level-corrections")} empty={data.levelCorrections.cells.length === 0} emptyText="No level was corrected in this range.">
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <Heatmap levels={data.levelCorrections.levels} cells={data.levelCorrections.cells} />
          <table className="self-start text-xs" data-testid="level-corrections-table">
            <thead className="text-left text-slate-500">
              <tr><th className="pr-3">drafted</th><th className="pr-3">corrected</th><th className="pr-3 text-right">n</th><th className="text-right">rate</th></tr>
            </thead>
            <tbody>
              {data.levelCorrections.cells.slice(0, 12).map((c) => (
                <tr key={`${c.from}-${c.to}`} className="border-t border-slate-100">
                  <td className="pr-3">{c.from}</td><td className="pr-3">{c.to}</td><td className="pr-3 text-right tabular-nums">{fmt(c.n)}</td>
                  <td className="text-right tabular-nums">{data.levelCorrections.decided[c.from] ? `${((100 * c.n) / data.levelCorrections.decided[c.from]).toFixed(1)} %` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>

      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Agreement</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard id="agreement-scopes" title="Krippendorff's α (nominal) per task type and level" note="Independent reviews of one round; 95 % bootstrap interval over items; n = items. Fleiss' κ and percent agreement are in the table and the CSV." csvHref={csv("agreement-scopes")} empty={data.agreement.rows.every((r) => r.alpha.value === null)} emptyText="No item has two reviews in one round yet.">
          <IntervalBars data={estimates(data.agreement.rows.map((r) => ({ label: r.kind === "level" ? `level ${r.scope}` : r.scope, f: r.alpha })))} />
          <table className="mt-3 w-full text-xs" data-testid="agreement-table">
            <thead className="text-left text-slate-500">
              <tr><th>scope</th><th>percent agreement</th><th>Fleiss κ (items with &gt; 2 reviews)</th></tr>
            </thead>
            <tbody>
              {data.agreement.rows.map((r) => (
                <tr key={`${r.kind}-${r.scope}`} className="border-t border-slate-100">
                  <td className="pr-2">{r.kind === "level" ? `level ${r.scope}` : r.scope}</td>
                  <td className="pr-2"><FigureText f={r.percent} /></td>
                  <td><FigureText f={r.fleiss} />{r.fleiss.ratings ? <span className="text-slate-400"> ({r.fleiss.ratings} reviews each)</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>
        <ChartCard id="agreement-pairs" title={`Cohen's κ per reviewer pair (${data.agreement.pairScope})`} note="Choose a level above to see agreement on that level's decisions. 95 % CI from the asymptotic standard error; n = items both reviewed." csvHref={csv("agreement-pairs")} empty={estimates(data.agreement.pairs.map((p) => ({ label: "", f: p.kappa }))).length === 0} emptyText="No reviewer pair has reviewed enough items in common.">
          <IntervalBars data={estimates(data.agreement.pairs.slice(0, 40).map((p) => ({ label: `${p.aLabel} · ${p.bLabel}`, f: p.kappa })))} />
        </ChartCard>
        <ChartCard id="agreement-rubric" title="Quadratic-weighted κ of report rubric scores per reviewer pair" note="Every rubric dimension of every report both reviewed (scores 1–5)." csvHref={csv("agreement-rubric")} empty={estimates(data.agreement.rubric.map((p) => ({ label: "", f: p.kappa }))).length === 0} emptyText="No two reviewers have scored the same report yet.">
          <IntervalBars data={estimates(data.agreement.rubric.slice(0, 40).map((p) => ({ label: `${p.aLabel} · ${p.bLabel}`, f: p.kappa })))} />
        </ChartCard>
      </div>

      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Adjudication and gold</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard id="backlog" title="Adjudication backlog by age" note={`${fmt(data.backlog.total)} disputed items${data.backlog.oldestDays !== null ? `; the oldest has waited ${data.backlog.oldestDays} days` : ""}.`} csvHref={csv("backlog")} empty={data.backlog.total === 0} emptyText="No item is waiting for adjudication.">
          <StackedBars data={data.backlog.buckets.map((b) => ({ name: b.label, items: b.items, total: b.items }))} categoryKey="name" series={[{ key: "items", label: "disputed items", color: "#f59e0b" }]} />
        </ChartCard>
        <ChartCard id="gold" title="Gold accuracy per reviewer" note="Each reviewer's latest review of each gold item against its expected outcome." csvHref={csv("gold")} empty={data.gold.reviewers.length === 0} emptyText="No gold item has been reviewed yet.">
          <StackedBars
            data={data.gold.reviewers.map((r) => ({ name: `${r.label} (${r.items})`, correct: r.correct, wrong: r.items - r.correct, accuracy: `${Math.round(100 * r.accuracy)} %` }))}
            categoryKey="name"
            series={[{ key: "correct", label: "correct", color: "#16a34a" }, { key: "wrong", label: "not correct", color: "#f87171" }]} />
        </ChartCard>
      </div>
    </div>
  );
}
