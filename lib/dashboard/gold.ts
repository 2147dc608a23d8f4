import "server-only";
// Gold accuracy per reviewer as a rollup: each reviewer's latest independent review of each gold item, scored
// against the item's expectation by the lifecycle's rule (scoreAgainstGold). Rescored for one item when it is
// reviewed or its gold expectation changes.
import { scoreAgainstGold, type Decision, type GoldExpectation, type LevelVerdict } from "@/lib/review/lifecycle";
import type { SqlExec } from "./sql";

function parseJson<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

export async function rescoreGold(exec: SqlExec, itemIds: string[]): Promise<void> {
  for (const itemId of itemIds) {
    await exec.run(`DELETE FROM "DashGoldScore" WHERE "itemId" = ?`, [itemId]);
    const [gold] = await exec.all<{ decision: string; levels: unknown }>(
      `SELECT g."decision", g."levels" FROM "GoldStandard" g JOIN "Item" i ON i."id" = g."itemId" WHERE g."itemId" = ? AND i."isGold" = ${exec.provider === "postgres" ? "true" : "1"}`,
      [itemId],
    );
    if (!gold) continue;
    const expectation: GoldExpectation = { decision: gold.decision as Decision, levels: parseJson<GoldExpectation["levels"]>(gold.levels) };
    const reviews = await exec.all<{ id: string; reviewerId: string; decision: string }>(
      `SELECT r."id", r."reviewerId", CAST(r."decision" AS TEXT) AS "decision" FROM "Review" r WHERE r."itemId" = ? AND r."isAdjudication" = ${exec.provider === "postgres" ? "false" : "0"}
       ORDER BY r."submittedAt" DESC, r."id" DESC`,
      [itemId],
    );
    const seen = new Set<string>();
    for (const r of reviews) {
      if (seen.has(r.reviewerId)) continue; // newest first: the latest review counts
      seen.add(r.reviewerId);
      const levels = await exec.all<LevelVerdict & { decision: Decision }>(
        `SELECT "level", CAST("decision" AS TEXT) AS "decision", "correctedLevel" FROM "LevelDecision" WHERE "reviewId" = ?`,
        [r.id],
      );
      const score = scoreAgainstGold(expectation, { decision: r.decision as Decision, levels });
      await exec.run(`INSERT INTO "DashGoldScore" ("itemId", "reviewerId", "correct", "levelsCorrect", "levelsTotal") VALUES (?, ?, ?, ?, ?)`, [
        itemId,
        r.reviewerId,
        score.correct ? 1 : 0,
        score.levelsCorrect,
        score.levelsTotal,
      ]);
    }
  }
}
