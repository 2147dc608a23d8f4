"use client";
// A case's images for the case page: the viewer, and beside it the series (with what an admin checks after an
// import: size, pixel spacing, transfer syntax) and the levels annotated on the series on display. Clicking a
// level shows the nearest slice that has it and emphasises its label.
import { useMemo, useRef, useState } from "react";
import { canonicalLevel, levelsInSeries } from "@/lib/viewer/mapper";
import type { ViewerSeries } from "@/lib/viewer/types";
import { Viewer, type SliceChange, type ViewerHandle } from "./Viewer";

export function CaseViewer({ series }: { series: ViewerSeries[] }) {
  const handle = useRef<ViewerHandle>(null);
  const [activeId, setActiveId] = useState(series[0]?.id ?? null);
  const [slice, setSlice] = useState<SliceChange | null>(null);
  const [highlight, setHighlight] = useState<string[]>([]);

  const active = series.find((s) => s.id === activeId) ?? series[0];
  const levels = useMemo(() => (active ? levelsInSeries(active) : []), [active]);
  const slicesPerLevel = useMemo(() => {
    const m = new Map<string, number>();
    for (const img of active?.images ?? []) {
      for (const level of new Set(img.landmarks.map((l) => canonicalLevel(l.level)))) m.set(level, (m.get(level) ?? 0) + 1);
    }
    return m;
  }, [active]);
  const image = slice ? active?.images.find((i) => i.id === slice.imageId) : undefined;

  const focusLevel = (level: string) => {
    setHighlight([level]);
    handle.current?.focusLevel(level);
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <Viewer
        ref={handle}
        series={series}
        highlightLevels={highlight}
        onSeriesChange={(id) => {
          setActiveId(id);
          setSlice(null);
        }}
        onSliceChange={setSlice}
      />

      <aside className="space-y-4 text-sm">
        <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="series-heading">
          <h2 id="series-heading" className="border-b border-slate-100 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Series
          </h2>
          <ul className="divide-y divide-slate-100" data-testid="series-list">
            {series.map((s) => {
              const first = s.images[0];
              const isActive = s.id === active?.id;
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    onClick={() => handle.current?.showSeries(s.id)}
                    aria-current={isActive ? "true" : undefined}
                    className={`w-full px-3 py-2 text-left hover:bg-slate-50 ${isActive ? "bg-teal-50" : ""}`}
                  >
                    <span className="font-medium text-slate-900">{s.label}</span>
                    <span className="ml-1 text-xs text-slate-500">
                      {s.modality} · {s.images.length} image{s.images.length === 1 ? "" : "s"}
                    </span>
                    {first && (
                      <span className="mt-0.5 block text-xs text-slate-500">
                        {first.columns ?? "?"}×{first.rows ?? "?"} {first.format.toUpperCase()}
                        {first.pixelSpacing ? ` · ${first.pixelSpacing[1].toFixed(3)} mm/px` : " · no pixel spacing"}
                        {first.transferSyntaxName ? ` · ${first.transferSyntaxName}` : ""}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="levels-heading">
          <h2 id="levels-heading" className="border-b border-slate-100 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Landmarks · {active?.label}
          </h2>
          {levels.length === 0 ? (
            <p className="px-3 py-2 text-slate-500">No level landmarks on this series.</p>
          ) : (
            <div className="flex flex-wrap gap-1 px-3 py-2" data-testid="landmark-levels">
              {levels.map((level) => {
                const on = highlight.includes(level);
                const n = slicesPerLevel.get(level) ?? 0;
                return (
                  <button
                    key={level}
                    type="button"
                    onClick={() => (on ? setHighlight([]) : focusLevel(level))}
                    aria-pressed={on}
                    title={`Show the nearest slice with ${level} (${n} image${n === 1 ? "" : "s"})`}
                    className={`rounded border px-1.5 py-0.5 font-mono text-xs ${on ? "border-teal-600 bg-teal-600 text-white" : "border-teal-200 bg-teal-50 text-teal-900 hover:bg-teal-100"}`}
                  >
                    {level}
                  </button>
                );
              })}
            </div>
          )}
          <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">Click a level to go to the nearest slice that shows it.</p>
        </section>

        {image && slice && (
          <section className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs text-slate-600" data-testid="slice-details">
            <h2 className="mb-1 font-semibold uppercase tracking-wide text-slate-500">Slice</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              <dt>Position</dt>
              <dd className="tabular-nums">
                {slice.sliceIndex + 1} of {slice.sliceCount}
              </dd>
              {image.instanceNumber != null && (
                <>
                  <dt>Instance</dt>
                  <dd className="tabular-nums">{image.instanceNumber}</dd>
                </>
              )}
              {image.sliceLocation != null && (
                <>
                  <dt>Location</dt>
                  <dd className="tabular-nums">{image.sliceLocation.toFixed(1)} mm</dd>
                </>
              )}
              <dt>Landmarks</dt>
              <dd>{image.landmarks.filter((l) => l.frame === slice.frame).length}</dd>
            </dl>
          </section>
        )}
      </aside>
    </div>
  );
}
