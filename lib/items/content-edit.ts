// Applies a reviewer's edits, given per section key (the keys of contentText: "question", "options.B",
// "turns[3]", "sections.treatment.evidenceBased", "answer"), to a version's content, giving the new content.
// Keeping edits per section lets the editor, the local draft and the diff all speak the same keys.
import type { ContentByTaskType, TaskType } from "./content";

export type SectionEdits = Record<string, string>;

function setPath(target: Record<string, unknown>, path: string, value: string) {
  // "turns[3]" edits the text of a turn; dotted paths walk objects.
  const turn = /^turns\[(\d+)\]$/.exec(path);
  if (turn) {
    const turns = target.turns as { role: string; text: string }[];
    const i = Number(turn[1]);
    if (!turns[i]) throw new RangeError(`no turn ${i + 1}`);
    turns[i] = { ...turns[i], text: value };
    return;
  }
  const parts = path.split(".");
  let node = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== "object" || node[p] === null) throw new RangeError(`no field ${path}`);
    node[p] = { ...(node[p] as Record<string, unknown>) };
    node = node[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (!(last in node)) throw new RangeError(`no field ${path}`);
  node[last] = value;
}

export function applySectionEdits<T extends TaskType>(taskType: T, content: ContentByTaskType[T], edits: SectionEdits): ContentByTaskType[T] {
  const copy = JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
  for (const [key, text] of Object.entries(edits)) setPath(copy, key, text);
  return copy as ContentByTaskType[T];
}

/** Only the edits that differ from the content (an edit typed back to the original is no edit). */
export function effectiveEdits(sections: { key: string; text: string }[], edits: SectionEdits): SectionEdits {
  const original = new Map(sections.map((s) => [s.key, s.text]));
  return Object.fromEntries(Object.entries(edits).filter(([k, v]) => original.has(k) && original.get(k) !== v));
}
