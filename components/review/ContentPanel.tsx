"use client";
// The item's text by task type, read-only or as editable sections (keys from contentText, so edits, drafts and
// diffs line up). The MCQ answer key is a choice among the options, not free text. A text box cannot draw the
// markers of invisible characters (ReviewText does that for read-only text), so under a box whose text holds any,
// a warning names them.
import { contentText } from "@/lib/items/content-text";
import { OPTION_KEYS, type ContentByTaskType, type TaskType } from "@/lib/items/content";
import type { SectionEdits } from "@/lib/items/content-edit";
import { invisibleSummary } from "@/lib/items/invisible";
import { ReviewText } from "./ReviewText";

interface Props {
  taskType: TaskType;
  content: ContentByTaskType[TaskType];
  editing: boolean;
  edits: SectionEdits;
  onEdit: (key: string, text: string) => void;
}

export function ContentPanel({ taskType, content, editing, edits, onEdit }: Props) {
  const sections = contentText(taskType, content as never);
  const value = (key: string, text: string) => edits[key] ?? text;
  if (taskType === "mcq") {
    const mcq = content as ContentByTaskType["mcq"];
    const answer = value("answer", mcq.answer);
    return (
      <div className="space-y-3" data-testid="item-content">
        <Field label="Question" k="question" text={value("question", mcq.question)} editing={editing} onEdit={onEdit} changed={"question" in edits} />
        <ol className="space-y-1">
          {OPTION_KEYS.filter((k) => mcq.options[k] !== undefined).map((k) => (
            <li key={k} className={`flex gap-2 rounded px-2 py-1 ${answer === k ? "bg-emerald-50 ring-1 ring-emerald-200" : ""}`}>
              <span className="font-semibold">{k}.</span>
              {editing ? (
                <span className="flex flex-1 flex-col">
                  <textarea dir="auto" aria-label={`Option ${k}`} className="min-h-8 flex-1 rounded border border-slate-300 px-1 text-sm" value={value(`options.${k}`, mcq.options[k]!)} onChange={(e) => onEdit(`options.${k}`, e.target.value)} />
                  <HiddenCharacters text={value(`options.${k}`, mcq.options[k]!)} />
                </span>
              ) : (
                <ReviewText text={value(`options.${k}`, mcq.options[k]!)} />
              )}
              {answer === k && <span className="ml-auto text-xs font-medium text-emerald-700">answer</span>}
            </li>
          ))}
        </ol>
        {editing && (
          <label className="block text-sm">
            Answer key{" "}
            <select aria-label="Answer key" value={answer} onChange={(e) => onEdit("answer", e.target.value)} className="rounded border border-slate-300 px-1">
              {OPTION_KEYS.filter((k) => mcq.options[k] !== undefined).map((k) => <option key={k}>{k}</option>)}
            </select>
          </label>
        )}
        <Field label="Explanation" k="explanation" text={value("explanation", mcq.explanation)} editing={editing} onEdit={onEdit} changed={"explanation" in edits} />
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="item-content">
      {sections.map((s) => (
        <Field key={s.key} label={s.label} k={s.key} text={value(s.key, s.text)} editing={editing} onEdit={onEdit} changed={s.key in edits} />
      ))}
    </div>
  );
}

function Field({ label, k, text, editing, onEdit, changed }: { label: string; k: string; text: string; editing: boolean; onEdit: (key: string, text: string) => void; changed: boolean }) {
  return (
    <div>
      <p className="mb-0.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {label} {changed && <span className="normal-case text-amber-700">· edited</span>}
      </p>
      {editing ? (
        <>
        <textarea
          dir="auto"
          aria-label={label}
          data-section={k}
          value={text}
          onChange={(e) => onEdit(k, e.target.value)}
          className="min-h-24 w-full rounded border border-slate-300 p-2 text-sm leading-relaxed focus:border-teal-600"
          rows={Math.min(14, Math.max(3, Math.ceil(text.length / 70)))}
        />
        <HiddenCharacters text={text} />
        </>
      ) : (
        <p className="text-sm leading-relaxed"><ReviewText text={text} /></p>
      )}
    </div>
  );
}

function HiddenCharacters({ text }: { text: string }) {
  const summary = invisibleSummary(text);
  if (!summary) return null;
  return (
    <span role="note" data-testid="hidden-characters" className="mt-0.5 block rounded bg-fuchsia-50 px-1.5 py-0.5 text-xs text-fuchsia-900">
      This text holds {summary}. They are invisible in the box above; delete them there if they do not belong.
    </span>
  );
}
