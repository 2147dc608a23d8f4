import { beforeAll, describe, expect, it } from "vitest";
import { adjudicate } from "@/lib/adjudication/adjudicate";
import { getAdjudicationItem } from "@/lib/adjudication/get-item";
import { adjudicationQueue } from "@/lib/adjudication/queue";
import type { AdjudicateInput } from "@/lib/adjudication/schemas";
import { verifyAuditChain } from "@/lib/audit";
import { AppError, ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { runImport } from "@/lib/import/run";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { submitReview, type Actor } from "@/lib/review";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

type Role = Actor["role"];
let images: ReturnType<typeof demoFolder>;
beforeAll(() => {
  images = demoFolder();
});

async function user(role: Role, name = `Dr ${role} ${Math.random().toString(36).slice(2, 6)}`): Promise<Actor & { name: string }> {
  const u = await db().user.create({ data: { email: `${unique(role)}@example.org`, name, role, passwordHash: "x" } });
  return { id: u.id, role, name: u.name };
}

/** An open question through the ordinary import, needing two reviews, on L3/L4 and L4/L5 (with a note on L4/L5). */
async function item(requiredReviews = 2) {
  const externalId = unique("adj-oqa");
  const file = jsonl(tempDir(), "items.jsonl", [
    line("open_qa", externalId, (l) => {
      l.levels = ["L3/L4", { level: "L4/L5", note: "left paracentral extrusion" }];
      l.requiredReviews = requiredReviews;
    }),
  ]);
  const report = await runImport({ itemsFile: file, imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  expect(report.errors).toEqual([]);
  return db().item.findUniqueOrThrow({ where: { externalId }, include: { versions: { orderBy: { number: "asc" } }, levels: { orderBy: { rank: "asc" } } } });
}
type Item = Awaited<ReturnType<typeof item>>;

async function assign(itemId: string, userId: string, kind: "review" | "adjudication" = "review") {
  return db().assignment.create({ data: { itemId, userId, kind, dueAt: new Date(Date.now() + 86_400_000) } });
}

const review = (it: Item, extra: Partial<SubmitReviewInput>): SubmitReviewInput => ({
  baseVersionId: it.currentVersionId!,
  decision: "accept",
  levels: it.levels.map((l) => ({ level: l.level, decision: "accept" })),
  timeSpentMs: 30_000,
  ...extra,
});

const editedAnswer = "It compresses the exiting L5 root at L5/S1 (far lateral): anterior thigh pain is not expected.";

/** Two reviewers who disagree: one edits the text and moves the L4/L5 claim to L5/S1, the other rejects the item. */
async function disputed() {
  const it = await item();
  const a = await user("reviewer", "Dr Ann Edits");
  const b = await user("reviewer", "Dr Ben Rejects");
  await assign(it.id, a.id);
  await assign(it.id, b.id);
  const revision = it.versions[1].content as Record<string, unknown>;
  const ra = await submitReview(
    it.id,
    review(it, {
      decision: "edit",
      reason: "wrong_level",
      severity: "major",
      editedContent: { ...revision, answer: editedAnswer },
      levels: [
        { level: "L3/L4", decision: "accept" },
        { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", comment: "the extrusion is one level lower" },
      ],
    }),
    a,
  );
  const rb = await submitReview(
    it.id,
    review(it, {
      decision: "reject",
      reason: "hallucinated_finding",
      severity: "major",
      levels: [
        { level: "L3/L4", decision: "reject", reason: "hallucinated_finding", severity: "minor" },
        { level: "L4/L5", decision: "accept" },
      ],
    }),
    b,
  );
  expect(rb.item.status).toBe("disputed");
  return { it, a, b, ra, rb };
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
  const [reviews, levelDecisions, versions, audit, levels, assignmentsDone] = await Promise.all([
    db().review.count(),
    db().levelDecision.count(),
    db().itemVersion.count(),
    db().auditEvent.count(),
    db().itemLevel.count(),
    db().assignment.count({ where: { status: "done" } }),
  ]);
  return { reviews, levelDecisions, versions, audit, levels, assignmentsDone };
}

describe("adjudication", () => {
  it("a disagreement waits in the queue, is shown side by side, and the final decision applies the corrected level as a new versioned state", async () => {
    const { it: item0, a, b, ra, rb } = await disputed();
    const adjudicator = await user("adjudicator", "Prof Ada Judge");
    const task = await assign(item0.id, adjudicator.id, "adjudication");

    // The queue: adjudicators and admins, never reviewers; the item with its disagreements.
    expect(await caught(adjudicationQueue(a))).toBeInstanceOf(ForbiddenError);
    const queue = await adjudicationQueue(adjudicator);
    const row = queue.items.find((r) => r.itemId === item0.id);
    expect(row).toBeDefined();
    expect(row!.reviewers).toEqual(["Dr Ann Edits", "Dr Ben Rejects"]);
    expect(row!.disagreements).toEqual(["item decisions differ: edit / reject", "L3/L4: accept / reject", "L4/L5: edit → L5/S1 / accept", "one review edited the text, another did not"]);
    expect(row!.ageMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(row!.disputedAt)).toBe(Date.parse(rb.review.submittedAt));

    // The screen: both reviews with who decided what, and the edited text as a version.
    expect(await caught(getAdjudicationItem(item0.id, b))).toBeInstanceOf(ForbiddenError);
    const view = await getAdjudicationItem(item0.id, adjudicator);
    expect(view.status).toBe("disputed");
    expect(view.base.id).toBe(item0.currentVersionId);
    expect(view.reviews.map((r) => [r.reviewerName, r.decision])).toEqual([["Dr Ann Edits", "edit"], ["Dr Ben Rejects", "reject"]]);
    expect(view.reviews[0].levels.find((l) => l.level === "L4/L5")).toMatchObject({ decision: "edit", correctedLevel: "L5/S1", comment: "the extrusion is one level lower" });
    expect(view.reviews[1].levels.find((l) => l.level === "L3/L4")).toMatchObject({ decision: "reject", reason: "hallucinated_finding", severity: "minor" });
    const edited = view.versions.find((v) => v.id === ra.review.resultVersionId);
    expect((edited?.content as { answer: string }).answer).toBe(editedAnswer);
    expect(view.levels.map((l) => [l.level, l.note])).toEqual([["L3/L4", null], ["L4/L5", "left paracentral extrusion"]]);
    expect(view.adjudication).toBeNull();

    // The final decision: Ann's correction of L4/L5 and her text, the adjudicator's own accept of L3/L4.
    const input: AdjudicateInput = {
      baseVersionId: view.base.id,
      decision: "edit",
      reason: "Ann is right: the extrusion is at L5/S1 on the sagittal T2",
      comment: "Ben's rejection of L3/L4 is not supported by the images.",
      levels: [
        { level: "L3/L4", decision: "accept" },
        { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", comment: "the extrusion is one level lower" },
      ],
      content: edited!.content,
      textFrom: ra.review.id,
      sources: { "L3/L4": "own", "L4/L5": ra.review.id },
    };
    // A reviewer cannot adjudicate.
    expect(await caught(adjudicate(item0.id, input, a))).toBeInstanceOf(ForbiddenError);
    const result = await adjudicate(item0.id, input, adjudicator);

    expect(result.item).toMatchObject({ status: "adjudicated", finalDecision: "edit", levelsChanged: true });
    const stored = await db().item.findUniqueOrThrow({ where: { id: item0.id }, include: { levels: { orderBy: { rank: "asc" } } } });
    expect(stored).toMatchObject({ status: "adjudicated", finalDecision: "edit", openSlots: 0, currentVersionId: result.version!.id });
    // ItemLevel rows replaced: L4/L5 became L5/S1 (a disc, ranked below), its note moved with the claim.
    expect(stored.levels.map((l) => [l.level, l.kind, l.note])).toEqual([
      ["L3/L4", "disc", null],
      ["L5/S1", "disc", "left paracentral extrusion"],
    ]);
    expect(stored.levels[1].rank).toBeGreaterThan(stored.levels[0].rank);

    // The adjudicated version: the final text, based on the round's base, by the adjudicator, with the new levels.
    const version = await db().itemVersion.findUniqueOrThrow({ where: { id: result.version!.id } });
    expect(version).toMatchObject({ kind: "adjudicated", number: 4, basedOnId: item0.currentVersionId, authorId: adjudicator.id });
    expect((version.content as { answer: string }).answer).toBe(editedAnswer);
    expect(version.levels).toEqual([
      { level: "L3/L4", kind: "disc", rank: stored.levels[0].rank, note: null },
      { level: "L5/S1", kind: "disc", rank: stored.levels[1].rank, note: "left paracentral extrusion" },
    ]);
    // The original versions are kept.
    expect((await db().itemVersion.findMany({ where: { itemId: item0.id }, orderBy: { number: "asc" } })).map((v) => v.kind)).toEqual(["draft", "revision", "reviewed", "adjudicated"]);

    // The adjudication review and its level decisions.
    const adj = await db().review.findUniqueOrThrow({ where: { id: result.review.id }, include: { levels: { orderBy: { level: "asc" } } } });
    expect(adj).toMatchObject({ isAdjudication: true, round: stored.round, reviewerId: adjudicator.id, decision: "edit", baseVersionId: item0.currentVersionId, resultVersionId: version.id });
    expect(adj.reason).toBe(input.reason);
    expect(adj.levels.map((l) => [l.level, l.decision, l.correctedLevel])).toEqual([
      ["L3/L4", "accept", null],
      ["L4/L5", "edit", "L5/S1"],
    ]);
    expect(await db().assignment.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "done", completedAt: expect.any(Date) });

    // Audited: the history keeps the original levels (before/after), the new version, the status.
    const events = await db().auditEvent.findMany({ where: { OR: [{ targetId: item0.id }, { targetId: result.review.id }, { targetId: task.id }] }, orderBy: { seq: "asc" } });
    const levelsEvent = events.find((e) => e.action === "item.levels")!;
    expect(levelsEvent.actorId).toBe(adjudicator.id);
    expect((levelsEvent.before as { levels: { level: string }[] }).levels.map((l) => l.level)).toEqual(["L3/L4", "L4/L5"]);
    expect((levelsEvent.after as { levels: { level: string }[]; versionId: string }).levels.map((l) => l.level)).toEqual(["L3/L4", "L5/S1"]);
    expect((levelsEvent.after as { versionId: string }).versionId).toBe(version.id);
    const status = events.filter((e) => e.action === "item.status").pop()!;
    expect(status.before).toMatchObject({ status: "disputed" });
    expect(status.after).toMatchObject({ status: "adjudicated", finalDecision: "edit", currentVersionId: version.id });
    const adjudicated = events.find((e) => e.action === "review.adjudicate")!;
    expect(adjudicated.after).toMatchObject({ itemId: item0.id, decision: "edit", textFrom: ra.review.id, levels: [{ level: "L3/L4", from: "own" }, { level: "L4/L5", from: ra.review.id, correctedLevel: "L5/S1" }] });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["item.edit", "level.correct", "assignment.complete"]));
    expect((await verifyAuditChain()).ok).toBe(true);

    // Shown afterwards with the adjudication; the item leaves the queue; a second adjudication is refused.
    const after = await getAdjudicationItem(item0.id, adjudicator);
    expect(after.adjudication).toMatchObject({ id: result.review.id, reviewerName: "Prof Ada Judge" });
    expect(after.reviews).toHaveLength(2);
    expect((await adjudicationQueue(adjudicator)).items.some((r) => r.itemId === item0.id)).toBe(false);
    const again = await caught(adjudicate(item0.id, { ...input, baseVersionId: version.id }, adjudicator));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe("Only a disputed item can be adjudicated; this item is adjudicated.");
  });

  it("refuses an item that is not disputed with 409 and the reason, and writes nothing", async () => {
    const it = await item(1);
    const r = await user("reviewer");
    await assign(it.id, r.id);
    const done = await submitReview(it.id, review(it, {}), r);
    expect(done.item.status).toBe("approved");
    const admin = await user("admin");
    const pending = await item(2);

    const before = await counts();
    const input: AdjudicateInput = { baseVersionId: it.currentVersionId!, decision: "accept", reason: "fine", levels: it.levels.map((l) => ({ level: l.level, decision: "accept" })) };
    const e = await caught(adjudicate(it.id, input, admin));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.status).toBe(409);
    expect(e.message).toBe("Only a disputed item can be adjudicated; this item is approved.");
    const p = await caught(adjudicate(pending.id, { ...input, baseVersionId: pending.currentVersionId! }, admin));
    expect(p.status).toBe(409);
    expect(p.message).toBe("Only a disputed item can be adjudicated; this item is pending.");
    expect(await counts()).toEqual(before);
    expect(await db().item.findUniqueOrThrow({ where: { id: it.id } })).toMatchObject({ status: "approved", currentVersionId: it.currentVersionId });
  });

  it("refuses a stale base with 409, and incomplete or inconsistent decisions with 400, writing nothing", async () => {
    const { it, ra } = await disputed();
    const adjudicator = await user("adjudicator");
    const levels = [
      { level: "L3/L4", decision: "accept" as const },
      { level: "L4/L5", decision: "accept" as const },
    ];
    const before = await counts();

    const stale = await caught(adjudicate(it.id, { baseVersionId: it.versions[0].id, decision: "accept", reason: "fine", levels }, adjudicator));
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.status).toBe(409);
    expect(stale.message).toContain("changed since you opened it");
    // A reviewer's edited version is not the round's base either.
    expect((await caught(adjudicate(it.id, { baseVersionId: ra.review.resultVersionId!, decision: "accept", reason: "fine", levels }, adjudicator))).status).toBe(409);

    const base = it.currentVersionId!;
    const missing = await caught(adjudicate(it.id, { baseVersionId: base, decision: "accept", reason: "fine", levels: [levels[0]] }, adjudicator));
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.message).toBe("Decide every level: L4/L5 has no decision.");
    const extra = await caught(adjudicate(it.id, { baseVersionId: base, decision: "accept", reason: "fine", levels: [...levels, { level: "C5/C6", decision: "accept" }] }, adjudicator));
    expect(extra.message).toContain("C5/C6 is not a level of this item");
    const accepted = await caught(adjudicate(it.id, { baseVersionId: base, decision: "accept", reason: "fine", levels: [levels[0], { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1" }] }, adjudicator));
    expect(accepted.message).toContain("so the final decision is edit");
    const noReason = await caught(adjudicate(it.id, { baseVersionId: base, decision: "reject", reason: "   ", levels }, adjudicator));
    expect(noReason).toBeInstanceOf(ValidationError);
    expect(noReason.message).toBe("Give the reason for the final decision");
    const badText = await caught(adjudicate(it.id, { baseVersionId: base, decision: "edit", reason: "clearer", levels, content: { question: "Q?" } }, adjudicator));
    expect(badText.message).toContain("The final text is not valid");
    expect(await counts()).toEqual(before);
    expect((await db().item.findUniqueOrThrow({ where: { id: it.id } })).status).toBe("disputed");
  });

  it("a final rejection keeps the current version and the levels, and writes no version", async () => {
    const { it } = await disputed();
    const admin = await user("admin");
    const versions = await db().itemVersion.count({ where: { itemId: it.id } });
    const result = await adjudicate(
      it.id,
      {
        baseVersionId: it.currentVersionId!,
        decision: "reject",
        reason: "hallucinated_finding",
        severity: "major",
        levels: [
          { level: "L3/L4", decision: "reject", reason: "hallucinated_finding", severity: "minor" },
          { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1" },
        ],
      },
      admin,
    );
    expect(result.version).toBeNull();
    expect(result.item).toMatchObject({ status: "adjudicated", finalDecision: "reject", currentVersionId: it.currentVersionId, levelsChanged: false });
    const stored = await db().item.findUniqueOrThrow({ where: { id: it.id }, include: { levels: { orderBy: { rank: "asc" } } } });
    expect(stored).toMatchObject({ status: "adjudicated", finalDecision: "reject", currentVersionId: it.currentVersionId, openSlots: 0 });
    expect(stored.levels.map((l) => l.level)).toEqual(["L3/L4", "L4/L5"]);
    expect(await db().itemVersion.count({ where: { itemId: it.id } })).toBe(versions);
    expect(await db().auditEvent.count({ where: { targetId: it.id, action: "item.levels" } })).toBe(0);
  });

  it("two adjudicators deciding at once: one final decision is recorded, the other is refused with 409", async () => {
    const { it: item0 } = await disputed();
    const [x, y] = [await user("adjudicator"), await user("admin")];
    const body = (reason: string): AdjudicateInput => ({
      baseVersionId: item0.currentVersionId!,
      decision: "reject",
      reason,
      levels: [
        { level: "L3/L4", decision: "accept" },
        { level: "L4/L5", decision: "accept" },
      ],
    });
    const results = await Promise.allSettled([adjudicate(item0.id, body("first"), x), adjudicate(item0.id, body("second"), y)]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toBeInstanceOf(ConflictError);
    expect((refused[0].reason as ConflictError).message).toBe("Only a disputed item can be adjudicated; this item is adjudicated.");
    expect(await db().review.count({ where: { itemId: item0.id, isAdjudication: true } })).toBe(1);
    const statusEvents = await db().auditEvent.findMany({ where: { targetId: item0.id, action: "item.status" } });
    expect(statusEvents.filter((e) => (e.after as { status: string }).status === "adjudicated")).toHaveLength(1);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
