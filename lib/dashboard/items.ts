import "server-only";
// Completion counters (items by status per task type, level, modality, source type, subfield, language and
// import batch) and the adjudication backlog (disputed items by the day they became disputed), kept as
// "what each item last contributed" (DashItemState, DashItemLevel): a change subtracts the item's old
// contribution and adds its new one, set-based, for one item or for a whole import batch.
import { ADD_ON_CONFLICT, COUNTER_COLUMNS, type SqlExec } from "./sql";

/** A subquery naming the items to recount, with its parameters. */
export interface ItemSet {
  sql: string;
  params: unknown[];
}

/** Completion dimensions with one value per item (the level dimension comes from DashItemLevel). */
export const ITEM_DIMENSIONS = ["taskType", "modality", "sourceType", "subfield", "language", "batch"] as const;
export type CompletionDimension = (typeof ITEM_DIMENSIONS)[number] | "level";

// Rows are upserted in key order, the order every other writer of these counters uses, so two concurrent
// transactions on PostgreSQL wait for each other instead of deadlocking. The set and its state rows are read once
// (CTEs) and grouped once by every dimension together; each dimension's counts are sums over those groups. For an
// import's 50,000 items that is one pass and a small sort, not one scan and a large sort per dimension.
/** The statement that adds (sign 1) or takes out (sign -1) the contribution of a set of items to the counters. */
export function contributionSql(set: ItemSet, sign: 1 | -1): string {
  const ids = /^\s*select\b/i.test(set.sql) ? set.sql : `SELECT ${set.sql}`;
  const dims = ITEM_DIMENSIONS.map((d) => `s."${d}"`).join(", ");
  const parts = ITEM_DIMENSIONS.map((dim) => `SELECT 'items' AS "metric", '${dim}' AS "scope", g."batch", g."taskType", g."${dim}" AS "k1", g."status" AS "k2", g."n" FROM "g" g`);
  // CROSS JOIN keeps the recounted items as the outer loop on SQLite, whose planner otherwise may scan every row of
  // DashItemLevel against an automatic index on the (usually one-item) set: 2 ms a save at 20,000 items, against
  // 0.02 ms. PostgreSQL plans CROSS JOIN … WHERE as the inner join it is.
  parts.push(`SELECT 'items', 'level', s."batch", s."taskType", l."level", s."status", COUNT(*) FROM "st" s CROSS JOIN "DashItemLevel" l WHERE l."itemId" = s."itemId" GROUP BY s."batch", s."taskType", l."level", s."status"`);
  parts.push(`SELECT 'backlog', '', s."batch", s."taskType", substr(s."since", 1, 10), '', COUNT(*) FROM "st" s WHERE s."status" = 'disputed' GROUP BY s."batch", s."taskType", substr(s."since", 1, 10)`);
  return `WITH "ids" ("id") AS MATERIALIZED (${ids}),
       "st" AS MATERIALIZED (SELECT d.* FROM "DashItemState" d WHERE d."itemId" IN (SELECT "id" FROM "ids")),
       "g" AS MATERIALIZED (SELECT ${dims}, s."status", COUNT(*) AS "n" FROM "st" s GROUP BY ${dims}, s."status")
     INSERT INTO "DashCounter" (${COUNTER_COLUMNS}, "n")
     SELECT x."metric", x."scope", '', x."batch", x."taskType", x."k1", x."k2", '', ${sign} * SUM(x."n") FROM (${parts.join(" UNION ALL ")}) x
     WHERE 1 = 1 GROUP BY x."metric", x."scope", x."batch", x."taskType", x."k1", x."k2"
     ORDER BY x."metric", x."scope", x."batch", x."taskType", x."k1", x."k2" ${ADD_ON_CONFLICT}`;
}

async function applyContribution(exec: SqlExec, set: ItemSet, sign: 1 | -1): Promise<void> {
  await exec.run(contributionSql(set, sign), set.params);
}

/**
 * Recounts the given (visible) items: old contribution out, state replaced from Item and ItemLevel, new
 * contribution in. `now` (ISO time) becomes the status's start for items whose status changed.
 */
export async function recountItems(exec: SqlExec, set: ItemSet, now: string): Promise<void> {
  await applyContribution(exec, set, -1);
  await exec.run(
    `INSERT INTO "DashItemState" ("itemId", "status", "since", "taskType", "batch", "modality", "sourceType", "subfield", "language")
     SELECT i."id", CAST(i."status" AS TEXT), ?, CAST(i."taskType" AS TEXT), COALESCE(i."importBatchId", ''), COALESCE(i."modality", ''), i."sourceType", i."subfield", i."language"
     FROM "Item" i WHERE i."id" IN (${set.sql})
     ON CONFLICT ("itemId") DO UPDATE SET
       "since" = CASE WHEN "DashItemState"."status" = excluded."status" THEN "DashItemState"."since" ELSE excluded."since" END,
       "status" = excluded."status", "taskType" = excluded."taskType", "batch" = excluded."batch", "modality" = excluded."modality",
       "sourceType" = excluded."sourceType", "subfield" = excluded."subfield", "language" = excluded."language"`,
    [now, ...set.params],
  );
  await exec.run(`DELETE FROM "DashItemLevel" WHERE "itemId" IN (${set.sql})`, set.params);
  await exec.run(`INSERT INTO "DashItemLevel" ("itemId", "level") SELECT l."itemId", l."level" FROM "ItemLevel" l WHERE l."itemId" IN (${set.sql}) ON CONFLICT DO NOTHING`, set.params);
  await applyContribution(exec, set, 1);
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * Recounts one item only when what the counters know of it differs from the item now (most saves change nothing
 * the completion counters see: a first review of two moves the item to in review, the second decides it).
 */
export async function recountItemIfChanged(exec: SqlExec, itemId: string, now: string): Promise<void> {
  const [item] = await exec.all<Record<string, unknown>>(
    `SELECT CAST(i."status" AS TEXT) AS "status", CAST(i."taskType" AS TEXT) AS "taskType", COALESCE(i."importBatchId", '') AS "batch", COALESCE(i."modality", '') AS "modality",
            i."sourceType", i."subfield", i."language", (SELECT COUNT(*) FROM "ItemLevel" l WHERE l."itemId" = i."id") AS "levels",
            (SELECT COUNT(*) FROM "ItemLevel" l JOIN "DashItemLevel" d ON d."itemId" = l."itemId" AND d."level" = l."level" WHERE l."itemId" = i."id") AS "sameLevels",
            (SELECT COUNT(*) FROM "DashItemLevel" d WHERE d."itemId" = i."id") AS "knownLevels"
     FROM "Item" i WHERE i."id" = ? AND i."stagedBatchId" IS NULL`,
    [itemId],
  );
  if (!item) return;
  const [state] = await exec.all<Record<string, unknown>>(`SELECT * FROM "DashItemState" WHERE "itemId" = ?`, [itemId]);
  const same =
    state &&
    ["status", "taskType", "batch", "modality", "sourceType", "subfield", "language"].every((k) => String(state[k]) === String(item[k])) &&
    num(item.levels) === num(item.sameLevels) &&
    num(item.levels) === num(item.knownLevels);
  if (!same) await recountItems(exec, { sql: "?", params: [itemId] }, now);
}
