"use client";
// The adjudication screen: the item's images beside its round's reviews, side by side, level by level. Per level
// the adjudicator takes one review's outcome or writes their own; for the text, takes one review's text or edits
// their own from one; then records the final decision with its reason. Keys: 1–9 take that review's outcome for the
// selected level, A / E / X choose the final decision, Ctrl+Enter records it.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ChangesView } from "@/components/review/ChangesView";
import { ContentPanel } from "@/components/review/ContentPanel";
import { Viewer, type ViewerHandle } from "@/components/viewer/Viewer";
import { callJson } from "@/components/ui/requestJson";
import { StatusBadge } from "@/components/ui/badges";
import type { AdjudicateResult } from "@/lib/adjudication/adjudicate";
import { acceptAllowed, buildAdjudication, initialChoices, levelDisputed, OWN, type Decision, type LevelChoice } from "@/lib/adjudication/choices";
import type { AdjudicationItemView } from "@/lib/adjudication/get-item";
import { adjudicateSchema } from "@/lib/adjudication/schemas";
import { applySectionEdits, effectiveEdits, type SectionEdits } from "@/lib/items/content-edit";
import { contentText } from "@/lib/items/content-text";
import type { ContentByTaskType, TaskType } from "@/lib/items/content";
import { REASONS, SEVERITIES } from "@/lib/review/taxonomy";
import type { ViewerSeries } from "@/lib/viewer/types";
import { OutcomeBadge, OwnLevelForm, ReviewOutcome } from "./Outcome";

interface Props {
  item: AdjudicationItemView;
  series: ViewerSeries[];
}

const DECISION_LABEL: Record<Decision, string> = { accept: "Accept", edit: "Accept with changes", reject: "Reject" };
const DECISION_KEY: Record<string, Decision> = { a: "accept", e: "edit", x: "reject" };

export function AdjudicationScreen({ item, series }: Props) {
  const router = useRouter();
  const viewerRef = useRef<ViewerHandle | null>(null);
  const levelNames = useMemo(() => item.levels.map((l) => l.level), [item.levels]);
  const reviews = item.reviews;
  const versionById = useMemo(() => new Map(item.versions.map((v) => [v.id, v])), [item.versions]);

  const [choices, setChoices] = useState<Record<string, LevelChoice | null>>(() => initialChoices(levelNames, reviews));
  const [selected, setSelected] = useState<string | null>(null);
  const [own, setOwn] = useState<string | null>(null);
  // The final text starts from the version under review or from one review's edited text.
  const [textFrom, setTextFrom] = useState<string>("base");
  const [editing, setEditing] = useState(false);
  const [edits, setEdits] = useState<SectionEdits>({});
  const [chosen, setDecision] = useState<Decision | null>(null);
  const [reasonKey, setReasonKey] = useState("");
  const [reasonText, setReasonText] = useState("");
  const [severity, setSeverity] = useState("");
  const [comment, setComment] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const taskType = item.taskType as TaskType;
  const startReview = reviews.find((r) => r.id === textFrom);
  const startVersion = (startReview?.resultVersionId && versionById.get(startReview.resultVersionId)) || item.base;
  const startSections = useMemo(() => contentText(taskType, startVersion.content as never), [taskType, startVersion]);
  const ownEdits = useMemo(() => effectiveEdits(startSections, edits), [startSections, edits]);
  const finalContent = useMemo(() => applySectionEdits(taskType, startVersion.content as ContentByTaskType[TaskType], ownEdits), [taskType, startVersion, ownEdits]);
  const baseText = useMemo(() => contentText(taskType, item.base.content as never).map((s) => `${s.key}\u0000${s.text}`).join("\u0001"), [taskType, item.base]);
  const finalText = useMemo(() => contentText(taskType, finalContent as never).map((s) => `${s.key}\u0000${s.text}`).join("\u0001"), [taskType, finalContent]);
  const textChanged = finalText !== baseText;
  const canAccept = acceptAllowed(choices, textChanged);
  const reason = reasonKey === "other" ? reasonText.trim() : reasonKey;

  // A plain accept chosen before the text or a level changed becomes accept with changes.
  const decision: Decision | null = chosen === "accept" && !canAccept ? "edit" : chosen;

  const take = useCallback((level: string, reviewIndex: number) => {
    const r = reviews[reviewIndex];
    if (!r) return;
    const l = r.levels.find((x) => x.level === level);
    setChoices((c) => ({
      ...c,
      [level]: { decision: l?.decision ?? "accept", correctedLevel: l?.correctedLevel ?? null, reason: l?.reason ?? null, severity: l?.severity ?? null, comment: l?.comment ?? null, from: r.id },
    }));
    setOwn(null);
  }, [reviews]);

  const select = useCallback((level: string) => {
    setSelected(level);
    viewerRef.current?.focusLevel(level);
  }, []);

  const submit = useCallback(async () => {
    setError(null);
    if (!decision) return setError("Choose the final decision: accept, accept with changes, or reject.");
    let body;
    try {
      body = buildAdjudication({
        baseVersionId: item.base.id,
        decision,
        reason,
        severity,
        comment,
        levels: levelNames,
        choices,
        content: textChanged ? finalContent : undefined,
        textFrom: textChanged ? (Object.keys(ownEdits).length ? `${OWN}:${textFrom}` : textFrom) : null,
      });
    } catch (e) {
      return setError((e as Error).message);
    }
    const checked = adjudicateSchema.safeParse(body);
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? "The decision is not complete.");
    setSaving(true);
    try {
      await callJson<AdjudicateResult>(`/api/adjudication/items/${item.id}`, "POST", body);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }, [decision, item, reason, severity, comment, levelNames, choices, textChanged, finalContent, ownEdits, textFrom, router]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        void submit();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      if (t?.closest?.('[data-testid="viewer"]')) return;
      const n = Number(e.key);
      if (selected && n >= 1 && n <= reviews.length) {
        e.preventDefault();
        take(selected, n - 1);
        return;
      }
      const d = DECISION_KEY[e.key.toLowerCase()];
      if (d && (d !== "accept" || canAccept)) {
        e.preventDefault();
        setDecision(d);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selected, reviews.length, take, canAccept, submit]);

  const sourceName = (from: string) => (from === OWN ? "your own" : `from ${reviews.find((r) => r.id === from)?.reviewerName ?? "a review"}`);

  return (
    <div data-testid="adjudication-screen" className="space-y-4">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold tracking-tight" data-testid="item-external-id">{item.externalId}</h1>
        <StatusBadge status={item.status} />
        <span className="text-sm text-slate-600">round {item.round} · {reviews.length} reviews · version {item.base.number} ({item.base.kind}) under review</span>
      </header>
      {item.disagreements.length > 0 && (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="disagreements">
          <p className="font-medium text-amber-900">The reviews disagree:</p>
          <ul className="list-disc pl-5 text-amber-900">{item.disagreements.map((d) => <li key={d}>{d}</li>)}</ul>
        </div>
      )}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section className="h-[70vh] xl:sticky xl:top-2" aria-label="Images">
          {series.length > 0 ? (
            <Viewer onReady={(h) => (viewerRef.current = h)} series={series} initialSeriesId={item.images[0]?.seriesId} highlightLevels={levelNames} focusLevel={selected} height="100%" />
          ) : (
            <div className="flex h-full items-center justify-center rounded-lg border border-slate-200 bg-white text-sm text-slate-400" data-testid="no-images">A text item: no images.</div>
          )}
        </section>

        <section className="space-y-5" aria-label="Reviews">
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm" data-testid="reviews-side-by-side">
              <thead className="bg-slate-100 text-left text-slate-600">
                <tr>
                  <th className="p-2">Level</th>
                  {reviews.map((r, i) => (
                    <th key={r.id} className="p-2" data-testid={`review-column-${i + 1}`}>
                      <kbd className="mr-1 rounded border border-slate-300 px-1 text-xs">{i + 1}</kbd>{r.reviewerName}
                    </th>
                  ))}
                  <th className="p-2">Final</th>
                </tr>
              </thead>
              <tbody>
                <tr className="border-t border-slate-100 align-top" data-testid="row-item">
                  <td className="p-2 font-medium">Item</td>
                  {reviews.map((r) => (
                    <td key={r.id} className="p-2"><ReviewOutcome outcome={{ decision: r.decision, correctedLevel: null, reason: r.reason, severity: r.severity, comment: r.comment }} /></td>
                  ))}
                  <td className="p-2 text-slate-600">{decision ? DECISION_LABEL[decision] : "—"}</td>
                </tr>
                {item.levels.map(({ level, note }) => {
                  const c = choices[level];
                  const disputed = levelDisputed(level, reviews);
                  return (
                    <tr key={level} data-testid={`row-${level}`} data-disputed={disputed} data-chosen={c ? c.from : ""}
                      className={`border-t border-slate-100 align-top ${selected === level ? "bg-teal-50" : disputed ? "bg-amber-50/50" : ""}`}>
                      <td className="p-2">
                        <button type="button" onClick={() => select(level)} aria-pressed={selected === level} className="font-mono font-semibold" title="Select (then 1–9 takes that review's outcome); shows it on the image">{level}</button>
                        {disputed && <span className="ml-1 text-xs text-amber-800">disputed</span>}
                        {note && <p className="text-xs text-slate-500">{note}</p>}
                      </td>
                      {reviews.map((r, i) => {
                        const l = r.levels.find((x) => x.level === level);
                        const outcome = { decision: l?.decision ?? ("accept" as const), correctedLevel: l?.correctedLevel ?? null, reason: l?.reason ?? null, severity: l?.severity ?? null, comment: l?.comment ?? null };
                        const chosen = c?.from === r.id;
                        return (
                          <td key={r.id} className={`p-2 ${chosen ? "ring-2 ring-inset ring-teal-500" : ""}`}>
                            <ReviewOutcome outcome={outcome} />
                            <button type="button" className="mt-1 rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-50" aria-pressed={chosen}
                              aria-label={`Take ${r.reviewerName}'s outcome for ${level}`} onClick={() => { take(level, i); setSelected(level); }}>
                              {chosen ? "Taken" : "Take"}
                            </button>
                          </td>
                        );
                      })}
                      <td className="p-2" data-testid={`final-${level}`}>
                        {c ? (
                          <>
                            <OutcomeBadge outcome={c} />
                            <p className="text-xs text-slate-500">{sourceName(c.from)}</p>
                          </>
                        ) : (
                          <p className="text-xs text-amber-800">choose</p>
                        )}
                        <button type="button" className="mt-1 rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-50" onClick={() => setOwn(own === level ? null : level)} aria-label={`Write your own outcome for ${level}`}>Own…</button>
                        {own === level && (
                          <OwnLevelForm level={level} taken={levelNames} initial={c} onCancel={() => setOwn(null)}
                            onUse={(o) => { setChoices((x) => ({ ...x, [level]: { ...o, from: OWN } })); setOwn(null); }} />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <div className="space-y-3" data-testid="texts">
            <h2 className="font-semibold">Text</h2>
            <div className="grid gap-3 lg:grid-cols-2">
              {reviews.map((r) => {
                const v = r.resultVersionId ? versionById.get(r.resultVersionId) : undefined;
                return (
                  <div key={r.id} className={`rounded-lg border bg-white p-3 ${textFrom === r.id ? "border-teal-500" : "border-slate-200"}`} data-testid={`text-${r.reviewerName}`}>
                    <p className="mb-2 text-sm font-medium">{r.reviewerName}: {v ? `edited the text (version ${v.number})` : "did not change the text"}</p>
                    {v ? (
                      <>
                        <ChangesView taskType={taskType} versions={[item.base, v]} current={item.base} edits={null} />
                        <div className="mt-2 flex gap-2">
                          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50" onClick={() => { setTextFrom(r.id); setEdits({}); setEditing(false); }}>Take this text</button>
                          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50" onClick={() => { setTextFrom(r.id); setEdits({}); setEditing(true); }}>Edit from this text</button>
                        </div>
                      </>
                    ) : null}
                  </div>
                );
              })}
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid="final-text">
              <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">Final text</span>
                <span className="text-slate-500">
                  {startReview ? `from ${startReview.reviewerName}'s text` : `the version under review (${item.base.number})`}
                  {Object.keys(ownEdits).length > 0 && ", with your edits"}
                  {textChanged ? " · differs from the version under review" : " · unchanged"}
                </span>
                <span className="ml-auto flex gap-2">
                  {textFrom !== "base" && <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs" onClick={() => { setTextFrom("base"); setEdits({}); }}>Use the version under review</button>}
                  <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs" onClick={() => setEditing((x) => !x)}>{editing ? "Done editing" : "Edit the final text"}</button>
                </span>
              </div>
              {editing ? (
                <ContentPanel taskType={taskType} content={startVersion.content as ContentByTaskType[TaskType]} editing edits={edits} onEdit={(k, text) => setEdits((x) => ({ ...x, [k]: text }))} />
              ) : textChanged ? (
                <ChangesView taskType={taskType} versions={[item.base]} current={item.base} edits={finalContent as ContentByTaskType[TaskType]} />
              ) : (
                <ContentPanel taskType={taskType} content={item.base.content as ContentByTaskType[TaskType]} editing={false} edits={{}} onEdit={() => {}} />
              )}
            </div>
          </div>

          <form className="space-y-3 rounded-lg border border-slate-300 bg-white p-4" data-testid="final-decision" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
            <h2 className="font-semibold">Final decision</h2>
            <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="Final decision">
              {(["accept", "edit", "reject"] as const).map((d) => (
                <button key={d} type="button" role="radio" aria-checked={decision === d} disabled={d === "accept" && !canAccept} onClick={() => setDecision(d)}
                  title={d === "accept" && !canAccept ? "The text or a level changed: the decision is accept with changes" : `Key ${d === "accept" ? "A" : d === "edit" ? "E" : "X"}`}
                  className={`rounded border px-3 py-1 text-sm disabled:opacity-40 ${decision === d ? "border-teal-600 bg-teal-50 font-medium" : "border-slate-300 hover:bg-slate-50"}`}>
                  {DECISION_LABEL[d]}
                </button>
              ))}
            </div>
            <div className="grid gap-2 sm:grid-cols-2">
              <label className="text-sm">
                Reason (required)
                <select aria-label="Reason" value={reasonKey} onChange={(e) => setReasonKey(e.target.value)} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1">
                  <option value="">Choose…</option>
                  {REASONS.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
                  <option value="other">Other: write the rationale</option>
                </select>
              </label>
              <label className="text-sm">
                Severity
                <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value)} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1">
                  <option value="">—</option>
                  {SEVERITIES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
                </select>
              </label>
            </div>
            {reasonKey === "other" && (
              <input aria-label="Rationale" value={reasonText} onChange={(e) => setReasonText(e.target.value)} placeholder="e.g. Reviewer 2 is right: the extrusion is at L5/S1 on the sagittal T2" className="w-full rounded border border-slate-300 px-2 py-1 text-sm" />
            )}
            <textarea aria-label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Comment (optional)" rows={2} className="w-full rounded border border-slate-300 p-2 text-sm" />
            {error && <p role="alert" className="text-sm text-red-700" data-testid="adjudication-error">{error}</p>}
            <div className="flex items-center gap-3">
              <button type="submit" disabled={saving} className="whitespace-nowrap rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50" data-testid="record-decision">
                {saving ? "Recording…" : "Record final decision"}
              </button>
              <span className="text-xs text-slate-500">Ctrl+Enter · select a level, then 1–{Math.max(1, reviews.length)} takes that review&apos;s outcome · A / E / X choose the decision</span>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}
