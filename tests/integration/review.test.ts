import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { runImport } from "@/lib/import/run";
import { RUBRIC_DIMENSIONS } from "@/lib/review/rubric";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { getReviewItem, itemHistory, openItem, queueNeighbours, reviewQueue, submitReview, type Actor } from "@/lib/review";
import { WORK_LEASE_MS } from "@/lib/review/lifecycle";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { withDatabase, unique } from "./setup";

const db = withDatabase();

type Role = Actor["role"];
type Task = "mcq" | "open_qa" | "consultation" | "report";

let images: ReturnType<typeof demoFolder>;
beforeAll(() => {
  images = demoFolder();
});

async function user(role: Role, name = `Dr ${role} ${Math.random().toString(36).slice(2, 6)}`): Promise<Actor & { name: string }> {
  const u = await db().user.create({ data: { email: `${unique(role)}@example.org`, name, role, passwordHash: "x" } });
  return { id: u.id, role, name: u.name };
}

/** Imports one item through the ordinary import and returns it with its versions (oldest first) and levels. */
async function item(task: Task, patch: (l: Record<string, any>) => void = () => {}) {
  const externalId = unique(`rv-${task}`);
  const file = jsonl(tempDir(), "items.jsonl", [line(task, externalId, patch)]);
  const report = await runImport({ itemsFile: file, imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  expect(report.errors).toEqual([]);
  return db().item.findUniqueOrThrow({
    where: { externalId },
    include: { versions: { orderBy: { number: "asc" } }, levels: { orderBy: { rank: "asc" } } },
  });
}

async function assign(itemId: string, userId: string, position = 0, status: "assigned" | "done" | "released" = "assigned") {
  return db().assignment.create({ data: { itemId, userId, position, status, dueAt: new Date(Date.now() + 60_000) } });
}

type Item = Awaited<ReturnType<typeof item>>;

/** A body as the workspace sends it (untyped JSON, as from the network): accept everything on the current version. */
function accept(it: Item, extra: Record<string, unknown> = {}): SubmitReviewInput {
  return {
    baseVersionId: it.currentVersionId!,
    decision: "accept",
    levels: it.levels.map((l) => ({ level: l.level, decision: "accept" })),
    timeSpentMs: 42_000,
    startedAt: new Date(Date.now() - 42_000).toISOString(),
    ...extra,
  } as SubmitReviewInput;
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

async function counts() {
  const [reviews, levelDecisions, versions, audit, done] = await Promise.all([
    db().review.count(), db().levelDecision.count(), db().itemVersion.count(), db().auditEvent.count(), db().assignment.count({ where: { status: "done" } }),
  ]);
  return { reviews, levelDecisions, versions, audit, done };
}

const allScores = (n: number) => Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d, n]));

const events = (targetId: string) => db().auditEvent.findMany({ where: { targetId }, orderBy: { seq: "asc" } });

describe("review", () => {
  it("shows the workspace, opens with a lease, and saves an accept with per-level decisions", async () => {
    const it = await item("mcq", (l) => {
      l.levels = ["L4-5", "L5/S1"];
      l.requiredReviews = 1;
    });
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);

    const view = await getReviewItem(it.id, reviewer);
    expect(view.levels.map((l) => l.level)).toEqual(["L4/L5", "L5/S1"]);
    expect(view.versions.map((v) => v.kind)).toEqual(["draft", "revision"]);
    expect(view.current).toMatchObject({ id: it.currentVersionId, kind: "revision", number: 2 });
    expect(view.current.generatorModel).toBeTruthy();
    expect(view.images).toHaveLength(1);
    expect(view.images[0]).toMatchObject({ position: 0, seriesId: expect.any(String), caseId: it.caseId });
    expect(view.caseExternalId).toBe("demo-case-001");
    expect(view.myReview).toBeNull();
    expect(view.assignment).toMatchObject({ kind: "review", status: "assigned" });

    const before = Date.now();
    const dueBefore = (await db().assignment.findFirstOrThrow({ where: { itemId: it.id, userId: reviewer.id } })).dueAt;
    const opened = await openItem(it.id, reviewer);
    expect(new Date(opened.workLeaseExpiresAt!).getTime()).toBeGreaterThanOrEqual(before + WORK_LEASE_MS - 1000);
    const lease = await db().assignment.findFirstOrThrow({ where: { itemId: it.id, userId: reviewer.id } });
    // Opening takes the short working lease; the assignment's due date (days) stays as it was.
    expect(lease.workLeaseExpiresAt!.toISOString()).toBe(opened.workLeaseExpiresAt);
    expect(lease.dueAt.toISOString()).toBe(dueBefore.toISOString());
    expect((await events(it.id)).map((e) => e.action)).toContain("item.open");

    const result = await submitReview(it.id, accept(it, { levels: [{ level: "L4/L5", decision: "accept" }, { level: "l5-s1", decision: "accept", comment: "clear on T2" }] }), reviewer);
    expect(result.item).toMatchObject({ status: "approved", currentVersionId: it.currentVersionId, currentVersionNumber: 2, reviewsDone: 1, requiredReviews: 1 });
    expect(result.version).toBeNull();
    expect(result.review).toMatchObject({ decision: "accept", reason: null, severity: null, timeSpentMs: 42_000, baseVersionId: it.currentVersionId, resultVersionId: null });
    expect(result.review.levels).toEqual([
      { level: "L4/L5", decision: "accept", correctedLevel: null, reason: null, severity: null, comment: null },
      { level: "L5/S1", decision: "accept", correctedLevel: null, reason: null, severity: null, comment: "clear on T2" },
    ]);
    const stored = await db().review.findUniqueOrThrow({ where: { id: result.review.id }, include: { levels: true } });
    expect(stored.levels).toHaveLength(2);
    expect(stored.startedAt).toBeInstanceOf(Date);
    expect((await db().assignment.findFirstOrThrow({ where: { itemId: it.id, userId: reviewer.id } })).status).toBe("done");
    expect((await db().item.findUniqueOrThrow({ where: { id: it.id } })).status).toBe("approved");

    const submitted = await db().auditEvent.findFirstOrThrow({ where: { action: "review.submit", targetType: "review", targetId: result.review.id } });
    expect(submitted.actorId).toBe(reviewer.id);
    expect(submitted.after).toMatchObject({ itemId: it.id, decision: "accept", levels: [{ level: "L4/L5", decision: "accept" }, { level: "L5/S1", decision: "accept" }] });
    const status = await db().auditEvent.findFirstOrThrow({ where: { action: "item.status", targetId: it.id } });
    expect(status.before).toMatchObject({ status: "pending" });
    expect(status.after).toMatchObject({ status: "approved" });

    // The saved review is shown back, and the workspace still opens (assignment done, not released).
    expect((await getReviewItem(it.id, reviewer)).myReview).toMatchObject({ id: result.review.id, decision: "accept" });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("records a level correction as one action: LevelDecision.correctedLevel and an audit level.correct", async () => {
    const it = await item("open_qa", (l) => {
      l.levels = ["L4/L5", "L3/L4"];
    });
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    const result = await submitReview(
      it.id,
      accept(it, {
        decision: "edit",
        reason: "wrong_level",
        severity: "major",
        levels: [
          { level: "L3/L4", decision: "accept" },
          { level: "L4/L5", decision: "edit", correctedLevel: "L5-S1" },
        ],
      }),
      reviewer,
    );
    // Only a level moved: an edit without a new text version.
    expect(result.version).toBeNull();
    expect(result.item).toMatchObject({ status: "approved", currentVersionId: it.currentVersionId });
    const decisions = await db().levelDecision.findMany({ where: { reviewId: result.review.id }, orderBy: { level: "asc" } });
    expect(decisions.map((d) => [d.level, d.decision, d.correctedLevel, d.reason])).toEqual([
      ["L3/L4", "accept", null, null],
      ["L4/L5", "edit", "L5/S1", "wrong_level"],
    ]);
    const corrections = await db().auditEvent.findMany({ where: { action: "level.correct", targetId: it.id } });
    expect(corrections).toHaveLength(1);
    expect(corrections[0].before).toEqual({ level: "L4/L5" });
    expect(corrections[0].after).toEqual({ level: "L5/S1", reviewId: result.review.id });
    expect(corrections[0].actorId).toBe(reviewer.id);
  });

  it("an edit creates a reviewed version (draft, revision and reviewed kept) and the approved item points at it", async () => {
    const it = await item("mcq", (l) => {
      l.requiredReviews = 1;
    });
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    const revision = it.versions[1];
    const edited = { ...(revision.content as Record<string, unknown>), explanation: "Left paracentral extrusion at L4/L5 compressing the traversing left L5 root." };

    // A text change saved as "accept" is refused: it is an edit.
    expect(await caught(submitReview(it.id, accept(it, { editedContent: edited }), reviewer))).toBeInstanceOf(ValidationError);
    // Invalid content names the field.
    const bad = await caught(submitReview(it.id, accept(it, { decision: "edit", reason: "poor_language", severity: "minor", editedContent: { ...edited, answer: "F" } }), reviewer));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.message).toContain("editedContent.answer");
    expect((bad.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain("editedContent.answer");

    const result = await submitReview(it.id, accept(it, { decision: "edit", reason: "poor_language", severity: "minor", comment: "clearer", editedContent: edited }), reviewer);
    expect(result.version).toMatchObject({ number: 3 });
    const versions = await db().itemVersion.findMany({ where: { itemId: it.id }, orderBy: { number: "asc" } });
    expect(versions.map((v) => `${v.number}:${v.kind}`)).toEqual(["1:draft", "2:revision", "3:reviewed"]);
    expect(versions[0].content).toEqual(it.versions[0].content); // untouched
    expect(versions[1].content).toEqual(revision.content);
    expect(versions[2]).toMatchObject({ basedOnId: revision.id, authorId: reviewer.id, id: result.version!.id });
    expect((versions[2].content as { explanation: string }).explanation).toBe(edited.explanation);
    expect(versions[2].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.review.resultVersionId).toBe(result.version!.id);
    expect(result.item).toMatchObject({ status: "approved", currentVersionId: result.version!.id, currentVersionNumber: 3 });
    const stored = await db().item.findUniqueOrThrow({ where: { id: it.id } });
    expect(stored.currentVersionId).toBe(result.version!.id);

    const edit = await db().auditEvent.findFirstOrThrow({ where: { action: "item.edit", targetId: it.id } });
    expect(edit.before).toEqual({ versionId: revision.id, number: 2 });
    expect(edit.after).toEqual({ versionId: result.version!.id, number: 3 });
    // The reviewer's view now has the three versions for the diffs.
    expect((await getReviewItem(it.id, reviewer)).versions.map((v) => v.kind)).toEqual(["draft", "revision", "reviewed"]);
  });

  it("an unchanged text sent along with an accept is no edit", async () => {
    const it = await item("open_qa");
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    // Same content, keys in another order and with surrounding spaces (the schema trims).
    const c = it.versions[1].content as { question: string; answer: string };
    const result = await submitReview(it.id, accept(it, { editedContent: { answer: ` ${c.answer} `, question: c.question } }), reviewer);
    expect(result.version).toBeNull();
    expect(await db().itemVersion.count({ where: { itemId: it.id } })).toBe(2);
  });

  it("a rejection needs a reason and a severity", async () => {
    const it = await item("consultation");
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    const before = await counts();
    const e = await caught(submitReview(it.id, accept(it, { decision: "reject" }), reviewer));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("Choose a reason for rejecting the item");
    expect((e.details as { issues: { path: string; message: string }[] }).issues).toEqual([
      { path: "reason", message: "Choose a reason for rejecting the item" },
      { path: "severity", message: "Choose a severity for rejecting the item" },
    ]);
    const lvl = await caught(submitReview(it.id, accept(it, { decision: "reject", reason: "hallucinated_finding", severity: "major", levels: [{ level: "C5/C6", decision: "reject" }] }), reviewer));
    expect(lvl.message).toBe("Choose a reason for rejecting the claim at C5/C6");
    expect(await counts()).toEqual(before);

    const result = await submitReview(
      it.id,
      accept(it, { decision: "reject", reason: "unsafe_or_outdated_recommendation", severity: "clinically_dangerous", comment: "Advises opioids long term", levels: [{ level: "C5/C6", decision: "reject", reason: "hallucinated_finding", severity: "major" }] }),
      reviewer,
    );
    expect(result.item.status).toBe("rejected");
    expect(result.review).toMatchObject({ decision: "reject", reason: "unsafe_or_outdated_recommendation", severity: "clinically_dangerous", comment: "Advises opioids long term" });
    expect(result.review.levels[0]).toMatchObject({ level: "C5/C6", decision: "reject", reason: "hallucinated_finding", severity: "major" });
  });

  it("refuses levels that are not exactly the item's, naming them", async () => {
    const it = await item("open_qa", (l) => (l.levels = ["L4/L5", "L5/S1"]));
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    const e = await caught(submitReview(it.id, accept(it, { levels: [{ level: "L4/L5", decision: "accept" }, { level: "C7", decision: "accept" }] }), reviewer));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("Give one decision per level of the item (L4/L5, L5/S1): missing L5/S1; C7 is not a level of this item.");
    expect(e.details).toEqual({ missing: ["L5/S1"], unknown: ["C7"] });
  });

  it("a report needs the whole rubric and stores its total", async () => {
    const it = await item("report", (l) => (l.requiredReviews = 1));
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    const before = await counts();
    const partial = { ...allScores(4) };
    delete partial.coverage;
    delete partial.granularity;
    const e = await caught(submitReview(it.id, accept(it, { rubric: partial }), reviewer));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("Score the report rubric: Coverage, Granularity have no score (1–5).");
    expect(await caught(submitReview(it.id, accept(it), reviewer))).toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual(before);

    const scores = { ...allScores(4), imaging_report: 5, risk_prognosis: 2 };
    const result = await submitReview(it.id, accept(it, { rubric: scores }), reviewer);
    // imaging 1, diagnosis .75, treatment .75, risk .25, quality .75 → 20 × 3.5 = 70
    expect(result.review.rubricTotal).toBe(70);
    const stored = await db().review.findUniqueOrThrow({ where: { id: result.review.id } });
    expect(stored.rubric).toEqual(scores);
    expect(stored.rubricTotal).toBe(70);
    const scored = await db().auditEvent.findFirstOrThrow({ where: { action: "rubric.score", targetId: result.review.id } });
    expect(scored.after).toEqual({ scores, total: 70 });

    // Other task types are not scored.
    const mcq = await item("mcq");
    await assign(mcq.id, reviewer.id);
    expect((await caught(submitReview(mcq.id, accept(mcq, { rubric: allScores(3) }), reviewer))).message).toMatch(/Only report items/);
  });

  it("a save on a stale base is refused with 409, shows the other change, and writes nothing", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 1));
    const first = await user("reviewer", "Dr First");
    const second = await user("reviewer", "Dr Second");
    await assign(it.id, first.id);
    await assign(it.id, second.id);
    const base = it.currentVersionId!;
    const c = it.versions[1].content as { question: string; answer: string };
    const theirs = { ...c, answer: `${c.answer} Confirm on MRI.` };
    const saved = await submitReview(it.id, accept(it, { decision: "edit", reason: "poor_language", severity: "minor", editedContent: theirs }), first);

    const before = await counts();
    const mine = { ...c, answer: `${c.answer} Mine.` };
    const e = await caught(submitReview(it.id, accept(it, { decision: "edit", reason: "poor_language", severity: "minor", editedContent: mine }), second));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/changed since you opened it/);
    const details = e.details as { current: Record<string, unknown>; yourBase: string };
    expect(details.yourBase).toBe(base);
    expect(details.current).toMatchObject({ versionId: saved.version!.id, number: 3, kind: "reviewed", content: theirs, authorName: "Dr First", createdAt: expect.any(String) });
    expect(await counts()).toEqual(before);
    expect((await db().assignment.findFirstOrThrow({ where: { itemId: it.id, userId: second.id } })).status).toBe("assigned");
  });

  it("with one required review, the same reviewer saving again from a second tab gets 409 with their review", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 1));
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    // Two tabs save at the same moment: one wins, the other is refused.
    const results = await Promise.allSettled([submitReview(it.id, accept(it), reviewer), submitReview(it.id, accept(it), reviewer)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason;
    expect(refused).toBeInstanceOf(ConflictError);
    const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof submitReview>>>).value;
    expect((refused as ConflictError).details).toMatchObject({ existingReview: { id: winner.review.id } });
    expect(await db().review.count({ where: { itemId: it.id } })).toBe(1);
  });

  it("two reviewers finishing a round at the same moment: both saved, the item decided once", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 2));
    const a = await user("reviewer");
    const b = await user("reviewer");
    await assign(it.id, a.id);
    await assign(it.id, b.id);
    const [ra, rb] = await Promise.all([submitReview(it.id, accept(it), a), submitReview(it.id, accept(it), b)]);
    expect([ra.item.status, rb.item.status].sort()).toEqual(["approved", "in_review"]);
    expect((await db().item.findUniqueOrThrow({ where: { id: it.id } })).status).toBe("approved");
    expect(await db().auditEvent.count({ where: { action: "item.status", targetId: it.id } })).toBe(2);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("a second review by the same reviewer is a conflict; a decided item takes no more reviews", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 2));
    const a = await user("reviewer");
    const b = await user("reviewer");
    const c = await user("reviewer");
    for (const u of [a, b, c]) await assign(it.id, u.id);
    await submitReview(it.id, accept(it), a);
    const again = await caught(submitReview(it.id, accept(it), a));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toMatch(/already reviewed/);
    await submitReview(it.id, accept(it), b);
    const late = await caught(submitReview(it.id, accept(it), c));
    expect(late).toBeInstanceOf(ConflictError);
    expect(late.message).toMatch(/already decided \(approved\)/);
    expect(await db().review.count({ where: { itemId: it.id } })).toBe(2);
  });

  it("access differs by role: reviewers need an assignment, admins and adjudicators see every item but review none", async () => {
    const it = await item("open_qa");
    const stranger = await user("reviewer");
    const released = await user("reviewer");
    const admin = await user("admin");
    const adjudicator = await user("adjudicator");
    await assign(it.id, released.id, 0, "released");
    const before = await counts();
    // An item a reviewer may not see answers exactly like one that does not exist.
    const missing = await caught(getReviewItem("no-such-item-at-all", stranger));
    for (const u of [stranger, released]) {
      for (const e of [await caught(getReviewItem(it.id, u)), await caught(openItem(it.id, u)), await caught(itemHistory(it.id, u)), await caught(submitReview(it.id, accept(it), u))]) {
        expect(e).toBeInstanceOf(NotFoundError);
        expect(e).toMatchObject({ status: 404, message: (missing as Error).message });
      }
    }
    expect(await counts()).toEqual(before);
    expect(await caught(getReviewItem("no-such-item", admin))).toMatchObject({ status: 404 });

    for (const u of [admin, adjudicator]) {
      const view = await getReviewItem(it.id, u);
      expect(view.assignment).toBeNull();
      expect((await openItem(it.id, u)).workLeaseExpiresAt).toBeNull();
    }
    // Only an assigned reviewer's review fills a review slot: an unassigned admin or adjudicator is refused,
    // nothing is written, and the reviewer's assignment stays open.
    const holder = await user("reviewer");
    await assign(it.id, holder.id);
    const beforeOverride = await counts();
    for (const u of [admin, adjudicator]) {
      const e = await caught(submitReview(it.id, accept(it), u));
      expect(e).toBeInstanceOf(ForbiddenError);
      expect((e as Error).message).toMatch(/Only a reviewer this item is assigned to can review it/);
    }
    expect(await counts()).toEqual(beforeOverride);
    expect((await db().item.findUniqueOrThrow({ where: { id: it.id } })).status).toBe("pending");
    expect((await db().assignment.findFirstOrThrow({ where: { itemId: it.id, userId: holder.id } })).status).toBe("assigned");
    const result = await submitReview(it.id, accept(it), holder);
    expect(result.item.status).toBe("approved");

    // A reviewer whose assignment is finished may look but not review again.
    const other = await item("open_qa", (l) => (l.requiredReviews = 2));
    const finished = await user("reviewer");
    await assign(other.id, finished.id, 0, "done");
    expect((await getReviewItem(other.id, finished)).id).toBe(other.id);
    expect((await caught(submitReview(other.id, accept(other), finished))).message).toMatch(/no longer in your queue/);
  });

  it("two required reviews: in_review after one; two different edits are a disagreement, not the newest winning", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 2));
    const a = await user("reviewer", "Dr A");
    const b = await user("reviewer", "Dr B");
    const adjudicator = await user("adjudicator");
    await assign(it.id, a.id);
    await assign(it.id, b.id);
    const c = it.versions[1].content as { question: string; answer: string };
    const first = await submitReview(it.id, accept(it, { decision: "edit", reason: "poor_language", severity: "minor", editedContent: { ...c, answer: `${c.answer} (A)` } }), a);
    expect(first.item).toMatchObject({ status: "in_review", currentVersionId: it.currentVersionId, reviewsDone: 1, requiredReviews: 2 });

    // Blinding: B reviews the same base and sees neither A's version nor A's review.
    const seenByB = await getReviewItem(it.id, b);
    expect(seenByB.current.id).toBe(it.currentVersionId);
    expect(seenByB.versions.map((v) => v.kind)).toEqual(["draft", "revision"]);
    expect(seenByB.myReview).toBeNull();
    expect((await getReviewItem(it.id, adjudicator)).versions.map((v) => v.kind)).toEqual(["draft", "revision", "reviewed"]);
    expect((await getReviewItem(it.id, a)).versions.map((v) => v.authorName)).toEqual([null, null, "Dr A"]);

    const second = await submitReview(it.id, accept(it, { decision: "edit", reason: "poor_language", severity: "minor", editedContent: { ...c, answer: `${c.answer} (B)` } }), b);
    expect(second.version!.number).toBe(4);
    // Neither edit silently becomes the text: the item waits for an adjudicator, its current version unchanged.
    expect(second.item).toMatchObject({ status: "disputed", currentVersionId: it.currentVersionId, reviewsDone: 2 });
    const statusEvents = await db().auditEvent.findMany({ where: { action: "item.status", targetId: it.id }, orderBy: { seq: "asc" } });
    expect(statusEvents.map((e) => [(e.before as { status: string }).status, (e.after as { status: string }).status])).toEqual([
      ["pending", "in_review"],
      ["in_review", "disputed"],
    ]);
    expect((statusEvents[1].after as { disagreements: string[] }).disagreements).toContain("the edited texts differ");
    expect((await db().item.findUniqueOrThrow({ where: { id: it.id } })).openSlots).toBe(0);
  });

  it("two required reviews that make the same edit agree: approved with that text", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 2));
    const a = await user("reviewer");
    const b = await user("reviewer");
    await assign(it.id, a.id);
    await assign(it.id, b.id);
    const c = it.versions[1].content as { question: string; answer: string };
    const edit = { decision: "edit" as const, reason: "poor_language" as const, severity: "minor" as const, editedContent: { ...c, answer: `${c.answer} Both agree.` } };
    const first = await submitReview(it.id, accept(it, edit), a);
    const second = await submitReview(it.id, accept(it, edit), b);
    expect(second.item).toMatchObject({ status: "approved", currentVersionId: first.version!.id, reviewsDone: 2 });
    expect((await db().item.findUniqueOrThrow({ where: { id: it.id } })).finalDecision).toBe("edit");
  });

  it("two required reviews that disagree: disputed; two rejections: rejected", async () => {
    const a = await user("reviewer");
    const b = await user("reviewer");
    const disputed = await item("open_qa", (l) => (l.requiredReviews = 2));
    const rejected = await item("open_qa", (l) => (l.requiredReviews = 2));
    for (const it of [disputed, rejected]) for (const u of [a, b]) await assign(it.id, u.id);
    const reject = (it: Item) => accept(it, { decision: "reject", reason: "duplicate", severity: "minor" });

    await submitReview(disputed.id, accept(disputed), a);
    expect((await submitReview(disputed.id, reject(disputed), b)).item.status).toBe("disputed");
    await submitReview(rejected.id, reject(rejected), a);
    const result = await submitReview(rejected.id, reject(rejected), b);
    expect(result.item).toMatchObject({ status: "rejected", currentVersionId: rejected.currentVersionId });
  });

  it("every action is audited in its transaction and the chain verifies", async () => {
    const it = await item("mcq", (l) => {
      l.levels = ["L4/L5"];
      l.requiredReviews = 1;
    });
    const reviewer = await user("reviewer");
    await assign(it.id, reviewer.id);
    const before = await counts();
    await openItem(it.id, reviewer);
    const content = { ...(it.versions[1].content as Record<string, unknown>), explanation: "Edited explanation of the L5 root." };
    const result = await submitReview(
      it.id,
      accept(it, { decision: "edit", reason: "wrong_level", severity: "major", editedContent: content, levels: [{ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1" }] }),
      reviewer,
    );
    const after = await counts();
    // open, item.edit, review.submit, level.correct, item.status
    expect(after.audit - before.audit).toBe(5);
    const mine = await db().auditEvent.findMany({ where: { actorId: reviewer.id }, orderBy: { seq: "asc" } });
    expect(mine.map((e) => e.action)).toEqual(["item.open", "item.edit", "review.submit", "level.correct", "item.status"]);
    expect(mine.find((e) => e.action === "review.submit")!.targetId).toBe(result.review.id);
    // Consecutive: nothing else was interleaved into this review's transaction.
    const seqs = mine.slice(1).map((e) => e.seq);
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1] + 1)).toBe(true);
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true });
  });

  it("the history shows a reviewer their own events and the imports, not another reviewer's", async () => {
    const it = await item("open_qa", (l) => (l.requiredReviews = 2));
    const a = await user("reviewer", "Dr Alpha");
    const b = await user("reviewer", "Dr Beta");
    const admin = await user("admin");
    await assign(it.id, a.id);
    await assign(it.id, b.id);
    await openItem(it.id, a);
    await openItem(it.id, b);
    const ra = await submitReview(it.id, accept(it), a);
    const rb = await submitReview(it.id, accept(it, { decision: "reject", reason: "duplicate", severity: "minor" }), b);

    const forA = (await itemHistory(it.id, a)).events;
    expect(forA.every((e) => e.actorId === a.id || e.action.startsWith("import."))).toBe(true);
    expect(forA.map((e) => e.action)).toEqual(["item.status", "review.submit", "item.open", "import.batch"]);
    expect(forA.some((e) => e.targetId === rb.review.id)).toBe(false);
    expect(forA[1]).toMatchObject({ actorName: "Dr Alpha", targetType: "review", targetId: ra.review.id });

    const forAdmin = (await itemHistory(it.id, admin)).events;
    expect(forAdmin.map((e) => e.seq)).toEqual([...forAdmin.map((e) => e.seq)].sort((x, y) => y - x)); // newest first
    expect(forAdmin.filter((e) => e.action === "review.submit").map((e) => e.actorName).sort()).toEqual(["Dr Alpha", "Dr Beta"]);
    expect(forAdmin.find((e) => e.action === "item.status" && (e.after as { status: string }).status === "disputed")).toBeTruthy();
  });

  it("the queue lists the user's open assignments in order, with filters and neighbours", async () => {
    const reviewer = await user("reviewer");
    const one = await item("mcq", (l) => (l.levels = ["L4/L5"]));
    const two = await item("open_qa", (l) => (l.levels = ["C5/C6"]));
    const three = await item("report");
    await assign(three.id, reviewer.id, 3);
    await assign(one.id, reviewer.id, 1);
    await assign(two.id, reviewer.id, 2);

    const queue = await reviewQueue(reviewer.id);
    expect(queue.total).toBe(3);
    expect(queue.items.map((r) => r.itemId)).toEqual([one.id, two.id, three.id]);
    expect(queue.items[0]).toMatchObject({ externalId: one.externalId, taskType: "mcq", levels: ["L4/L5"], reviewed: false, status: "pending" });
    expect((await reviewQueue(reviewer.id, { taskType: "open_qa" })).items.map((r) => r.itemId)).toEqual([two.id]);
    expect((await reviewQueue(reviewer.id, { level: "C5/C6" })).items.map((r) => r.itemId)).toEqual([two.id]);
    expect((await reviewQueue(reviewer.id, { modality: "MR" })).items.map((r) => r.itemId)).toContain(one.id);

    expect(await queueNeighbours(reviewer.id, two.id)).toEqual({ position: 2, total: 3, previousId: one.id, nextId: three.id });
    await submitReview(two.id, accept(two), reviewer);
    // Reviewed: out of the queue, but next and previous still lead on.
    expect(await queueNeighbours(reviewer.id, two.id)).toEqual({ position: 0, total: 2, previousId: one.id, nextId: three.id });
    expect((await reviewQueue(reviewer.id)).items.map((r) => r.itemId)).toEqual([one.id, three.id]);
  });
});
