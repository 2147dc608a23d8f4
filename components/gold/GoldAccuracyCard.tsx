// "Your gold accuracy" on My queue. Counted over reviews before today (UTC) and shown only from a few gold items
// on, so neither the figure nor its appearance ever tells a reviewer which item they just reviewed was gold.
import { MIN_GOLD_ITEMS_SHOWN, myGoldAccuracy } from "@/lib/gold/accuracy";

export async function GoldAccuracyCard({ userId }: { userId: string }) {
  const { mine, asOf } = await myGoldAccuracy(userId);
  if (mine.items < MIN_GOLD_ITEMS_SHOWN || mine.accuracy === null) return null;
  return (
    <div className="mb-4 inline-flex items-baseline gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm" data-testid="gold-accuracy-card">
      <span className="font-medium text-amber-900">Your gold accuracy</span>
      <span className="text-lg font-semibold tabular-nums text-amber-900">{Math.round(mine.accuracy * 100)}%</span>
      <span className="text-amber-800">levels {mine.levelsTotal ? Math.round((mine.levelsCorrect / mine.levelsTotal) * 100) : 0}% · until {asOf.slice(0, 10)}</span>
    </div>
  );
}
