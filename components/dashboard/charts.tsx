"use client";
// The dashboard's charts (recharts, SVG). Each takes plain rows from the server and shows its numbers on hover;
// animations are off so what is drawn is final at once (screenshots, tests).
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";

export interface Series {
  key: string;
  label: string;
  color: string;
}

type Row = Record<string, string | number | null>;

/** Stacked bars, one per category (horizontal bars when there are many categories), each segment labelled with its count. */
export function StackedBars({ data, categoryKey, series, height }: { data: Row[]; categoryKey: string; series: Series[]; height?: number }) {
  const vertical = data.length > 6;
  const h = height ?? (vertical ? Math.max(160, 28 * data.length + 60) : 260);
  return (
    <ResponsiveContainer width="100%" height={h} initialDimension={{ width: 600, height: h }}>
      <BarChart data={data} layout={vertical ? "vertical" : "horizontal"} margin={{ top: 8, right: 40, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {vertical ? (
          <>
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey={categoryKey} width={150} interval={0} tick={{ fontSize: 11 }} />
          </>
        ) : (
          <>
            <XAxis type="category" dataKey={categoryKey} interval={0} tick={{ fontSize: 11 }} />
            <YAxis type="number" allowDecimals={false} />
          </>
        )}
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="a" fill={s.color} isAnimationActive={false}>
            {/* Each segment's count on it (zero segments stay unlabelled). */}
            <LabelList dataKey={s.key} position="center" fontSize={10} fill="#0f172a" formatter={(v: unknown) => (typeof v === "number" && v > 0 ? v.toLocaleString("en-US") : "")} />
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Lines over days. */
export function DailyLines({ data, series }: { data: Row[]; series: Series[] }) {
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 600, height: 260 }}>
      <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={data.length < 40} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Side-by-side bars per category (a histogram with one series per task type). */
export function GroupedBars({ data, categoryKey, series, height = 280 }: { data: Row[]; categoryKey: string; series: Series[]; height?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      <BarChart data={data} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={categoryKey} interval={0} angle={-35} textAnchor="end" height={60} tick={{ fontSize: 10 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface EstimateRow {
  label: string;
  value: number;
  lo: number;
  hi: number;
  n: number;
}

/** Point estimates with their 95 % intervals (κ, α), one bar per row, the number of items in the tooltip. */
export function IntervalBars({ data, domain = [-1, 1] }: { data: EstimateRow[]; domain?: [number, number] }) {
  const rows = data.map((d) => ({ ...d, err: [Math.max(0, d.value - d.lo), Math.max(0, d.hi - d.value)] as [number, number], shown: Math.round(d.value * 1000) / 1000 }));
  const h = Math.max(120, 26 * rows.length + 60);
  return (
    <ResponsiveContainer width="100%" height={h} initialDimension={{ width: 600, height: h }}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" domain={domain} ticks={[-1, -0.5, 0, 0.5, 1].filter((t) => t >= domain[0] && t <= domain[1])} />
        <YAxis type="category" dataKey="label" width={170} interval={0} tick={{ fontSize: 11 }} />
        <ReferenceLine x={0} stroke="#64748b" />
        <Tooltip
          formatter={(value, _name, item) => {
            const p = item.payload as (typeof rows)[number];
            return [`${Number(value).toFixed(3)} (95 % CI ${p.lo.toFixed(3)} to ${p.hi.toFixed(3)}; n = ${p.n.toLocaleString("en-US")})`, "estimate"];
          }}
        />
        <Bar dataKey="value" name="estimate" fill="#0f766e" isAnimationActive={false}>
          <ErrorBar dataKey="err" width={6} strokeWidth={1.5} stroke="#0f172a" direction="x" />
          <LabelList dataKey="shown" position="right" fontSize={11} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface HeatCell {
  from: string;
  to: string;
  n: number;
}

/** A from → to matrix as coloured squares (darker = more), the count on hover and in each cell. */
export function Heatmap({ levels, cells }: { levels: string[]; cells: HeatCell[] }) {
  const max = Math.max(1, ...cells.map((c) => c.n));
  const index = new Map(levels.map((l, i) => [l, i] as const));
  const points = cells.map((c) => ({ ...c, x: index.get(c.to)!, y: index.get(c.from)! }));
  const size = Math.max(260, Math.min(560, 34 * levels.length + 120));
  const step = (size - 120) / Math.max(1, levels.length);
  return (
    <ResponsiveContainer width="100%" height={size} initialDimension={{ width: size, height: size }}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 40, left: 16 }}>
        <CartesianGrid strokeDasharray="2 4" />
        <XAxis type="number" dataKey="x" name="corrected to" domain={[-0.5, levels.length - 0.5]} ticks={levels.map((_, i) => i)} tickFormatter={(i: number) => levels[i] ?? ""} interval={0} angle={-45} textAnchor="end" tick={{ fontSize: 10 }} label={{ value: "corrected to", position: "insideBottom", offset: -30, fontSize: 11 }} />
        <YAxis type="number" dataKey="y" name="drafted" domain={[-0.5, levels.length - 0.5]} ticks={levels.map((_, i) => i)} tickFormatter={(i: number) => levels[i] ?? ""} interval={0} reversed width={60} tick={{ fontSize: 10 }} />
        <ZAxis type="number" dataKey="n" range={[1, 1]} />
        <Tooltip
          cursor={false}
          content={({ payload }) => {
            const p = payload?.[0]?.payload as (typeof points)[number] | undefined;
            if (!p) return null;
            return (
              <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                {p.from} → {p.to}: <strong>{p.n.toLocaleString("en-US")}</strong>
              </div>
            );
          }}
        />
        <Scatter
          data={points}
          isAnimationActive={false}
          shape={(props: unknown) => {
            const { cx, cy, payload } = props as { cx: number; cy: number; payload: (typeof points)[number] };
            const s = Math.max(8, Math.min(step * 0.9, 40));
            const t = payload.n / max;
            return (
              <g className="heat-cell" data-from={payload.from} data-to={payload.to} data-n={payload.n}>
                <rect x={cx - s / 2} y={cy - s / 2} width={s} height={s} rx={3} fill={`rgba(190, 18, 60, ${0.15 + 0.85 * t})`} />
                <text x={cx} y={cy + 4} textAnchor="middle" fontSize={10} fill={t > 0.5 ? "#fff" : "#111827"}>
                  {payload.n}
                </text>
              </g>
            );
          }}
        >
          {points.map((p) => (
            <Cell key={`${p.from}-${p.to}`} />
          ))}
        </Scatter>
      </ScatterChart>
    </ResponsiveContainer>
  );
}
