import { beforeAll, describe, expect, it } from "vitest";
import { adjudicate } from "@/lib/adjudication/adjudicate";
import { AppError, ForbiddenError, ValidationError } from "@/lib/errors";
import { goldAccuracy, myGoldAccuracy } from "@/lib/gold/accuracy";
import { getGold, setGold, unsetGold } from "@/lib/gold/mark";
import { runImport } from "@/lib/import/run";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { getReviewItem, submitReview, type Actor } from "@/lib/review";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

let images: ReturnType<typeof demoFolder>;
beforeAll(() => {
  images = demoFolder();
});

async function user(role: Actor["role"], name: string): Promise<Actor> {
  const u = await db().user.create({ data: { email: `${unique(role)}@example.org`, name, role, passwordHash: "x" } });
  return { id: u.id, role };
}

async function item(levels: string[]) {
  const externalId = unique("gi-oqa");
  const file = jsonl(tempDir(), "items.jsonl", [line("open_qa", externalId, (l) => ((l.levels = levels), (l.requiredReviews = 2)))]);
  const report = await runImport({ itemsFile: file, imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  expect(report.errors).toEqual([]);
  return db().item.findUniqueOrThrow({ where: { externalId } });
}

type Level = SubmitReviewInput["levels"][number];
async function reviewAs(r: Actor, it: { id: string; currentVersionId: string | null }, decision: SubmitReviewInput["decision"], levels: Level[]) {
  await db().assignment.upsert({
    where: { itemId_userId_kind: { itemId: it.id, userId: r.id, kind: "review" } },
    create: { itemId: it.id, userId: r.id, dueAt: new Date(Date.now() + 3_600_000) },
    update: {},
  });
  const why = decision === "accept" ? {} : { reason: "wrong_level" as const, severity: "major" as const };
  return submitReview(it.id, { baseVersionId: it.currentVersionId!, decision, levels, timeSpentMs: 1000, ...why }, r);
}

const acc = (l: string): Level => ({ level: l, decision: "accept" });
const rej = (l: string): Level => ({ level: l, decision: "reject", reason: "hallucinated_finding", severity: "major" });
const move = (l: string, to: string): Level => ({ level: l, decision: "edit", correctedLevel: to });

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describe("gold items", () => {
  it("scores two reviewers on three gold items as worked out by hand; adjudications and other items do not count", async () => {
    const admin = await user("admin", "Dr Admin");
    const adjudicator = await user("adjudicator", "Prof Judge");
    const r1 = await user("reviewer", "Dr Gold One");
    const r2 = await user("reviewer", "Dr Gold Two");
    const g1 = await item(["L4/L5", "L5/S1"]);
    const g2 = await item(["L3/L4", "L4/L5"]);
    const g3 = await item(["L4/L5"]);
    const other = await item(["L4/L5"]);

    // Expected: G1 accepted as it stands; G2 rejected, its L4/L5 claim rejected; G3 kept, its claim moved to L5/S1.
    await setGold(g1.id, { decision: "accept", levels: { "L4-5": { decision: "accept" }, "L5/S1": { decision: "accept" } } }, admin);
    await setGold(g2.id, { decision: "reject", levels: { "L4/L5": { decision: "reject" } }, note: "The finding is hallucinated." }, admin);
    await setGold(g3.id, { decision: "edit", levels: { "L4/L5": { decision: "edit", correctedLevel: "l5-s1" } } }, admin);
    expect(await getGold(g3.id, admin)).toMatchObject({ decision: "edit", levels: { "L4/L5": { decision: "edit", correctedLevel: "L5/S1" } } });
    expect(await db().item.findUniqueOrThrow({ where: { id: g1.id } })).toMatchObject({ isGold: true });

    // Reviewer 1 matches everything: 3 of 3 items, 4 of 4 levels.
    await reviewAs(r1, g1, "accept", [acc("L4/L5"), acc("L5/S1")]);
    await reviewAs(r1, g2, "reject", [acc("L3/L4"), rej("L4/L5")]);
    await reviewAs(r1, g3, "edit", [move("L4/L5", "L5/S1")]);
    // Reviewer 2: G1 kept (an edit counts as accept) but L5/S1 wrongly rejected → 1 of 2 levels, item wrong;
    // G2 accepted → item and L4/L5 wrong (0 of 1); G3 moved to L5/S1 → right (1 of 1). 1 of 3 items, 2 of 4 levels.
    await reviewAs(r2, g1, "edit", [acc("L4/L5"), rej("L5/S1")]);
    const disputed = await reviewAs(r2, g2, "accept", [acc("L3/L4"), acc("L4/L5")]);
    await reviewAs(r2, g3, "edit", [move("L4/L5", "L5/S1")]);
    // Not gold: never scored.
    await reviewAs(r2, other, "reject", [rej("L4/L5")]);
    // The disputed G2 is adjudicated: an adjudication is not a reviewer's review and is not scored.
    expect(disputed.item.status).toBe("disputed");
    await adjudicate(g2.id, { baseVersionId: g2.currentVersionId!, decision: "reject", reason: "hallucinated_finding", levels: [acc("L3/L4"), rej("L4/L5")] }, adjudicator);

    const all = await goldAccuracy();
    const mine = all.filter((a) => [r1.id, r2.id, adjudicator.id].includes(a.reviewerId));
    expect(mine).toEqual([
      { reviewerId: r1.id, reviewerName: "Dr Gold One", items: 3, correct: 3, levelsCorrect: 4, levelsTotal: 4, accuracy: 1 },
      { reviewerId: r2.id, reviewerName: "Dr Gold Two", items: 3, correct: 1, levelsCorrect: 2, levelsTotal: 4, accuracy: 1 / 3 },
    ]);

    // The reviewer's own figure counts reviews before today (UTC) only, so it never moves right after a review.
    const today = await myGoldAccuracy(r2.id);
    expect(today.mine).toMatchObject({ reviewerId: r2.id, items: 0, accuracy: null });
    expect(Date.parse(today.asOf)).toBeLessThanOrEqual(Date.now());
    const tomorrow = await myGoldAccuracy(r2.id, new Date(Date.now() + 86_400_000));
    expect(tomorrow.mine).toEqual(mine[1]);
    // Someone who reviewed no gold item: null, not 0.
    const fresh = await user("reviewer", "Dr New");
    expect((await myGoldAccuracy(fresh.id)).mine).toMatchObject({ items: 0, correct: 0, accuracy: null });

    // Unmarked: the item no longer counts.
    await unsetGold(g3.id, admin);
    expect(await db().goldStandard.findUnique({ where: { itemId: g3.id } })).toBeNull();
    expect(await db().item.findUniqueOrThrow({ where: { id: g3.id } })).toMatchObject({ isGold: false });
    const [one] = await goldAccuracy({ reviewerId: r1.id });
    expect(one).toMatchObject({ items: 2, correct: 2, levelsTotal: 3 });
    const removed = await db().auditEvent.findFirstOrThrow({ where: { action: "item.gold_removed", targetId: g3.id } });
    expect(removed.before).toMatchObject({ isGold: true, decision: "edit" });
  });

  it("nothing a reviewer is sent tells a gold item apart; only admins set gold; levels must be the item's", async () => {
    const admin = await user("admin", "Dr Admin");
    const r = await user("reviewer", "Dr Blind");
    const g = await item(["L4/L5"]);
    const plain = await item(["L4/L5"]);
    await setGold(g.id, { decision: "accept", levels: { "L4/L5": { decision: "accept" } }, note: "a textbook case" }, admin);
    for (const it of [g, plain]) {
      await db().assignment.create({ data: { itemId: it.id, userId: r.id, dueAt: new Date(Date.now() + 3_600_000) } });
    }
    const seen = await getReviewItem(g.id, r);
    const unseen = await getReviewItem(plain.id, r);
    expect(seen).not.toHaveProperty("isGold");
    expect(JSON.stringify(seen)).not.toMatch(/gold|textbook case/i);
    // Same shape, field for field.
    expect(Object.keys(seen).sort()).toEqual(Object.keys(unseen).sort());

    expect(await caught(setGold(g.id, { decision: "accept", levels: {} }, r))).toBeInstanceOf(ForbiddenError);
    expect(await caught(unsetGold(g.id, r))).toBeInstanceOf(ForbiddenError);
    const audit = await db().auditEvent.count();
    const bad = await caught(setGold(g.id, { decision: "accept", levels: { "C5/C6": { decision: "accept" } } }, admin));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.message).toContain("C5/C6 is not a level of this item");
    const self = await caught(setGold(g.id, { decision: "edit", levels: { "L4/L5": { decision: "edit", correctedLevel: "L4-L5" } } }, admin));
    expect(self.message).toContain("is L4/L5 itself");
    expect(await db().auditEvent.count()).toBe(audit);
    expect(await getGold(g.id, admin)).toMatchObject({ decision: "accept", note: "a textbook case" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "item.gold", targetId: g.id } });
    expect(event.before).toEqual({ isGold: false });
    expect(event.after).toMatchObject({ isGold: true, decision: "accept", levels: { "L4/L5": { decision: "accept", correctedLevel: null } } });
  });
});
