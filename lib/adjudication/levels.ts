// An item's levels after an adjudication accepts level corrections. Pure, so it is unit-tested.
import { compareLevels, levelInfo } from "@/lib/levels";

export interface LevelRow {
  level: string;
  kind: string;
  rank: number;
  note: string | null;
}

/**
 * The item's levels once the accepted corrections are applied: a moved claim takes its note to the level it now
 * belongs to; two claims ending on one level become one level (with the note of the upper one).
 */
export function correctedLevels(current: LevelRow[], corrections: Map<string, string>): LevelRow[] {
  const out = new Map<string, LevelRow>();
  for (const l of current) {
    const to = corrections.get(l.level);
    const target: LevelRow = to ? (({ canonical, kind, rank }) => ({ level: canonical, kind, rank, note: l.note }))(levelInfo(to)) : l;
    const already = out.get(target.level);
    out.set(target.level, { ...target, note: already?.note ?? target.note });
  }
  return [...out.values()].sort((a, b) => a.rank - b.rank || compareLevels(a.level, b.level));
}
