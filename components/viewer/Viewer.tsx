"use client";
// The image viewer: a case's series in one cornerstone element, with window/level, zoom, pan, stack scrolling,
// length / angle / Cobb measurements, presets and level labels from the landmarks. It is fed plain serialisable
// data (lib/viewer/types) and can be embedded anywhere: the case page, the review workspace.
//
// Split of concerns: this component holds domain and UI state; ViewerController (controller.ts) holds cornerstone
// state; events.ts is the only place that listens to cornerstone; lib/viewer/* are the pure mappings between them.
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { preload } from "react-dom";
import { geometryKey, type ViewportGeometry } from "@/lib/viewer/geometry";
import { actionForKey, SHORTCUT_HELP, TOOL_LABELS, toolKey, viewerKey, type ToolName, type ViewerAction } from "@/lib/viewer/keys";
import { initialSliceIndex, levelLabels, nearestSliceWithLevel, seriesForLevel, sliceLabel, stackEntries } from "@/lib/viewer/mapper";
import { formatWindow, presetById, WINDOW_PRESETS, type PresetId } from "@/lib/viewer/presets";
import type { ViewerSeries } from "@/lib/viewer/types";
import { loadCornerstone } from "./cornerstone";
import { ViewerController, type Measurement, type RenderInfo } from "./controller";
import { LevelLabels } from "./LevelLabels";

// Start fetching the viewer libraries as soon as this module runs in the browser (while the page hydrates), not
// after the first effect: they are most of the time to the first painted image.
if (typeof window !== "undefined") void loadCornerstone().catch(() => {});

export type { Measurement } from "./controller";

export interface ViewerState {
  seriesId: string | null;
  /** 0-based position in the series' stack (frames of multi-frame images count as slices). */
  sliceIndex: number;
  sliceCount: number;
  /** Domain id of the image on display, and its frame. */
  imageId: string | null;
  frame: number;
  /** True once the current series has painted (after cornerstoneimagerendered). */
  rendered: boolean;
  window: { width: number; center: number } | null;
  invert: boolean;
  scale: number | null;
  tool: ToolName;
}

export interface SliceChange {
  seriesId: string;
  sliceIndex: number;
  sliceCount: number;
  imageId: string;
  frame: number;
}

/** Imperative API, through `ref` or `onReady`. */
export interface ViewerHandle {
  /**
   * Shows the slice nearest to the current one that has a landmark of `level` (any spelling: "L4-5"), switching
   * to another series of the case when the current one has none. False when no image has the level.
   */
  focusLevel(level: string): boolean;
  showSeries(seriesId: string, sliceIndex?: number): void;
  scrollToSlice(index: number): void;
  getState(): ViewerState;
  applyPreset(preset: PresetId): void;
  invert(): void;
  reset(): void;
  setTool(tool: ToolName): void;
}

export interface ViewerProps {
  series: ViewerSeries[];
  /** The series shown first (default: the first, i.e. X-rays before MR before CT). */
  initialSeriesId?: string;
  /** Levels an item is about (any spelling): their labels are drawn emphasised, adjacent levels as context. */
  highlightLevels?: readonly string[];
  /** Declarative focus: whenever this changes to a level, the viewer shows the nearest slice that has it. */
  focusLevel?: string | null;
  /** Called once the viewer can take commands (libraries loaded, element enabled). */
  onReady?: (handle: ViewerHandle) => void;
  onSliceChange?: (change: SliceChange) => void;
  onSeriesChange?: (seriesId: string) => void;
  onMeasurement?: (measurement: Measurement | null) => void;
  /** CSS height of the whole viewer (toolbar + image + help line). */
  height?: string;
  className?: string;
  ref?: Ref<ViewerHandle>;
}

interface ActiveSeries {
  id: string | null;
  /** Slice to open at; null = the series' default (best-annotated slice near the middle). */
  start: number | null;
  /** Bumped to re-open the same series at another slice. */
  nonce: number;
}

interface ViewInfo {
  windowWidth: number;
  windowCenter: number;
  invert: boolean;
  scale: number;
}

const EMPTY_LEVELS: readonly string[] = [];

export function Viewer({
  series,
  initialSeriesId,
  highlightLevels = EMPTY_LEVELS,
  focusLevel,
  onReady,
  onSliceChange,
  onSeriesChange,
  onMeasurement,
  height = "min(78vh, 900px)",
  className = "",
  ref,
}: ViewerProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const elementRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<ViewerController | null>(null);

  const [ready, setReady] = useState(false);
  const [libError, setLibError] = useState<string | null>(null);
  const [active, setActive] = useState<ActiveSeries>(() => ({
    id: series.find((s) => s.id === initialSeriesId)?.id ?? series[0]?.id ?? null,
    start: null,
    nonce: 0,
  }));
  // The first image's file is requested by the browser with the page itself (a preload link in the HTML), so
  // it is in the cache by the time the libraries ask for it.
  const firstSeries = series.find((s) => s.id === active.id);
  if (firstSeries && firstSeries.images.length > 0) {
    const entries = stackEntries(firstSeries, "");
    const first = entries[initialSliceIndex(entries)];
    if (first) preload(`/api/images/${first.image.id}/file`, { as: "fetch" });
  }
  const [slice, setSlice] = useState({ index: 0, count: 0 });
  const [renderedIndex, setRenderedIndex] = useState<number | null>(null);
  const [rendered, setRendered] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [geometry, setGeometry] = useState<ViewportGeometry | null>(null);
  const [view, setView] = useState<ViewInfo | null>(null);
  const [measurement, setMeasurement] = useState<Measurement | null>(null);
  const [tool, setToolState] = useState<ToolName>("wwwc");
  const [preset, setPreset] = useState<{ id: PresetId; width: number; center: number } | null>(null);

  const hasSeries = series.length > 0;
  const activeSeries = series.find((s) => s.id === active.id) ?? series[0] ?? null;
  const activeId = activeSeries?.id ?? null;
  // Domain view of the stack (the origin does not matter for domain lookups).
  const entries = useMemo(() => (activeSeries ? stackEntries(activeSeries, "") : []), [activeSeries]);
  const stackKey = useMemo(() => entries.map((e) => `${e.image.id}:${e.frame}`).join(","), [entries]);

  // Latest values for callbacks that cornerstone calls outside React's render cycle.
  const latest = useRef({ series, entries, activeId, slice, rendered, view, tool, onSliceChange, onSeriesChange, onMeasurement });
  useEffect(() => {
    latest.current = { series, entries, activeId, slice, rendered, view, tool, onSliceChange, onSeriesChange, onMeasurement };
  });
  const renderedRef = useRef(false);
  const geometryKeyRef = useRef("");

  // ------------------------------------------------------------------------------------------------------------
  // cornerstone lifecycle: load the libraries, enable the element once; undo it all on unmount. The cancelled
  // flag covers StrictMode's mount → unmount → mount in development (two enabled elements on one div otherwise).
  useEffect(() => {
    let cancelled = false;
    let controller: ViewerController | null = null;
    loadCornerstone().then(
      (cs) => {
        if (cancelled || !elementRef.current || !containerRef.current) return;
        controller = new ViewerController(cs, elementRef.current, containerRef.current, {
          slice: (index, count) => {
            setSlice((s) => (s.index === index && s.count === count ? s : { index, count }));
            const l = latest.current;
            const e = l.entries[index];
            if (e && l.activeId) l.onSliceChange?.({ seriesId: l.activeId, sliceIndex: index, sliceCount: count, imageId: e.image.id, frame: e.frame });
          },
          rendered: (info: RenderInfo) => {
            if (!renderedRef.current) {
              renderedRef.current = true;
              setRendered(true);
            }
            setRenderedIndex(info.index);
            const key = geometryKey(info.geometry);
            if (key !== geometryKeyRef.current) {
              geometryKeyRef.current = key;
              setGeometry(info.geometry);
            }
            setView((v) =>
              v && v.windowWidth === info.windowWidth && v.windowCenter === info.windowCenter && v.invert === info.invert && v.scale === info.scale
                ? v
                : { windowWidth: info.windowWidth, windowCenter: info.windowCenter, invert: info.invert, scale: info.scale },
            );
          },
          loading: setLoading,
          error: setError,
          measurement: (m) => {
            setMeasurement(m);
            latest.current.onMeasurement?.(m);
          },
        });
        controller.attach();
        controllerRef.current = controller;
        setReady(true);
      },
      (e: unknown) => {
        if (!cancelled) setLibError(`The image viewer could not start: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    return () => {
      cancelled = true;
      controller?.detach();
      controllerRef.current = null;
      setReady(false);
    };
    // Re-run only when the element appears (a case without images renders no element).
  }, [hasSeries]);

  // Show the active series whenever it (or its images) change.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!ready || !controller || !activeSeries) return;
    renderedRef.current = false;
    geometryKeyRef.current = "";
    setRendered(false);
    setRenderedIndex(null);
    setGeometry(null);
    setPreset(null);
    const start = active.start ?? initialSliceIndex(latest.current.entries);
    void controller.showSeries(activeSeries, start);
    // activeSeries is represented by activeId + stackKey: a new array with the same images must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, activeId, stackKey, active.start, active.nonce]);

  // ------------------------------------------------------------------------------------------------------------
  // Commands

  const showSeries = useCallback((seriesId: string, start: number | null = null) => {
    if (!latest.current.series.some((s) => s.id === seriesId)) return;
    if (seriesId === latest.current.activeId) {
      if (start === null) return;
      // Before the viewer is ready, remember the slice: the series opens there.
      if (controllerRef.current) controllerRef.current.scrollTo(start);
      else setActive((a) => ({ id: seriesId, start, nonce: a.nonce + 1 }));
      return;
    }
    setActive((a) => ({ id: seriesId, start, nonce: a.nonce + 1 }));
    latest.current.onSeriesChange?.(seriesId);
  }, []);

  const focus = useCallback(
    (level: string): boolean => {
      const l = latest.current;
      const target = seriesForLevel(l.series, level, l.activeId);
      if (!target) return false;
      if (target === l.activeId) {
        const i = nearestSliceWithLevel(l.entries, level, l.slice.index);
        if (i < 0) return false;
        showSeries(target, i);
        return true;
      }
      const s = l.series.find((x) => x.id === target)!;
      const targetEntries = stackEntries(s, "");
      showSeries(target, nearestSliceWithLevel(targetEntries, level, initialSliceIndex(targetEntries)));
      return true;
    },
    [showSeries],
  );

  const setTool = useCallback((t: ToolName) => {
    controllerRef.current?.setTool(t);
    setToolState(t);
  }, []);

  const applyPreset = useCallback((id: PresetId) => {
    const c = controllerRef.current;
    if (!c) return;
    c.applyPreset(id);
    // Remember which window the preset gave, to name it while the window is unchanged.
    const v = c.currentWindow();
    if (v) setPreset({ id, width: v.windowWidth, center: v.windowCenter });
  }, []);

  const run = useCallback(
    (a: ViewerAction) => {
      const c = controllerRef.current;
      if (!c) return;
      switch (a.type) {
        case "preset":
          return applyPreset(a.preset);
        case "invert":
          return c.invert();
        case "reset":
          setPreset(null);
          return c.reset();
        case "slice":
          return c.scrollBy(a.delta);
        case "sliceTo":
          return c.scrollTo(a.index === "first" ? 0 : c.sliceCount - 1);
        case "tool":
          return setTool(a.tool);
        case "clearMeasurements":
          return c.clearMeasurements();
      }
    },
    [applyPreset, setTool],
  );

  const handle = useMemo<ViewerHandle>(
    () => ({
      focusLevel: focus,
      showSeries: (id, index) => showSeries(id, index ?? null),
      scrollToSlice: (index) => controllerRef.current?.scrollTo(index),
      getState: () => {
        const l = latest.current;
        const e = l.entries[l.slice.index];
        return {
          seriesId: l.activeId,
          sliceIndex: l.slice.index,
          sliceCount: l.slice.count,
          imageId: e?.image.id ?? null,
          frame: e?.frame ?? 0,
          rendered: l.rendered,
          window: l.view ? { width: l.view.windowWidth, center: l.view.windowCenter } : null,
          invert: l.view?.invert ?? false,
          scale: l.view?.scale ?? null,
          tool: l.tool,
        };
      },
      applyPreset,
      invert: () => run({ type: "invert" }),
      reset: () => run({ type: "reset" }),
      setTool,
    }),
    [focus, showSeries, applyPreset, run, setTool],
  );
  useImperativeHandle(ref, () => handle, [handle]);

  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onReadyRef.current = onReady;
  });
  useEffect(() => {
    if (ready) onReadyRef.current?.(handle);
  }, [ready, handle]);

  // Declarative focus: act when the requested level changes (and once the viewer is ready).
  useEffect(() => {
    if (ready && focusLevel) focus(focusLevel);
  }, [ready, focusLevel, focus]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const t = e.target as HTMLElement;
    if (t.closest("input, textarea, select, [contenteditable=true]")) return;
    const action = actionForKey(e);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    run(action);
  };

  // ------------------------------------------------------------------------------------------------------------
  // Derived display

  const labelEntry = renderedIndex !== null ? (entries[renderedIndex] ?? null) : null;
  const labels = useMemo(() => levelLabels(labelEntry, geometry, highlightLevels), [labelEntry, geometry, highlightLevels]);
  const presetName = preset && view && preset.width === view.windowWidth && preset.center === view.windowCenter ? presetById(preset.id).label : null;
  const message = libError ?? error;

  if (series.length === 0) {
    return (
      <div className={`flex items-center justify-center rounded-lg bg-neutral-950 p-8 text-sm text-neutral-300 ${className}`} data-testid="viewer" style={{ height }}>
        This case has no images.
      </div>
    );
  }

  return (
    <div
      data-testid="viewer"
      className={`flex min-h-0 flex-col overflow-hidden rounded-lg border border-neutral-800 bg-neutral-950 text-neutral-200 ${className}`}
      style={{ height }}
      onKeyDown={onKeyDown}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-neutral-800 px-2 py-1.5">
        <div role="tablist" aria-label="Series" className="flex flex-wrap gap-1">
          {series.map((s) => {
            const selected = s.id === activeId;
            return (
              <button
                key={s.id}
                type="button"
                role="tab"
                aria-selected={selected}
                data-testid="series-tab"
                data-series-id={s.id}
                onClick={() => showSeries(s.id)}
                className={`rounded px-2 py-1 text-xs font-medium transition-colors ${selected ? "bg-teal-700 text-white" : "text-neutral-300 hover:bg-neutral-800"}`}
              >
                {s.label}
                <span className={`ml-1 tabular-nums ${selected ? "text-teal-100" : "text-neutral-500"}`}>{s.images.reduce((n, i) => n + Math.max(1, i.frames), 0)}</span>
              </button>
            );
          })}
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-1" role="toolbar" aria-label="Viewer tools">
          {(Object.keys(TOOL_LABELS) as ToolName[]).map((t) => (
            <ToolButton key={t} pressed={tool === t} onClick={() => setTool(t)} title={`${TOOL_LABELS[t]} (${toolKey(t)})`}>
              {TOOL_LABELS[t]}
            </ToolButton>
          ))}
          <span className="mx-1 h-4 w-px bg-neutral-700" aria-hidden />
          {WINDOW_PRESETS.map((p) => (
            <ToolButton key={p.id} pressed={presetName === p.label} onClick={() => applyPreset(p.id)} title={`${p.label} window (${p.key})`}>
              {p.label}
            </ToolButton>
          ))}
          <span className="mx-1 h-4 w-px bg-neutral-700" aria-hidden />
          <ToolButton pressed={!!view?.invert} onClick={() => run({ type: "invert" })} title={`Invert (${viewerKey("invert")})`}>
            Invert
          </ToolButton>
          <ToolButton pressed={false} onClick={() => run({ type: "reset" })} title={`Reset zoom, pan and window (${viewerKey("reset")})`}>
            Reset
          </ToolButton>
        </div>
      </div>

      <div
        ref={containerRef}
        tabIndex={0}
        aria-label={`${activeSeries?.label ?? "Image"} viewer, slice ${sliceLabel(slice.index, slice.count)}. Keyboard shortcuts are listed below the image.`}
        className="relative min-h-0 flex-1 cursor-crosshair select-none bg-black outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-teal-500"
        // Capture phase: cornerstone-tools may stop the mousedown; the viewer still takes focus for its shortcuts.
        onMouseDownCapture={() => containerRef.current?.focus({ preventScroll: true })}
      >
        <div
          ref={elementRef}
          data-testid="viewer-canvas"
          data-rendered={rendered ? "true" : "false"}
          data-slice-index={slice.index}
          data-slice-count={slice.count}
          data-series-id={activeId ?? ""}
          data-image-id={entries[slice.index]?.image.id ?? ""}
          data-window-width={view?.windowWidth ?? ""}
          data-window-center={view?.windowCenter ?? ""}
          data-invert={view?.invert ? "true" : "false"}
          data-scale={view?.scale ?? ""}
          data-tool={tool}
          className="absolute inset-0"
        />
        <LevelLabels labels={labels} />
        {message && (
          // Opaque, so the previous image does not pass for this one; no pointer events, so the wheel still scrolls
          // the stack away from a broken slice.
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center bg-neutral-950 p-6">
            <p role="alert" data-testid="viewer-error" className="max-w-md rounded-md border border-red-400/40 bg-red-950/90 px-4 py-3 text-sm text-red-100">
              {message}
            </p>
          </div>
        )}

        <div className="pointer-events-none absolute left-2 top-2 space-y-0.5 text-xs text-neutral-200 [text-shadow:0_1px_2px_#000]">
          <div className="font-medium">{activeSeries?.label}</div>
          {slice.count > 1 && (
            <div data-testid="slice-indicator" className="tabular-nums">
              {sliceLabel(slice.index, slice.count)}
            </div>
          )}
        </div>
        <div className="pointer-events-none absolute right-2 top-2 text-right text-xs tabular-nums text-neutral-200 [text-shadow:0_1px_2px_#000]" data-testid="window-indicator">
          {view && !message && <div>{formatWindow(view)}</div>}
          {presetName && <div className="text-teal-300">{presetName}</div>}
          {view?.invert && <div className="text-amber-300">Inverted</div>}
        </div>
        <div className="pointer-events-none absolute bottom-2 left-2 text-xs tabular-nums text-neutral-300 [text-shadow:0_1px_2px_#000]">
          {view && !message && <span>Zoom {Math.round(view.scale * 100)} %</span>}
          <span className="ml-2">{TOOL_LABELS[tool]}</span>
        </div>
        {measurement && (
          <div className="pointer-events-none absolute bottom-2 right-2 rounded bg-black/70 px-2 py-0.5 text-xs tabular-nums text-amber-200" data-testid="measurement">
            {measurement.tool === "length" ? "Length" : measurement.tool === "cobb" ? "Cobb angle" : "Angle"}{" "}
            {measurement.unit === "°" ? `${measurement.value.toFixed(1)}°` : `${measurement.value.toFixed(1)} ${measurement.unit}`}
          </div>
        )}

        {!message && (!ready || (loading && !rendered)) && (
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center" data-testid="viewer-loading">
            <span className="rounded bg-neutral-900/80 px-3 py-1.5 text-sm text-neutral-200">{ready ? "Loading image…" : "Starting viewer…"}</span>
          </div>
        )}
        {!message && loading && rendered && (
          <div className="pointer-events-none absolute bottom-8 left-1/2 -translate-x-1/2 rounded bg-neutral-900/80 px-2 py-0.5 text-xs text-neutral-300">Loading slice…</div>
        )}
      </div>

      <p className="border-t border-neutral-800 px-2 py-1 text-[11px] leading-5 text-neutral-400" data-testid="viewer-help">
        {SHORTCUT_HELP.map(([keys, what]) => (
          <span key={keys} className="mr-3 inline-block">
            <kbd className="rounded bg-neutral-800 px-1 font-sans text-neutral-200">{keys}</kbd> {what}
          </span>
        ))}
      </p>
    </div>
  );
}

function ToolButton({ pressed, onClick, title, children }: { pressed: boolean; onClick: () => void; title: string; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={title}
      onClick={onClick}
      className={`rounded px-1.5 py-0.5 text-[11px] font-medium transition-colors ${pressed ? "bg-neutral-200 text-neutral-950" : "text-neutral-300 hover:bg-neutral-800"}`}
    >
      {children}
    </button>
  );
}
