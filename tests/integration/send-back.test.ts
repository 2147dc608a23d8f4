import { beforeAll, describe, expect, it } from "vitest";
import { adjudicate } from "@/lib/adjudication/adjudicate";
import { AppError, ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { runImport } from "@/lib/import/run";
import { DEFAULT_DUE_DAYS } from "@/lib/review/lifecycle";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { sendBack } from "@/lib/review/send-back";
import { getReviewItem, submitReview, type Actor } from "@/lib/review";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

let images: ReturnType<typeof demoFolder>;
beforeAll(() => {
  images = demoFolder();
});

async function user(role: Actor["role"]): Promise<Actor> {
  const u = await db().user.create({ data: { email: `${unique(role)}@example.org`, name: `Dr ${role}`, role, passwordHash: "x" } });
  return { id: u.id, role };
}

async function item(requiredReviews: number) {
  const externalId = unique("sb-mcq");
  const file = jsonl(tempDir(), "items.jsonl", [line("mcq", externalId, (l) => ((l.levels = ["L4/L5"]), (l.requiredReviews = requiredReviews)))]);
  const report = await runImport({ itemsFile: file, imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  expect(report.errors).toEqual([]);
  return db().item.findUniqueOrThrow({ where: { externalId }, include: { levels: true } });
}

async function assign(itemId: string, userId: string, origin: "assigned" | "pool" = "assigned") {
  return db().assignment.create({ data: { itemId, userId, origin, dueAt: new Date(Date.now() + 3_600_000) } });
}

const accept = (it: { currentVersionId: string | null; levels: { level: string }[] }): SubmitReviewInput => ({
  baseVersionId: it.currentVersionId!,
  decision: "accept",
  levels: it.levels.map((l) => ({ level: l.level, decision: "accept" })),
  timeSpentMs: 1000,
});

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

const snapshot = async (itemId: string) => ({
  item: await db().item.findUniqueOrThrow({ where: { id: itemId } }),
  assignments: await db().assignment.findMany({ where: { itemId }, orderBy: { id: "asc" } }),
  audit: await db().auditEvent.count(),
});

describe("send-back", () => {
  it("returns a decided item to review: new round, pending, the note, the reviewers' assignments reopened", async () => {
    const it = await item(2);
    const [a, b] = [await user("reviewer"), await user("reviewer")];
    const aa = await assign(it.id, a.id);
    // B pulled the item from the pool: given back, it becomes an assignment with a due date.
    const ab = await assign(it.id, b.id, "pool");
    await submitReview(it.id, accept(it), a);
    const done = await submitReview(it.id, accept(it), b);
    expect(done.item.status).toBe("approved");
    await db().item.update({ where: { id: it.id }, data: { finalDecision: "accept", openSlots: 0 } });
    const admin = await user("admin");
    const t0 = Date.now();

    const result = await sendBack(it.id, { note: "  Check the level: the extrusion may be at L5/S1.  " }, admin);
    expect(result.item).toEqual({ id: it.id, status: "pending", round: 2, openSlots: 0, sendBackNote: "Check the level: the extrusion may be at L5/S1." });
    const stored = await db().item.findUniqueOrThrow({ where: { id: it.id } });
    expect(stored).toMatchObject({ status: "pending", round: 2, finalDecision: null, sendBackNote: "Check the level: the extrusion may be at L5/S1.", openSlots: 0, currentVersionId: it.currentVersionId });
    expect(result.reopened.map((r) => r.assignmentId).sort()).toEqual([aa.id, ab.id].sort());
    for (const id of [aa.id, ab.id]) {
      const asg = await db().assignment.findUniqueOrThrow({ where: { id } });
      expect(asg).toMatchObject({ status: "assigned", origin: "assigned", round: 2, completedAt: null, workLeaseExpiresAt: null });
      const dueIn = asg.dueAt.getTime() - t0;
      expect(dueIn).toBeGreaterThanOrEqual(DEFAULT_DUE_DAYS * 86_400_000 - 5_000);
      expect(dueIn).toBeLessThanOrEqual(DEFAULT_DUE_DAYS * 86_400_000 + 60_000);
    }
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "item.send_back", targetId: it.id } });
    expect(event.actorId).toBe(admin.id);
    expect(event.before).toMatchObject({ status: "approved", round: 1, finalDecision: "accept" });
    expect(event.after).toMatchObject({ status: "pending", round: 2, finalDecision: null, sendBackNote: "Check the level: the extrusion may be at L5/S1." });
    expect(await db().auditEvent.count({ where: { action: "assignment.reopen", targetId: { in: [aa.id, ab.id] } } })).toBe(2);

    // The returning reviewers see the note and review the new round.
    const view = await getReviewItem(it.id, a);
    expect(view).toMatchObject({ round: 2, status: "pending", sendBackNote: "Check the level: the extrusion may be at L5/S1." });
    const again1 = await submitReview(it.id, accept(it), a);
    expect(again1.item).toMatchObject({ status: "in_review", reviewsDone: 1 });
    expect(await db().review.count({ where: { itemId: it.id, round: 2 } })).toBe(1);

    // A pending item is not decided: a second send-back is refused with the reason.
    const again = await caught(sendBack(it.id, { note: "again" }, admin));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe("Only a decided item can be sent back to review; this item is in review.");
  });

  it("opens the slots the previous reviewers do not fill, and an adjudicator may send back an adjudicated item", async () => {
    const it = await item(1);
    const a = await user("reviewer");
    await assign(it.id, a.id);
    await submitReview(it.id, { ...accept(it), decision: "reject", reason: "duplicate", severity: "minor" }, a);
    // The admin asked for more reviews since: three slots in the new round, one taken by the returning reviewer.
    await db().item.update({ where: { id: it.id }, data: { requiredReviews: 3 } });
    const adjudicator = await user("adjudicator");
    const result = await sendBack(it.id, { note: "Needs three opinions." }, adjudicator);
    expect(result.item).toMatchObject({ status: "pending", round: 2, openSlots: 2 });
    expect(result.reopened).toHaveLength(1);

    // An adjudicated item goes back too.
    const d = await item(2);
    const [r1, r2] = [await user("reviewer"), await user("reviewer")];
    await assign(d.id, r1.id);
    await assign(d.id, r2.id);
    await submitReview(d.id, accept(d), r1);
    expect((await submitReview(d.id, { ...accept(d), decision: "reject", reason: "duplicate", severity: "minor" }, r2)).item.status).toBe("disputed");
    const adj = await adjudicate(d.id, { baseVersionId: d.currentVersionId!, decision: "accept", reason: "not a duplicate", levels: [{ level: "L4/L5", decision: "accept" }] }, adjudicator);
    const back = await sendBack(d.id, { note: "The answer key looks wrong." }, adjudicator);
    expect(back.item).toMatchObject({ status: "pending", round: 2, openSlots: 0 });
    // The new round is on the adjudicated text; the adjudication stays in the history.
    expect((await db().item.findUniqueOrThrow({ where: { id: d.id } })).currentVersionId).toBe(adj.version!.id);
    expect(await db().review.count({ where: { itemId: d.id, isAdjudication: true } })).toBe(1);
  });

  it("refuses without a note (400), for an undecided item (409) and for a reviewer (403), writing nothing", async () => {
    const it = await item(1);
    const a = await user("reviewer");
    await assign(it.id, a.id);
    await submitReview(it.id, accept(it), a);
    const admin = await user("admin");
    const before = await snapshot(it.id);

    for (const note of ["", "   \n\t "]) {
      const e = await caught(sendBack(it.id, { note }, admin));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.status).toBe(400);
      expect(e.message).toBe("Write a note for the reviewers: what should they look at again?");
    }
    expect((await caught(sendBack(it.id, {} as never, admin))).status).toBe(400);
    expect(await caught(sendBack(it.id, { note: "look again" }, a))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot(it.id)).toEqual(before);

    const pending = await item(1);
    const p = await caught(sendBack(pending.id, { note: "look again" }, admin));
    expect(p.status).toBe(409);
    expect(p.message).toBe("Only a decided item can be sent back to review; this item is pending.");
    expect((await db().item.findUniqueOrThrow({ where: { id: pending.id } })).round).toBe(1);
  });
});
