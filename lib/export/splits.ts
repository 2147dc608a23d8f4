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

const rank = (seed: string, key: string) => createHash("sha256").update(`${seed}\u0000${key}`).digest();

/** A typed array twice as long, with the old values. */
function grown<T extends Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The splits of many items, gathered one item at a time in compact form: per item its id and the index of its
 * group, per group its size and task types. A 450,000-item snapshot needs a few tens of MB here, where a map of
 * item objects would need several times that.
 */
export class SplitPlanner {
  private readonly ids: string[] = [];
  private itemGroup = new Int32Array(1024);
  private readonly groupIndex = new Map<string, number>();
  private readonly groupKeys: string[] = [];
  private groupSize = new Int32Array(1024);
  /** The first task type of each group (an index into tasks); groups of several types also have mixed counts. */
  private groupTask = new Int32Array(1024);
  private readonly mixed = new Map<number, Map<string, number>>();
  private readonly tasks: string[] = [];
  private readonly taskIndex = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  add(i: SplitInput): void {
    const key = groupKey(i);
    let g = this.groupIndex.get(key);
    let t = this.taskIndex.get(i.taskType);
    if (t === undefined) {
      t = this.tasks.push(i.taskType) - 1;
      this.taskIndex.set(i.taskType, t);
    }
    if (g === undefined) {
      g = this.groupKeys.push(key) - 1;
      this.groupIndex.set(key, g);
      if (g >= this.groupSize.length) {
        this.groupSize = grown(this.groupSize);
        this.groupTask = grown(this.groupTask);
      }
      this.groupTask[g] = t;
    } else if (this.groupTask[g] !== t || this.mixed.has(g)) {
      let counts = this.mixed.get(g);
      if (!counts) this.mixed.set(g, (counts = new Map([[this.tasks[this.groupTask[g]], this.groupSize[g]]])));
      counts.set(i.taskType, (counts.get(i.taskType) ?? 0) + 1);
    }
    this.groupSize[g]++;
    const n = this.ids.push(i.id) - 1;
    if (n >= this.itemGroup.length) this.itemGroup = grown(this.itemGroup);
    this.itemGroup[n] = g;
  }

  /** The ids in sorted order, with the split of each (an index into SPLITS). */
  assign(ratios: SplitRatios = DEFAULT_RATIOS, seed = "spinemed"): { ids: string[]; splits: Uint8Array } {
    const problem = validateRatios(ratios);
    if (problem) throw new RangeError(problem);
    const groups = this.groupKeys.length;
    // Each group is stratified under its most frequent task type (ties by name).
    const strata = new Map<string, number[]>();
    for (let g = 0; g < groups; g++) {
      const counts = this.mixed.get(g);
      const stratum = counts ? [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0] : this.tasks[this.groupTask[g]];
      const list = strata.get(stratum);
      if (list) list.push(g);
      else strata.set(stratum, [g]);
    }
    // The order of groups within a stratum: their seeded hash (the first 48 bits, then the whole digest on a tie).
    const head = new Float64Array(groups);
    for (let g = 0; g < groups; g++) head[g] = rank(seed, this.groupKeys[g]).readUIntBE(0, 6);
    const byRank = (a: number, b: number) => head[a] - head[b] || Buffer.compare(rank(seed, this.groupKeys[a]), rank(seed, this.groupKeys[b])) || (a < b ? -1 : 1);

    const groupSplit = new Uint8Array(groups);
    for (const stratum of [...strata.keys()].sort()) {
      const list = strata.get(stratum)!.sort(byRank);
      let total = 0;
      for (const g of list) total += this.groupSize[g];
      const filled = [0, 0, 0];
      for (const g of list) {
        // The split furthest below its target share takes the group (largest deficit after adding it the least).
        let best = 0;
        let bestDeficit = -Infinity;
        SPLITS.forEach((s, k) => {
          if (ratios[s] === 0) return;
          const deficit = ratios[s] * total - filled[k];
          if (deficit > bestDeficit + 1e-9) {
            best = k;
            bestDeficit = deficit;
          }
        });
        filled[best] += this.groupSize[g];
        groupSplit[g] = best;
      }
    }
    const order = Array.from({ length: this.ids.length }, (_, k) => k).sort((a, b) => (this.ids[a] < this.ids[b] ? -1 : this.ids[a] > this.ids[b] ? 1 : 0));
    const ids = order.map((k) => this.ids[k]);
    const splits = new Uint8Array(order.length);
    order.forEach((k, j) => (splits[j] = groupSplit[this.itemGroup[k]]));
    return { ids, splits };
  }
}

export function assignSplits(items: SplitInput[], ratios: SplitRatios = DEFAULT_RATIOS, seed = "spinemed"): Map<string, Split> {
  const planner = new SplitPlanner();
  for (const i of items) planner.add(i);
  const { ids, splits } = planner.assign(ratios, seed);
  return new Map(ids.map((id, k) => [id, SPLITS[splits[k]]]));
}
