// Scoring a model's MCQ answers on a snapshot's SpineBench-style evaluation set (npm run eval:score).
import { compareLevels } from "@/lib/levels";
import { readMcqs, readPredictions } from "./files";
import { scoreMcqs, type Score } from "./score";

export { EvalInputError } from "./files";
export { scoreTable } from "./table";
export type { Score } from "./score";

export async function scoreSnapshot(snapshotDir: string, predictionsFile: string): Promise<Score> {
  const questions = await readMcqs(snapshotDir);
  const { predictions, duplicates } = await readPredictions(predictionsFile);
  // Levels in spinal order (C1 … S1), the way a clinician reads a per-level table.
  return scoreMcqs(questions, predictions, { duplicateIds: duplicates.length, levelOrder: (a, b) => compareLevels(a, b) });
}
