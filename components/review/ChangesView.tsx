"use client";
// Word-level differences between any two versions (draft → revision → reviewed …, or the current version → the
// reviewer's unsaved edits), section by section. Each section is an isolated bidi block and invisible characters
// are drawn as markers (VisibleText), so an inserted U+202E shows up as an insertion instead of reversing the row.
import { useMemo, useState } from "react";
import { diffWords } from "@/lib/diff/words";
import { contentText } from "@/lib/items/content-text";
import type { ContentByTaskType, TaskType } from "@/lib/items/content";
import { VisibleText } from "./ReviewText";
import type { WorkspaceVersion } from "./types";

interface Props {
  taskType: TaskType;
  versions: WorkspaceVersion[];
  current: WorkspaceVersion;
  edits: ContentByTaskType[TaskType] | null;
}

export function ChangesView({ taskType, versions, current, edits }: Props) {
  const choices = useMemo(() => {
    const list: { id: string; label: string; content: unknown }[] = versions.map((v) => ({ id: v.id, label: `${v.number} · ${v.kind}`, content: v.content }));
    if (edits) list.push({ id: "mine", label: "your unsaved edits", content: edits });
    return list;
  }, [versions, edits]);
  const [fromId, setFromId] = useState(versions[0]?.id ?? current.id);
  const [toId, setToId] = useState(edits ? "mine" : (versions[versions.length - 1]?.id ?? current.id));
  const from = choices.find((c) => c.id === fromId) ?? choices[0];
  const to = choices.find((c) => c.id === toId) ?? choices[choices.length - 1];
  const rows = useMemo(() => {
    if (!from || !to) return [];
    const a = new Map(contentText(taskType, from.content as never).map((s) => [s.key, s]));
    const b = contentText(taskType, to.content as never);
    const keys = [...new Set([...a.keys(), ...b.map((s) => s.key)])];
    const bMap = new Map(b.map((s) => [s.key, s]));
    return keys.map((key) => ({ key, label: (bMap.get(key) ?? a.get(key))!.label, parts: diffWords(a.get(key)?.text ?? "", bMap.get(key)?.text ?? "") }));
  }, [from, to, taskType]);
  const changed = rows.filter((r) => r.parts.some((p) => p.op !== "equal")).length;

  return (
    <div className="space-y-3" data-testid="changes-view">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <select aria-label="Compare from" value={from?.id} onChange={(e) => setFromId(e.target.value)} className="rounded border border-slate-300 px-1">
          {choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
        </select>
        →
        <select aria-label="Compare to" value={to?.id} onChange={(e) => setToId(e.target.value)} className="rounded border border-slate-300 px-1">
          {choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
        </select>
        <span className="text-slate-500">{changed} of {rows.length} sections changed</span>
      </div>
      {rows.map((r) => (
        <div key={r.key}>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{r.label}</p>
          <p dir="auto" className="whitespace-pre-wrap break-words text-sm leading-relaxed [unicode-bidi:isolate]" data-review-text="">
            {r.parts.map((p, i) =>
              p.op === "equal" ? (
                <span key={i}><VisibleText text={p.text} /></span>
              ) : p.op === "insert" ? (
                <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline"><VisibleText text={p.text} /></ins>
              ) : (
                <del key={i} className="bg-red-100 text-red-800"><VisibleText text={p.text} /></del>
              ),
            )}
          </p>
        </div>
      ))}
    </div>
  );
}
