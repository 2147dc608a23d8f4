// The dashboard's rollups, kept up to date in each decision's transaction, equal a full recount after a random
// (seeded) campaign driven through the real domain functions: imports and re-imports, reviews, adjudications,
// send-backs and gold changes. Checked at several points of the sequence, and against plain counts of the
// database's own tables.
import { beforeAll, describe, expect, it } from "vitest";
import { adjudicate } from "@/lib/adjudication/adjudicate";
import { rebuildRollups } from "@/lib/dashboard/rebuild";
import { fromPrisma } from "@/lib/dashboard/sql";
import { setGold } from "@/lib/gold/mark";
import { runImport } from "@/lib/import/run";
import { seededRandom } from "@/lib/random";
import { submitReview, type Actor } from "@/lib/review";
import { RUBRIC_DIMENSIONS } from "@/lib/review/rubric";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { sendBack } from "@/lib/review/send-back";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();
let images: ReturnType<typeof demoFolder>;
beforeAll(() => {
  images = demoFolder();
});

const TASKS = ["mcq", "report", "open_qa", "consultation"] as const;
const LEVEL_SETS = [["L4/L5"], ["L4/L5", "L5/S1"], ["C5/C6"], ["L3/L4", "L4/L5"]];

async function user(role: Actor["role"]): Promise<Actor> {
  const u = await db().user.create({ data: { email: `${unique(role)}@example.org`, name: `Dr ${role}`, role, passwordHash: "x" } });
  return { id: u.id, role };
}

/** Every rollup row that carries a count, as sorted text (zero counters are the same as none). */
async function rollupSnapshot() {
  const counters = await db().dashCounter.findMany({ where: { n: { not: 0 } } });
  const state = await db().dashItemState.findMany();
  const levels = await db().dashItemLevel.findMany();
  const gold = await db().dashGoldScore.findMany();
  const text = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
  // `since` is when the item entered its status: a recount cannot know it, so it is compared by day only
  // where the backlog needs it (the backlog counters), not per row.
  return {
    counters: text(counters),
    state: text(state.map(({ since: _since, ...rest }) => rest)),
    levels: text(levels),
    gold: text(gold),
  };
}

async function expectEqualToRecount() {
  const incremental = await rollupSnapshot();
  await db().$transaction((tx) => rebuildRollups(fromPrisma(tx)), { timeout: 150_000 });
  const recount = await rollupSnapshot();
  expect(incremental.counters.length).toBeGreaterThan(0);
  expect(incremental.state).toEqual(recount.state);
  expect(incremental.levels).toEqual(recount.levels);
  expect(incremental.gold).toEqual(recount.gold);
  // The backlog is keyed by the day an item became disputed, which a recount sets to today: compare the rest exactly
  // and the backlog by its totals.
  const notBacklog = (rows: string[]) => rows.filter((r) => !r.includes('"metric":"backlog"'));
  expect(notBacklog(incremental.counters)).toEqual(notBacklog(recount.counters));
  const backlogTotal = (rows: string[]) => rows.filter((r) => r.includes('"metric":"backlog"')).reduce((s, r) => s + JSON.parse(r).n, 0);
  expect(backlogTotal(incremental.counters)).toBe(backlogTotal(recount.counters));
}

/** Plain counts from the domain tables, independent of the rollup code. */
async function expectMatchesTables(batchIds: string[]) {
  const items = await db().item.groupBy({ by: ["taskType", "status"], where: { stagedBatchId: null, importBatchId: { in: batchIds } }, _count: { _all: true } });
  const counters = await db().dashCounter.findMany({ where: { metric: "items", scope: "taskType", batch: { in: batchIds }, n: { not: 0 } } });
  const sum = (t: string, s: string) => counters.filter((c) => c.k1 === t && c.k2 === s).reduce((a, c) => a + c.n, 0);
  for (const g of items) expect(sum(g.taskType, g.status)).toBe(g._count._all);
  expect(counters.reduce((a, c) => a + c.n, 0)).toBe(items.reduce((a, g) => a + g._count._all, 0));
  const reviews = await db().review.groupBy({ by: ["reviewerId"], where: { item: { importBatchId: { in: batchIds } } }, _count: { _all: true } });
  const rc = await db().dashCounter.findMany({ where: { metric: "reviews", batch: { in: batchIds } } });
  for (const g of reviews) expect(rc.filter((c) => c.k1 === g.reviewerId).reduce((a, c) => a + c.n, 0)).toBe(g._count._all);
  const disputed = await db().item.count({ where: { status: "disputed", importBatchId: { in: batchIds } } });
  const backlog = await db().dashCounter.findMany({ where: { metric: "backlog", batch: { in: batchIds } } });
  expect(backlog.reduce((a, c) => a + c.n, 0)).toBe(disputed);
}

describe("dashboard rollups", () => {
  it("equal a full recount after a random campaign of reviews, adjudications, send-backs, gold changes and re-imports", async () => {
    const rand = seededRandom(20261201);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    // Other test files of the suite write fixtures straight into the tables (an item set approved by hand, say),
    // past the domain functions: start from a full recount, so what follows tests the incremental updates alone.
    await db().$transaction((tx) => rebuildRollups(fromPrisma(tx)), { timeout: 150_000 });
    const reviewers = [await user("reviewer"), await user("reviewer"), await user("reviewer"), await user("reviewer")];
    const adjudicator = await user("adjudicator");
    const admin = await user("admin");
    const prefix = unique("ru");
    const ids = Array.from({ length: 10 }, (_, i) => `${prefix}-${i}`);
    const makeLine = (i: number, text: string) =>
      line(TASKS[i % 4], ids[i], (l) => {
        l.levels = LEVEL_SETS[i % LEVEL_SETS.length];
        l.requiredReviews = i % 3 === 0 ? 3 : 2;
        if (l.draft.content.question) l.draft.content.question += ` ${text}`;
        if (l.draft.content.sections) l.draft.content.sections.findings += ` ${text}`;
        if (l.draft.content.turns) l.draft.content.turns[0].text += ` ${text}`;
        delete l.revision;
      });
    const batchIds: string[] = [];
    const importLines = async (lines: Record<string, unknown>[]) => {
      const report = await runImport({ itemsFile: jsonl(tempDir(), "items.jsonl", lines), imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: admin.id });
      expect(report.errors).toEqual([]);
      if (report.batchId) batchIds.push(report.batchId);
    };
    await importLines(ids.map((_, i) => makeLine(i, "v1")));
    await expectEqualToRecount();

    const actions = { review: 0, adjudicate: 0, sendBack: 0, reimport: 0, gold: 0 };
    for (let step = 0; step < 70; step++) {
      const r = rand();
      const items = await db().item.findMany({ where: { externalId: { in: ids } }, include: { levels: true }, orderBy: { externalId: "asc" } });
      if (r < 0.62) {
        const open = items.filter((it) => it.status === "pending" || it.status === "in_review");
        if (!open.length) continue;
        const it = pick(open);
        const done = new Set((await db().review.findMany({ where: { itemId: it.id, round: it.round, isAdjudication: false } })).map((x) => x.reviewerId));
        const free = reviewers.filter((u) => !done.has(u.id));
        if (!free.length) continue;
        const who = pick(free);
        await db().assignment.upsert({
          where: { itemId_userId_kind: { itemId: it.id, userId: who.id, kind: "review" } },
          create: { itemId: it.id, userId: who.id, dueAt: new Date(Date.now() + 86_400_000), round: it.round },
          update: { status: "assigned", round: it.round, completedAt: null },
        });
        const kind = rand();
        const levels = it.levels.map((l) => ({ level: l.level, decision: "accept" as const }));
        let input: SubmitReviewInput = { baseVersionId: it.currentVersionId!, decision: "accept", levels, timeSpentMs: Math.floor(rand() * 400_000) };
        if (kind < 0.25) {
          const others = ["L2/L3", "L5/S1", "C6/C7"].filter((x) => !it.levels.some((l) => l.level === x));
          input = { ...input, decision: "edit", reason: "wrong_level", severity: "major", levels: [{ level: it.levels[0].level, decision: "edit", correctedLevel: pick(others) }, ...levels.slice(1)] };
        } else if (kind < 0.45) {
          input = { ...input, decision: "reject", reason: pick(["hallucinated_finding", "duplicate", "poor_language"]), severity: pick(["minor", "major", "clinically_dangerous"]) };
        }
        if (it.taskType === "report") input.rubric = Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d, 1 + Math.floor(rand() * 5)]));
        await submitReview(it.id, input, who);
        actions.review++;
      } else if (r < 0.74) {
        const disputed = items.filter((it) => it.status === "disputed");
        if (!disputed.length) continue;
        const it = pick(disputed);
        const reject = rand() < 0.4;
        await adjudicate(it.id, { baseVersionId: it.currentVersionId!, decision: reject ? "reject" : "accept", reason: "settled", levels: it.levels.map((l) => ({ level: l.level, decision: "accept" })) }, adjudicator);
        actions.adjudicate++;
      } else if (r < 0.84) {
        const decided = items.filter((it) => ["approved", "rejected", "adjudicated", "disputed"].includes(it.status));
        if (!decided.length) continue;
        await sendBack(pick(decided).id, { note: "Look again at the level." }, admin);
        actions.sendBack++;
      } else if (r < 0.92) {
        const it = pick(items);
        await setGold(it.id, { decision: pick(["accept", "reject"]), levels: Object.fromEntries(it.levels.map((l) => [l.level, { decision: "accept" }])) }, admin);
        actions.gold++;
      } else {
        // Some items get new text (a new round on reviewed ones), others are unchanged; one new item joins.
        const next = `${prefix}-${ids.length}`;
        ids.push(next);
        await importLines([...ids.slice(0, -1).map((_, i) => makeLine(i, rand() < 0.5 ? `v${step}` : "v1")), makeLine(ids.length - 1, "v1")]);
        actions.reimport++;
      }
      if (step % 20 === 19) await expectEqualToRecount();
    }
    await expectEqualToRecount();
    await expectMatchesTables(batchIds);
    // The sequence exercised every kind of decision.
    expect(actions.review).toBeGreaterThan(20);
    for (const k of ["adjudicate", "sendBack", "reimport", "gold"] as const) expect(actions[k]).toBeGreaterThan(0);
    expect(await db().dashCounter.count({ where: { metric: "pair", n: { gt: 0 } } })).toBeGreaterThan(0);
    expect(await db().dashCounter.count({ where: { metric: "levelfix", n: { gt: 0 } } })).toBeGreaterThan(0);
  }, 240_000); // a seeded campaign of many steps and two full recounts: minutes on a busy machine, not a timing test
});
