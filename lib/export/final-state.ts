// An exported item's final state, from its stored rows. Pure (unit-tested):
//  - the final text is the item's current version: the agreed reviewed edit or the adjudicated text, else the
//    revision the reviewers accepted (lib/review/decide-round and lib/adjudication set it);
//  - the deciding reviews are the adjudication when there is one, else the independent reviews of the last round;
//  - the levels after correction: an adjudication has already applied its accepted corrections to the item's
//    levels; a round whose agreeing reviews moved a claim (every review made the same move, or the round would be
//    disputed) has its corrections applied here, the same way (lib/adjudication/levels);
//  - the levels a reviewer placed (for grounding): those the deciding reviews accepted where they stand, and the
//    targets of their corrections. A rejected or merely edited level is not a confirmed position.
//  - the LLM version the reviewer corrected (for preference pairs): the last draft or revision before the final
//    version, when the final version is a reviewer's or adjudicator's text.
import { correctedLevels, type LevelRow } from "@/lib/adjudication/levels";
import { compareLevels } from "@/lib/levels";
import type { Decision } from "@/lib/review/lifecycle";

export interface StoredVersion {
  id: string;
  number: number;
  kind: "draft" | "revision" | "reviewed" | "adjudicated";
  content: unknown;
}

export interface StoredLevelDecision {
  level: string;
  decision: Decision;
  correctedLevel: string | null;
  reason: string | null;
  severity: string | null;
}

export interface StoredReview {
  id: string;
  isAdjudication: boolean;
  round: number;
  decision: Decision;
  reason: string | null;
  severity: string | null;
  rubric: unknown;
  submittedAt: Date;
  levels: StoredLevelDecision[];
}

export interface StoredItemState {
  round: number;
  currentVersionId: string | null;
  levels: LevelRow[];
  versions: StoredVersion[];
  reviews: StoredReview[];
}

export interface FinalState<V extends StoredVersion = StoredVersion, R extends StoredReview = StoredReview> {
  final: V;
  /** The LLM text a reviewer corrected, when the final text is an edit. */
  llm: V | null;
  deciding: R[];
  levelsBefore: string[];
  levelsAfter: LevelRow[];
  /** Levels whose position a reviewer confirmed or corrected (canonical, cranio-caudal order). */
  placedLevels: string[];
  /** The newest decision of the item (the snapshot's data time is the newest of these). */
  decidedAt: Date | null;
}

const byRank = (a: LevelRow, b: LevelRow) => a.rank - b.rank || compareLevels(a.level, b.level);

export function finalState<V extends StoredVersion, R extends StoredReview>(item: Omit<StoredItemState, "versions" | "reviews"> & { versions: V[]; reviews: R[] }): FinalState<V, R> {
  const versions = [...item.versions].sort((a, b) => a.number - b.number);
  const final = versions.find((v) => v.id === item.currentVersionId) ?? versions[versions.length - 1];
  if (!final) throw new RangeError("an item without versions cannot be exported");

  const adjudication = [...item.reviews].reverse().find((r) => r.isAdjudication && r.round === item.round);
  const deciding = adjudication ? [adjudication] : item.reviews.filter((r) => !r.isAdjudication && r.round === item.round);

  const current = [...item.levels].sort(byRank);
  let levelsBefore: string[];
  let levelsAfter: LevelRow[];
  if (adjudication) {
    // The adjudication decided every level as it stood before; the item's levels are already the corrected ones.
    levelsBefore = adjudication.levels.length ? [...new Set(adjudication.levels.map((l) => l.level))].sort(compareLevels) : current.map((l) => l.level);
    levelsAfter = current;
  } else {
    levelsBefore = current.map((l) => l.level);
    const accepted = deciding.length > 0 && deciding.every((r) => r.decision !== "reject");
    const corrections = new Map<string, string>();
    if (accepted) for (const r of deciding) for (const l of r.levels) if (l.correctedLevel && l.decision !== "reject") corrections.set(l.level, l.correctedLevel);
    levelsAfter = corrections.size ? correctedLevels(current, corrections) : current;
  }

  const placed = new Set<string>();
  const rejectedItem = deciding.length > 0 && deciding.every((r) => r.decision === "reject");
  if (!rejectedItem) {
    for (const r of deciding) {
      for (const l of r.levels) {
        if (l.correctedLevel && l.decision !== "reject") placed.add(l.correctedLevel);
        else if (l.decision === "accept") placed.add(l.level);
      }
    }
  }
  // A placed level is one of the item's final levels (a confirmed level that a correction moved away is not).
  const after = new Set(levelsAfter.map((l) => l.level));
  const placedLevels = [...placed].filter((l) => after.has(l)).sort(compareLevels);

  let llm: V | null = null;
  if (final.kind === "reviewed" || final.kind === "adjudicated") {
    llm = [...versions].reverse().find((v) => v.number < final.number && (v.kind === "revision" || v.kind === "draft")) ?? null;
  }

  let decidedAt: Date | null = null;
  for (const r of item.reviews) if (!decidedAt || r.submittedAt > decidedAt) decidedAt = r.submittedAt;

  return { final, llm, deciding, levelsBefore, levelsAfter, placedLevels, decidedAt };
}

/** The reason and severity of a rejection (for KTO negatives): the first deciding review that rejected. */
export function rejectionReason(deciding: StoredReview[]): { reason: string | null; severity: string | null } {
  const r = deciding.find((x) => x.decision === "reject");
  return { reason: r?.reason ?? null, severity: r?.severity ?? null };
}

/** The rubric scores of the deciding reviews, averaged per dimension (null when none scored the report). */
export function finalRubric(deciding: StoredReview[]): Record<string, number> | null {
  const sums = new Map<string, { total: number; n: number }>();
  for (const r of deciding) {
    if (!r.rubric || typeof r.rubric !== "object") continue;
    for (const [k, v] of Object.entries(r.rubric as Record<string, unknown>)) {
      if (typeof v !== "number") continue;
      const s = sums.get(k) ?? { total: 0, n: 0 };
      s.total += v;
      s.n += 1;
      sums.set(k, s);
    }
  }
  if (sums.size === 0) return null;
  return Object.fromEntries([...sums.keys()].sort().map((k) => [k, +(sums.get(k)!.total / sums.get(k)!.n).toFixed(3)]));
}
