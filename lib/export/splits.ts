// Train / validation / test splits, cut by ratio with a seed and grouped by case: every item of a case (a patient)
// lands on the same side, so no patient is on two sides. Items without a case are grouped by their source
// reference (a textbook figure, a dataset id). Groups are stratified by task type where possible: each task type's
// groups are shared out on their own, so every split gets its share of MCQs, reports, … Pure and deterministic:
// the same items, ratios and seed give the same splits, whatever order the items come in.
import { createHash } from "node:crypto";
import { DEFAULT_RATIOS, SPLITS, validateRatios, type Split, type SplitRatios } from "./split-ratios";

export { DEFAULT_RATIOS, SPLITS, validateRatios, type Split, type SplitRatios } from "./split-ratios";

export interface SplitInput {
  id: string;
  caseId: string | null;
  sourceReference: string;
  taskType: string;
}

/** The key that keeps items together: the case, else the source reference. */
export function groupKey(i: Pick<SplitInput, "caseId" | "sourceReference">): string {
  return i.caseId ? `case:${i.caseId}` : `source:${i.sourceReference}`;
}

const rank = (seed: string, key: string) => createHash("sha256").update(`${seed}\u0000${key}`).digest("hex");

export function assignSplits(items: SplitInput[], ratios: SplitRatios = DEFAULT_RATIOS, seed = "spinemed"): Map<string, Split> {
  const problem = validateRatios(ratios);
  if (problem) throw new RangeError(problem);
  // Groups, and the task type each group is stratified under (its most frequent; ties by name).
  const groups = new Map<string, SplitInput[]>();
  for (const i of items) {
    const k = groupKey(i);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const strata = new Map<string, { key: string; size: number }[]>();
  for (const [key, members] of groups) {
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.taskType, (counts.get(m.taskType) ?? 0) + 1);
    const stratum = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const list = strata.get(stratum) ?? [];
    list.push({ key, size: members.length });
    strata.set(stratum, list);
  }

  const out = new Map<string, Split>();
  for (const stratum of [...strata.keys()].sort()) {
    const list = strata.get(stratum)!.sort((a, b) => (rank(seed, a.key) < rank(seed, b.key) ? -1 : 1));
    const total = list.reduce((n, g) => n + g.size, 0);
    const filled: Record<Split, number> = { train: 0, validation: 0, test: 0 };
    for (const g of list) {
      // The split furthest below its target share takes the group (largest deficit after adding it the least).
      let best: Split = "train";
      let bestDeficit = -Infinity;
      for (const s of SPLITS) {
        if (ratios[s] === 0) continue;
        const deficit = ratios[s] * total - filled[s];
        if (deficit > bestDeficit + 1e-9) {
          best = s;
          bestDeficit = deficit;
        }
      }
      filled[best] += g.size;
      for (const m of groups.get(g.key)!) out.set(m.id, best);
    }
  }
  return out;
}
