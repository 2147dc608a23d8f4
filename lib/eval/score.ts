// MCQ scoring: accuracy overall and by format, level, subfield and language. A question without a prediction,
// or whose answer names no option letter, counts as wrong (accuracy is over all questions, so leaving questions
// out cannot raise a score); how many there were is reported beside it.
import type { Mcq, Prediction } from "./files";
import { extractLetter } from "./letters";

export interface Cell {
  questions: number;
  correct: number;
  /** correct / questions, rounded to four decimals; null for an empty group. */
  accuracy: number | null;
}

export interface Score {
  overall: Cell & { answered: number; unparsed: number; missing: number };
  byFormat: Record<string, Cell>;
  byLevel: Record<string, Cell>;
  bySubfield: Record<string, Cell>;
  byLanguage: Record<string, Cell>;
  /** Predictions whose id is no question of the snapshot. */
  unknownIds: number;
  /** Ids answered more than once (the first answer counted). */
  duplicateIds: number;
}

export const NONE = "(none)";

const rate = (correct: number, questions: number) => (questions === 0 ? null : Math.round((correct / questions) * 10_000) / 10_000);

function add(groups: Map<string, { questions: number; correct: number }>, key: string, ok: boolean) {
  const g = groups.get(key) ?? { questions: 0, correct: 0 };
  g.questions++;
  if (ok) g.correct++;
  groups.set(key, g);
}

function cells(groups: Map<string, { questions: number; correct: number }>, order?: (a: string, b: string) => number): Record<string, Cell> {
  const keys = [...groups.keys()].sort(order ?? ((a, b) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b))));
  return Object.fromEntries(keys.map((k) => [k, { ...groups.get(k)!, accuracy: rate(groups.get(k)!.correct, groups.get(k)!.questions) }]));
}

export function scoreMcqs(
  questions: Mcq[],
  predictions: Prediction[],
  opts: { duplicateIds?: number; levelOrder?: (a: string, b: string) => number } = {},
): Score {
  const answers = new Map(predictions.map((p) => [p.id, p.answer]));
  const byFormat = new Map<string, { questions: number; correct: number }>();
  const byLevel = new Map<string, { questions: number; correct: number }>();
  const bySubfield = new Map<string, { questions: number; correct: number }>();
  const byLanguage = new Map<string, { questions: number; correct: number }>();
  let correct = 0;
  let answered = 0;
  let unparsed = 0;
  let missing = 0;
  const ids = new Set<string>();
  for (const q of questions) {
    ids.add(q.id);
    const given = answers.get(q.id);
    let ok = false;
    if (given === undefined || given === null || given.trim() === "") {
      missing++;
    } else {
      answered++;
      const letter = extractLetter(given, q.options);
      if (letter === null) unparsed++;
      ok = letter === q.answer;
    }
    if (ok) correct++;
    add(byFormat, q.format, ok);
    for (const level of q.levels.length ? [...new Set(q.levels)] : [NONE]) add(byLevel, level, ok);
    add(bySubfield, q.subfield ?? NONE, ok);
    add(byLanguage, q.language, ok);
  }
  return {
    overall: { questions: questions.length, correct, accuracy: rate(correct, questions.length), answered, unparsed, missing },
    byFormat: cells(byFormat),
    byLevel: cells(byLevel, opts.levelOrder ? (a, b) => (a === NONE ? 1 : b === NONE ? -1 : opts.levelOrder!(a, b)) : undefined),
    bySubfield: cells(bySubfield),
    byLanguage: cells(byLanguage),
    unknownIds: predictions.filter((p) => !ids.has(p.id)).length,
    duplicateIds: opts.duplicateIds ?? 0,
  };
}
