import "server-only";
// The full recount of every rollup from the reviews and items themselves: `npm run dashboard:rebuild` (repair,
// or after bulk loads that bypass the domain functions) and the reference the integration tests compare the
// incremental counters with. Reads reviews an item range at a time; writes every counter once at the end.
import { rescoreGold } from "./gold";
import { recountItems } from "./items";
import { reviewCounters, Tally, unitCounters } from "./keys";
import { levelsOfReviews, ratingOf, REVIEW_COLUMNS, reviewFacts } from "./record";
import { addCounters, type SqlExec } from "./sql";

export const ROLLUP_TABLES = ["DashCounter", "DashItemState", "DashItemLevel", "DashGoldScore"] as const;

const ITEMS_PER_READ = 2000;

export async function rebuildRollups(exec: SqlExec, onProgress?: (items: number) => void): Promise<{ items: number; reviews: number; counters: number }> {
  for (const t of ROLLUP_TABLES) await exec.run(`DELETE FROM "${t}"`);
  await recountItems(exec, { sql: `SELECT v."id" FROM "Item" v WHERE v."stagedBatchId" IS NULL`, params: [] }, new Date().toISOString());

  const tally = new Tally();
  let after = "";
  let items = 0;
  let reviews = 0;
  for (;;) {
    const chunk = await exec.all<{ id: string; taskType: string; batch: string }>(
      `SELECT i."id", CAST(i."taskType" AS TEXT) AS "taskType", COALESCE(i."importBatchId", '') AS "batch" FROM "Item" i
       WHERE i."id" > ? AND i."stagedBatchId" IS NULL ORDER BY i."id" LIMIT ${ITEMS_PER_READ}`,
      [after],
    );
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1].id;
    const ids = chunk.map((c) => c.id);
    const rows = await exec.all<Parameters<typeof ratingOf>[0]>(
      `SELECT ${REVIEW_COLUMNS} FROM "Review" r WHERE r."itemId" IN (${ids.map(() => "?").join(", ")})`,
      ids,
    );
    const levels = await levelsOfReviews(exec, rows.map((r) => r.id));
    const ctxOf = new Map(chunk.map((c) => [c.id, { batch: c.batch, taskType: c.taskType }]));
    const byUnit = new Map<string, typeof rows>();
    for (const r of rows) {
      const facts = reviewFacts(r, ctxOf.get(r.itemId)!, levels);
      reviewCounters(facts, tally);
      if (facts.isAdjudication) continue;
      const key = `${r.itemId} ${Number(r.round)}`;
      byUnit.set(key, [...(byUnit.get(key) ?? []), r]);
    }
    for (const unit of byUnit.values()) unitCounters(unit.map((r) => ratingOf(r, levels)), ctxOf.get(unit[0].itemId)!, tally);
    items += chunk.length;
    reviews += rows.length;
    onProgress?.(items);
  }
  await addCounters(exec, tally);

  const gold = await exec.all<{ itemId: string }>(`SELECT "itemId" FROM "GoldStandard"`);
  await rescoreGold(exec, gold.map((g) => g.itemId));
  return { items, reviews, counters: tally.map.size };
}
