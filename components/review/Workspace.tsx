"use client";
// The review workspace: the item's images on the left, its text and the review on the right. This file only
// composes: the draft lives in useLocalDraft (kept locally, so nothing is lost), time on item in useTimeOnItem,
// the working lease in useHeartbeat, saving in useSubmitReview, the pool's next item in useNextItem, the keys in
// the shortcut table (shortcuts.ts) wired by useShortcutKeys; each view is its own small component.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { applySectionEdits, effectiveEdits } from "@/lib/items/content-edit";
import { contentText } from "@/lib/items/content-text";
import { ChangesView } from "./ChangesView";
import { ConflictView } from "./ConflictView";
import { emptyDraft, impliedDecision, type LevelDraft, type ReviewDraft } from "./draft";
import { HistoryView } from "./HistoryView";
import { NothingToReview } from "./NothingToReview";
import { ReasonPicker } from "./ReasonPicker";
import { ACCEPT_LEVEL, ReviewTab } from "./ReviewTab";
import { ShortcutSheet } from "./ShortcutSheet";
import { WORKSPACE_SHORTCUTS, workspaceCommands } from "./shortcuts";
import { SourceView } from "./SourceView";
import type { QueueNeighbours, WorkspaceItem } from "./types";
import { useHeartbeat } from "./useHeartbeat";
import { useLocalDraft } from "./useLocalDraft";
import { useNextItem } from "./useNextItem";
import { useShortcutKeys } from "./useShortcutKeys";
import { useSubmitReview } from "./useSubmitReview";
import { useTimeOnItem } from "./useTimeOnItem";
import { useUnsavedWarning } from "./useUnsavedWarning";
import { WorkspaceFooter } from "./WorkspaceFooter";
import { WorkspaceHeader, type Tab } from "./WorkspaceHeader";
import { WorkspaceNotices } from "./WorkspaceNotices";

export interface ViewerSlotProps {
  highlightLevels: string[];
  focus: { level: string; n: number } | null;
}

interface Props {
  item: WorkspaceItem;
  userId: string;
  queue: QueueNeighbours;
  viewer: (p: ViewerSlotProps) => React.ReactNode;
  /** Scrolls the viewer's stack (↑ ↓ from anywhere on the page); absent for an item without images. */
  onSlice?: (delta: -1 | 1) => void;
}

type Picker = { target: "item"; decision: "edit" | "reject" } | { target: "level"; level: string };

// Hydration as a snapshot: false on the server and while hydrating, true once the client has taken over.
const NO_SUBSCRIPTION = () => () => {};
const CLIENT = () => true;
const SERVER = () => false;

const LEAVE_QUESTION = "Leave this item? Your unsaved review stays on this computer and comes back when you return.";

export function Workspace({ item, userId, queue, viewer, onSlice }: Props) {
  const router = useRouter();
  const levelNames = useMemo(() => item.levels.map((l) => l.level), [item.levels]);
  const [draft, setDraft, clearDraft, restored] = useLocalDraft<ReviewDraft>(`spinemed:review:${userId}:${item.id}:${item.current.id}`, emptyDraft(levelNames));
  const [editing, setEditing] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ level: string; n: number } | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [picker, setPicker] = useState<Picker | null>(null);
  const [tab, setTab] = useState<Tab>("review");
  // Until React has attached its handlers a click on the server-rendered buttons would do nothing; they stay
  // disabled until then, and data-ready tells a script (and the end-to-end tests) that the page now listens.
  const ready = useSyncExternalStore(NO_SUBSCRIPTION, CLIENT, SERVER);
  const [sheet, setSheet] = useState(false);
  const [saved, setSaved] = useState(false);
  const time = useTimeOnItem();
  const { lost, release, reopen } = useHeartbeat(item.id);
  const pool = useNextItem();

  const sections = useMemo(() => contentText(item.taskType, item.current.content as never), [item]);
  // contentText lists the MCQ answer key as a section too, so a changed key counts as an edit.
  const edits = useMemo(() => effectiveEdits(sections, draft.edits), [sections, draft.edits]);
  const hasTextEdits = Object.keys(edits).length > 0;
  const dirty = hasTextEdits || Object.values(draft.levels).some((l) => l.decision) || Object.keys(draft.rubric).length > 0;
  useUnsavedWarning(dirty && !saved);

  useEffect(() => {
    if (queue.nextId) router.prefetch(`/review/${queue.nextId}`);
  }, [queue.nextId, router]);

  // Moving on with unsaved work asks first (the work stays in this browser either way).
  const mayLeave = useCallback((force: boolean) => force || !dirty || saved || window.confirm(LEAVE_QUESTION), [dirty, saved]);
  const go = useCallback(
    (id: string | null, force = false) => {
      if (mayLeave(force)) router.push(id ? `/review/${id}` : "/queue");
    },
    [mayLeave, router],
  );
  /** The server's Next item (own queue first, then the shared pool), never this same item again. */
  const fromPool = useCallback(() => pool.next({ exclude: item.id, fallback: queue.nextId }), [pool, item.id, queue.nextId]);
  const nextFromPool = useCallback(async () => {
    if (!mayLeave(false)) return;
    // This item's working lease ends first, so the server does not hand it straight back.
    await release("close");
    if (!(await fromPool())) reopen();
  }, [mayLeave, release, fromPool, reopen]);
  /** On through the assigned queue; once it is done, Next item. */
  const moveOn = useCallback(() => (queue.nextId ? go(queue.nextId, true) : void fromPool()), [queue.nextId, go, fromPool]);

  const selectLevel = useCallback((level: string) => {
    setSelected(level);
    setFocus((f) => ({ level, n: (f?.n ?? 0) + 1 }));
  }, []);
  const setLevel = useCallback(
    (level: string, patch: Partial<LevelDraft> | null) =>
      setDraft((d) => ({ ...d, levels: { ...d.levels, [level]: patch === null ? { decision: null } : { ...d.levels[level], ...patch } } })),
    [setDraft],
  );

  const { submit, saving, error, conflict } = useSubmitReview({
    item,
    draft,
    edits,
    canSave: !lost,
    time,
    onNeedReason: useCallback((decision: "edit" | "reject") => setPicker({ target: "item", decision }), []),
    onNeedRubric: useCallback(() => setTab("review"), []),
    onSaved: useCallback(() => {
      setSaved(true);
      clearDraft();
      moveOn();
    }, [clearDraft, moveOn]),
  });
  const canSave = ready && !saving && !lost;

  const skip = useCallback(async () => {
    if (!mayLeave(false)) return;
    await release("skip");
    moveOn();
  }, [mayLeave, release, moveOn]);

  const current = selected ?? levelNames[0] ?? null;
  const commands = workspaceCommands({
    acceptItem: () => void submit(null),
    rejectItem: () => setPicker({ target: "item", decision: "reject" }),
    skip: () => void skip(),
    next: () => go(queue.nextId),
    previous: () => go(queue.previousId),
    nextFromPool: () => void nextFromPool(),
    selectLevelAt: (i) => levelNames[i] && selectLevel(levelNames[i]),
    acceptLevel: () => current && setLevel(current, ACCEPT_LEVEL),
    correctLevel: () => current && setCorrecting(current),
    rejectLevel: () => current && setPicker({ target: "level", level: current }),
    editText: () => {
      setEditing(true);
      setTab("review");
      setTimeout(() => (document.querySelector("[data-section]") as HTMLTextAreaElement | null)?.focus(), 0);
    },
    slice: (delta) => onSlice?.(delta),
    toggleSheet: () => setSheet((s) => !s),
    escape: () => {
      setSheet(false);
      setCorrecting(null);
    },
  });
  useShortcutKeys(WORKSPACE_SHORTCUTS, commands, { canSave, hasLevels: levelNames.length > 0, hasPrevious: !!queue.previousId, hasImages: !!onSlice }, !picker && !conflict);

  // The item's levels are emphasised on the image; once one is selected, that one (and where it was moved to).
  const highlight = useMemo(() => {
    if (!selected) return levelNames;
    const s = new Set<string>([selected]);
    const moved = draft.levels[selected]?.correctedLevel;
    if (moved) s.add(moved);
    return [...s];
  }, [selected, draft.levels, levelNames]);

  if (saved && pool.state.status === "empty") return <NothingToReview saved message={pool.state.message} />;
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
        // The draft stays under this version's key; the reviewer re-applies their text on the new version.
        onReload={() => router.refresh()}
        onNext={() => go(queue.nextId)}
      />
    );
  }

  return (
    <div className="grid h-[calc(100vh-7.5rem)] grid-cols-1 gap-4 lg:grid-cols-[minmax(0,11fr)_minmax(0,9fr)]" data-testid="workspace" data-ready={ready}>
      <div className="min-h-[420px] overflow-hidden rounded-lg bg-black">{viewer({ highlightLevels: highlight, focus })}</div>
      <div className="flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white">
        <WorkspaceHeader item={item} queue={queue} tab={tab} onTab={setTab} onHelp={() => setSheet(true)} />
        <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3">
          <WorkspaceNotices item={item} lost={lost} restored={restored && dirty} />
          {tab === "review" && (
            <ReviewTab
              item={item}
              draft={draft}
              selected={selected}
              correcting={correcting}
              editing={editing}
              onSelect={selectLevel}
              onSetLevel={setLevel}
              onRejectLevel={(l) => setPicker({ target: "level", level: l })}
              onStartCorrect={setCorrecting}
              onToggleEditing={() => setEditing((e) => !e)}
              onEdit={(key, text) => setDraft((d) => ({ ...d, edits: { ...d.edits, [key]: text } }))}
              onRubric={(dim, n) => setDraft((d) => ({ ...d, rubric: { ...d.rubric, [dim]: n } }))}
            />
          )}
          {tab === "changes" && <ChangesView taskType={item.taskType} versions={item.versions} current={item.current} edits={hasTextEdits ? applySectionEdits(item.taskType, item.current.content as never, edits) : null} />}
          {tab === "source" && <SourceView item={item} />}
          {tab === "history" && <HistoryView itemId={item.id} />}
        </div>
        <WorkspaceFooter
          error={error}
          canSave={canSave}
          acceptLabel={impliedDecision(draft, hasTextEdits) === "edit" ? "Accept with edits" : "Accept"}
          hasPrevious={!!queue.previousId}
          hasNext={!!queue.nextId}
          nextState={pool.state}
          onAccept={() => void submit(null)}
          onReject={() => setPicker({ target: "item", decision: "reject" })}
          onSkip={() => void skip()}
          onNextFromPool={() => void nextFromPool()}
          onPrevious={() => go(queue.previousId)}
          onNext={() => go(queue.nextId)}
        />
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
