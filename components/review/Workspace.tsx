"use client";
// The review workspace: the item's images on the left, its text and the review on the right. Keyboard first;
// unsaved work is kept locally; a save against a version someone else already replaced is refused and shown,
// and the reviewer's own text is kept.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { applySectionEdits, effectiveEdits } from "@/lib/items/content-edit";
import { contentText } from "@/lib/items/content-text";
import { RUBRIC_SECTIONS } from "@/lib/review/rubric";
import { ChangesView } from "./ChangesView";
import { ContentPanel } from "./ContentPanel";
import { emptyDraft, impliedDecision, type Decision, type ReviewDraft } from "./draft";
import { HistoryView } from "./HistoryView";
import { LevelPanel } from "./LevelPanel";
import { ReasonPicker, type ReasonChoice } from "./ReasonPicker";
import { RubricForm } from "./RubricForm";
import { ShortcutSheet } from "./ShortcutSheet";
import type { QueueNeighbours, WorkspaceItem, WorkspaceVersion } from "./types";
import { useLocalDraft } from "./useLocalDraft";

export interface ViewerSlotProps {
  highlightLevels: string[];
  focus: { level: string; n: number } | null;
}

interface Props {
  item: WorkspaceItem;
  userId: string;
  queue: QueueNeighbours;
  viewer: (p: ViewerSlotProps) => React.ReactNode;
  /** Slice keys pressed outside the viewer still scroll it; true when the viewer took the key. */
  onViewerKey?: (e: KeyboardEvent) => boolean;
}

type Picker = { target: "item"; decision: "edit" | "reject" } | { target: "level"; level: string };
type Conflict = { message: string; current?: WorkspaceVersion; alreadyReviewed?: boolean };
type Tab = "review" | "changes" | "source" | "history";

const TASK_LABEL: Record<string, string> = { mcq: "MCQ", open_qa: "Open QA", consultation: "Consultation", report: "Report" };

export function Workspace({ item, userId, queue, viewer, onViewerKey }: Props) {
  const router = useRouter();
  const levelNames = useMemo(() => item.levels.map((l) => l.level), [item.levels]);
  const draftKey = `spinemed:review:${userId}:${item.id}:${item.current.id}`;
  const [draft, setDraft, clearDraft, restored] = useLocalDraft<ReviewDraft>(draftKey, emptyDraft(levelNames));
  const [editing, setEditing] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ level: string; n: number } | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [picker, setPicker] = useState<Picker | null>(null);
  const [tab, setTab] = useState<Tab>("review");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [sheet, setSheet] = useState(false);
  const [saved, setSaved] = useState(false);
  const openedAt = useRef(new Date().toISOString());
  const visibleMs = useRef(0);
  const visibleSince = useRef<number | null>(null);

  const sections = useMemo(() => contentText(item.taskType, item.current.content as never), [item]);
  // contentText lists the MCQ answer key as a section too, so a changed key counts as an edit.
  const edits = useMemo(() => effectiveEdits(sections, draft.edits), [sections, draft.edits]);
  const hasTextEdits = Object.keys(edits).length > 0;
  const dirty = hasTextEdits || Object.values(draft.levels).some((l) => l.decision) || Object.keys(draft.rubric).length > 0;

  // Time on item counts only while the page is visible.
  useEffect(() => {
    visibleSince.current = document.visibilityState === "visible" ? performance.now() : null;
    const onVis = () => {
      if (document.visibilityState === "visible") visibleSince.current = performance.now();
      else if (visibleSince.current !== null) {
        visibleMs.current += performance.now() - visibleSince.current;
        visibleSince.current = null;
      }
    };
    document.addEventListener("visibilitychange", onVis);
    return () => document.removeEventListener("visibilitychange", onVis);
  }, []);
  const timeSpent = () => Math.round(visibleMs.current + (visibleSince.current !== null ? performance.now() - visibleSince.current : 0));

  // Opening is an audited action and renews the lease.
  useEffect(() => {
    void fetch(`/api/review/items/${item.id}/open`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => {});
    if (queue.nextId) router.prefetch(`/review/${queue.nextId}`);
  }, [item.id, queue.nextId, router]);

  // A warning before leaving with unsaved work (it is also kept locally).
  useEffect(() => {
    if (!dirty || saved) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty, saved]);

  const selectLevel = useCallback((level: string) => {
    setSelected(level);
    setFocus((f) => ({ level, n: (f?.n ?? 0) + 1 }));
  }, []);

  const setLevel = useCallback(
    (level: string, patch: Partial<ReviewDraft["levels"][string]> | null) =>
      setDraft((d) => ({ ...d, levels: { ...d.levels, [level]: patch === null ? { decision: null } : { ...d.levels[level], ...patch } } })),
    [setDraft],
  );

  const go = useCallback(
    (id: string | null, force = false) => {
      // Moving on with unsaved work asks first (the work stays in this browser either way).
      if (!force && dirty && !saved && !window.confirm("Leave this item? Your unsaved review stays on this computer and comes back when you return.")) return;
      router.push(id ? `/review/${id}` : "/queue");
    },
    [router, dirty, saved],
  );

  const submit = useCallback(
    async (explicit: Decision | null, choice?: ReasonChoice) => {
      setError(null);
      const decision: Decision = explicit === "reject" ? "reject" : impliedDecision(draft, hasTextEdits);
      const reason = choice?.reason ?? draft.reason;
      const severity = choice?.severity ?? draft.severity;
      if ((decision === "reject" || decision === "edit") && (!reason || !severity)) {
        setPicker({ target: "item", decision });
        return;
      }
      if (item.taskType === "report") {
        const missing = RUBRIC_SECTIONS.flatMap((s) => s.dimensions).filter((d) => !draft.rubric[d.id]);
        if (missing.length) {
          setTab("review");
          setError(`Score the report rubric first: ${missing.map((d) => d.label).join(", ")}.`);
          return;
        }
      }
      const body = {
        baseVersionId: item.current.id,
        decision,
        reason: decision === "accept" ? undefined : reason,
        severity: decision === "accept" ? undefined : severity,
        comment: choice?.comment || draft.comment || undefined,
        levels: levelNames.map((level) => {
          const l = draft.levels[level] ?? { decision: null };
          return {
            level,
            decision: l.decision ?? "accept",
            correctedLevel: l.correctedLevel,
            reason: l.reason,
            severity: l.severity,
            comment: l.comment,
          };
        }),
        editedContent: hasTextEdits ? applySectionEdits(item.taskType, item.current.content as never, edits) : undefined,
        rubric: item.taskType === "report" ? draft.rubric : undefined,
        timeSpentMs: timeSpent(),
        startedAt: openedAt.current,
      };
      setSaving(true);
      try {
        const res = await fetch(`/api/review/items/${item.id}/reviews`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        const data = await res.json().catch(() => ({}));
        if (res.status === 409) {
          setConflict({ message: data.error ?? "This item changed.", current: data.details?.current, alreadyReviewed: Boolean(data.details?.existingReview) });
          return;
        }
        if (!res.ok) {
          const issues = (data.issues as { path: string; message: string }[] | undefined)?.map((i) => `${i.path}: ${i.message}`).join("; ");
          setError(issues || data.error || `Saving failed (${res.status}). Your work is kept on this computer.`);
          return;
        }
        setSaved(true);
        clearDraft();
        go(queue.nextId, true);
      } catch {
        setError("Cannot reach the server. Your work is kept on this computer; try again.");
      } finally {
        setSaving(false);
      }
    },
    [draft, hasTextEdits, item, levelNames, edits, clearDraft, go, queue.nextId],
  );

  // Keyboard: one listener for the workspace. Keys go to the viewer while the pointer is over it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (picker || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) {
        if (e.key === "Escape") t.blur();
        return;
      }
      if (e.key === "?") return setSheet((s) => !s);
      if (e.key === "Escape") return setSheet(false), setCorrecting(null);
      if (e.key === "j" || e.key === "J") return go(queue.nextId);
      if (e.key === "k" || e.key === "K") return queue.previousId ? go(queue.previousId) : undefined;
      if (onViewerKey?.(e)) {
        e.preventDefault();
        return;
      }
      if (/^[1-9]$/.test(e.key)) {
        const level = levelNames[Number(e.key) - 1];
        if (level) selectLevel(level);
        return;
      }
      const current = selected ?? levelNames[0] ?? null;
      switch (e.key) {
        case "a":
          if (current) setLevel(current, { decision: "accept", correctedLevel: undefined, reason: undefined, severity: undefined });
          break;
        case "c":
          if (current) setCorrecting(current);
          e.preventDefault();
          break;
        case "x":
          if (current) setPicker({ target: "level", level: current });
          break;
        case "e":
          setEditing(true);
          setTab("review");
          e.preventDefault();
          setTimeout(() => (document.querySelector("[data-section]") as HTMLTextAreaElement | null)?.focus(), 0);
          break;
        case "X":
          setPicker({ target: "item", decision: "reject" });
          break;
        case "Enter":
          e.preventDefault();
          void submit(null);
          break;
        default:
          return;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [picker, levelNames, selected, selectLevel, setLevel, submit, go, queue, onViewerKey]);

  // The item's levels are emphasised on the image; once one is selected, that one (and where it was moved to).
  const highlight = useMemo(() => {
    if (!selected) return levelNames;
    const s = new Set<string>([selected]);
    for (const [lvl, d] of Object.entries(draft.levels)) if (d.correctedLevel && lvl === selected) s.add(d.correctedLevel);
    return [...s];
  }, [selected, draft.levels, levelNames]);

  if (conflict) {
    return (
      <ConflictView
        conflict={conflict}
        myEdits={edits}
        item={item}
        onDiscard={() => {
          clearDraft();
          router.refresh();
        }}
        onReload={() => {
          // The draft stays under this version's key; the reviewer re-applies their text on the new version.
          router.refresh();
        }}
        onNext={() => go(queue.nextId)}
      />
    );
  }

  return (
    <div className="grid h-[calc(100vh-7.5rem)] grid-cols-1 gap-4 lg:grid-cols-[minmax(0,11fr)_minmax(0,9fr)]" data-testid="workspace">
      <div className="min-h-[420px] overflow-hidden rounded-lg bg-black">
        {viewer({ highlightLevels: highlight, focus })}
      </div>
      <div className="flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white">
        <header className="border-b border-slate-200 px-4 py-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-mono text-xs text-slate-500" data-testid="item-external-id">{item.externalId}</span>
            <span className="rounded bg-indigo-50 px-1.5 text-xs font-medium text-indigo-800">{TASK_LABEL[item.taskType]}</span>
            <span className="text-xs text-slate-500">{item.language} · {item.modality ?? "text"} · {item.subfield.replace(/_/g, " ")}</span>
            <span className="ml-auto text-xs text-slate-500">{queue.position ? `${queue.position} of ${queue.total} in your queue` : "not in your queue"}</span>
            <button type="button" onClick={() => setSheet(true)} className="rounded border border-slate-300 px-1.5 text-xs" title="Keyboard shortcuts">?</button>
          </div>
          <nav className="mt-2 flex gap-1 text-sm" aria-label="Item views">
            {(["review", "changes", "source", "history"] as Tab[]).map((t) => (
              <button key={t} type="button" onClick={() => setTab(t)} aria-current={tab === t ? "page" : undefined}
                className={`rounded px-2 py-0.5 ${tab === t ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"}`}>
                {{ review: "Review", changes: "Changes", source: "Source", history: "History" }[t]}
              </button>
            ))}
          </nav>
        </header>
        <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3">
          {restored && dirty && <p className="rounded bg-sky-50 px-2 py-1 text-xs text-sky-900" data-testid="draft-restored">Your unsaved work on this item was restored.</p>}
          {item.myReview && <p className="rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-900">You reviewed this item ({item.myReview.decision}) on {item.myReview.submittedAt.slice(0, 16).replace("T", " ")}.</p>}
          {tab === "review" && (
            <>
              <section>
                <div className="mb-1 flex items-center justify-between">
                  <h2 className="text-sm font-semibold">Levels</h2>
                  <span className="text-xs text-slate-500">1–9 select · A accept · C correct · X reject</span>
                </div>
                <LevelPanel
                  levels={item.levels}
                  decisions={draft.levels}
                  selected={selected}
                  correcting={correcting}
                  onSelect={selectLevel}
                  onAccept={(l) => setLevel(l, { decision: "accept", correctedLevel: undefined, reason: undefined, severity: undefined })}
                  onReject={(l) => setPicker({ target: "level", level: l })}
                  onStartCorrect={setCorrecting}
                  onCorrect={(l, to) => {
                    setLevel(l, { decision: "edit", correctedLevel: to, reason: "wrong_level" });
                    setCorrecting(null);
                    selectLevel(to);
                  }}
                  onUndo={(l) => setLevel(l, null)}
                />
              </section>
              <section>
                <div className="mb-1 flex items-center justify-between">
                  <h2 className="text-sm font-semibold">Text <span className="font-normal text-slate-500">· version {item.current.number} ({item.current.kind})</span></h2>
                  <button type="button" onClick={() => setEditing((e) => !e)} className="rounded border border-slate-300 px-2 py-0.5 text-xs">{editing ? "Done editing" : "Edit text (E)"}</button>
                </div>
                <ContentPanel taskType={item.taskType} content={item.current.content as never} editing={editing} edits={draft.edits}
                  onEdit={(key, text) => setDraft((d) => ({ ...d, edits: { ...d.edits, [key]: text } }))} />
              </section>
              {item.taskType === "report" && <RubricForm scores={draft.rubric} onChange={(dim, n) => setDraft((d) => ({ ...d, rubric: { ...d.rubric, [dim]: n } }))} />}
            </>
          )}
          {tab === "changes" && <ChangesView taskType={item.taskType} versions={item.versions} current={item.current} edits={hasTextEdits ? applySectionEdits(item.taskType, item.current.content as never, edits) : null} />}
          {tab === "source" && <SourceView item={item} />}
          {tab === "history" && <HistoryView itemId={item.id} />}
        </div>
        <footer className="border-t border-slate-200 px-4 py-2">
          {error && <p role="alert" className="mb-2 rounded bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="review-error">{error}</p>}
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" disabled={saving} onClick={() => void submit(null)} data-testid="accept-item"
              className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-50">
              {impliedDecision(draft, hasTextEdits) === "edit" ? "Accept with edits" : "Accept"} and next <kbd className="ml-1 rounded bg-emerald-900/40 px-1 text-xs">Enter</kbd>
            </button>
            <button type="button" disabled={saving} onClick={() => setPicker({ target: "item", decision: "reject" })} data-testid="reject-item"
              className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-50">
              Reject <kbd className="ml-1 rounded bg-red-100 px-1 text-xs">Shift+X</kbd>
            </button>
            <span className="ml-auto flex gap-2 text-xs">
              {queue.previousId && <button type="button" onClick={() => go(queue.previousId)} className="text-slate-600 underline">← previous (K)</button>}
              <button type="button" onClick={() => go(queue.nextId)} className="text-slate-600 underline">{queue.nextId ? "next (J) →" : "back to queue"}</button>
            </span>
          </div>
        </footer>
      </div>
      {picker && (
        <ReasonPicker
          title={picker.target === "level" ? `Reject the claim at ${picker.level}` : picker.decision === "reject" ? "Reject this item" : "Why was it edited?"}
          initial={picker.target === "level" ? draft.levels[picker.level] : { reason: draft.reason, severity: draft.severity, comment: draft.comment }}
          onCancel={() => setPicker(null)}
          onConfirm={(c) => {
            const p = picker;
            setPicker(null);
            if (p.target === "level") setLevel(p.level, { decision: "reject", correctedLevel: undefined, reason: c.reason, severity: c.severity, comment: c.comment || undefined });
            else {
              setDraft((d) => ({ ...d, reason: c.reason, severity: c.severity, comment: c.comment || undefined }));
              void submit(p.decision === "reject" ? "reject" : null, c);
            }
          }}
        />
      )}
      {sheet && <ShortcutSheet onClose={() => setSheet(false)} />}
    </div>
  );
}

function SourceView({ item }: { item: WorkspaceItem }) {
  const rows: [string, string | null][] = [
    ["Source type", item.sourceType.replace(/_/g, " ")],
    ["Reference", item.sourceReference],
    ["Case", item.caseExternalId],
    ["Licence", item.licence],
    ["Reviews required", String(item.requiredReviews)],
  ];
  return (
    <div className="space-y-4 text-sm" data-testid="source-view">
      <table><tbody>{rows.map(([k, v]) => <tr key={k}><td className="pr-4 text-slate-500">{k}</td><td>{v ?? "—"}</td></tr>)}</tbody></table>
      <table className="w-full">
        <thead className="text-left text-xs text-slate-500"><tr><th>Version</th><th>Model</th><th>Prompt</th><th>Created</th></tr></thead>
        <tbody>
          {item.versions.map((v) => (
            <tr key={v.id} className="border-t border-slate-100">
              <td className="py-1">{v.number} · {v.kind}</td>
              <td>{v.authorName ?? [v.generatorModel, v.generatorVersion].filter(Boolean).join(" ")}</td>
              <td>{[v.promptId, v.promptVersion].filter(Boolean).join(" v")}</td>
              <td className="tabular-nums">{v.createdAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConflictView({ conflict, myEdits, item, onDiscard, onReload, onNext }: { conflict: Conflict; myEdits: Record<string, string>; item: WorkspaceItem; onDiscard: () => void; onReload: () => void; onNext: () => void }) {
  const theirs = conflict.current ? contentText(item.taskType, conflict.current.content as never) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="conflict-view">
      <h2 className="text-lg font-semibold text-amber-950">{conflict.alreadyReviewed ? "You already reviewed this item" : "This item changed while you were reviewing it"}</h2>
      <p className="text-sm text-amber-950">{conflict.message} Nothing of yours was overwritten, and nothing of theirs.</p>
      {conflict.current && (
        <div className="rounded border border-amber-200 bg-white p-3">
          <p className="mb-2 text-xs font-semibold uppercase text-slate-500">Their version {conflict.current.number} ({conflict.current.kind}){conflict.current.authorName ? ` by ${conflict.current.authorName}` : ""}</p>
          {theirs.map((s) => <p key={s.key} className="text-sm"><span className="text-slate-500">{s.label}: </span><span className="whitespace-pre-wrap">{s.text}</span></p>)}
        </div>
      )}
      {Object.keys(myEdits).length > 0 && (
        <div className="rounded border border-amber-200 bg-white p-3" data-testid="my-kept-text">
          <p className="mb-2 text-xs font-semibold uppercase text-slate-500">Your text (kept on this computer)</p>
          {Object.entries(myEdits).map(([k, v]) => <p key={k} className="text-sm"><span className="text-slate-500">{k}: </span><span className="whitespace-pre-wrap">{v}</span></p>)}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {!conflict.alreadyReviewed && <button type="button" onClick={onReload} className="rounded bg-amber-700 px-3 py-1.5 text-sm text-white">Open the new version</button>}
        <button type="button" onClick={onNext} className="rounded border border-amber-400 px-3 py-1.5 text-sm">Go to the next item</button>
        <button type="button" onClick={onDiscard} className="rounded px-3 py-1.5 text-sm text-slate-600">Discard my draft</button>
      </div>
    </div>
  );
}
