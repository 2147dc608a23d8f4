// A review campaign on a real database: the shared pool under concurrent Next item requests, working leases
// (expiry, heartbeat, release), blinding between reviewers, the whole case readable to an assigned reviewer, the
// queue by keyset, and `assign` past the database's parameter limit.
import { beforeAll, describe, expect, it } from "vitest";
import { assignItems } from "@/lib/assignments/service";
import { verifyAuditChain } from "@/lib/audit";
import { AppError, ConflictError, ForbiddenError } from "@/lib/errors";
import { canReadImage } from "@/lib/images/access";
import { runImport } from "@/lib/import/run";
import { getReviewItem, heartbeat, itemHistory, nextItem, openItem, releaseItem, reviewQueue, submitReview, type Actor } from "@/lib/review";
import { WORK_LEASE_MS } from "@/lib/review/lifecycle";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

let images: ReturnType<typeof demoFolder>;
beforeAll(() => {
  images = demoFolder();
});

async function user(role: Actor["role"] = "reviewer", name = `Dr ${Math.random().toString(36).slice(2, 7)}`): Promise<Actor & { name: string; email: string }> {
  const email = `${unique("cp")}@example.org`;
  const u = await db().user.create({ data: { email, name, role, passwordHash: "x" } });
  return { id: u.id, role, name, email };
}

/** A batch of its own: n items, each needing `required` reviews. */
async function batch(n: number, required = 1, task: "open_qa" | "mcq" = "open_qa") {
  const id = unique("pool");
  const file = jsonl(
    tempDir(),
    "items.jsonl",
    Array.from({ length: n }, (_, i) => line(task, `${id}-${String(i).padStart(5, "0")}`, (l) => (l.requiredReviews = required))),
  );
  const report = await runImport({ itemsFile: file, imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  expect(report.errors).toEqual([]);
  return report.batchId!;
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

async function acceptAll(itemId: string, u: Actor, extra: Record<string, unknown> = {}, seen?: Awaited<ReturnType<typeof getReviewItem>>) {
  const view = seen ?? (await getReviewItem(itemId, u));
  const body = { baseVersionId: view.current.id, decision: "accept", levels: view.levels.map((l) => ({ level: l.level, decision: "accept" })), timeSpentMs: 1000, ...extra };
  return submitReview(itemId, body as SubmitReviewInput, u);
}

describe("the shared pool", () => {
  it("50 parallel Next item requests for 10 free slots grant exactly 10", async () => {
    const batchId = await batch(10);
    const team = await Promise.all(Array.from({ length: 50 }, () => user()));
    const results = await Promise.all(team.map((u) => nextItem(u, { batchId })));
    const granted = results.filter((r) => r.itemId !== null);
    expect(granted).toHaveLength(10);
    expect(new Set(granted.map((r) => r.itemId)).size).toBe(10);
    expect(results.filter((r) => r.itemId === null).every((r) => "message" in r && /Nothing to review|just taken/.test(r.message))).toBe(true);
    const items = await db().item.findMany({ where: { importBatchId: batchId }, select: { id: true, openSlots: true, assignments: { select: { status: true, origin: true } } } });
    for (const i of items) {
      expect(i.openSlots).toBe(0);
      expect(i.assignments).toEqual([{ status: "assigned", origin: "pool" }]);
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("an item that needs two reviews gets two different reviewers and never a third", async () => {
    const batchId = await batch(5, 2);
    const team = await Promise.all(Array.from({ length: 30 }, () => user()));
    const results = await Promise.all(team.map((u) => nextItem(u, { batchId })));
    expect(results.filter((r) => r.itemId !== null)).toHaveLength(10);
    const items = await db().item.findMany({ where: { importBatchId: batchId }, select: { openSlots: true, assignments: { select: { userId: true } } } });
    for (const i of items) {
      expect(i.openSlots).toBe(0);
      expect(i.assignments).toHaveLength(2);
      expect(new Set(i.assignments.map((a) => a.userId)).size).toBe(2);
    }
  });

  it("Next item with nothing left says so", async () => {
    const batchId = await batch(1);
    const [a, b] = [await user(), await user()];
    expect((await nextItem(a, { batchId })).itemId).not.toBeNull();
    const none = await nextItem(b, { batchId });
    expect(none).toEqual({ itemId: null, message: expect.stringMatching(/^Nothing to review/) });
  });

  it("Next item serves the reviewer's own queue first", async () => {
    await batch(2); // a pool with free slots
    const mine = await batch(1);
    const r = await user();
    await assignItems({ reviewerEmails: [r.email], batchId: mine, dueDays: 7, actorId: null });
    const own = await db().item.findFirstOrThrow({ where: { importBatchId: mine } });
    expect(await nextItem(r)).toMatchObject({ itemId: own.id, source: "queue" });
  });
});

describe("working leases", () => {
  it("a heartbeat renews the lease; an expired lease frees the slot; the old holder's heartbeat gets 409 with who and until when", async () => {
    const batchId = await batch(1);
    const a = await user("reviewer", "Dr Lunch");
    const b = await user("reviewer", "Dr Next");
    const t0 = new Date();
    const got = await nextItem(a, { batchId }, t0);
    expect(got.itemId).not.toBeNull();
    const itemId = got.itemId!;
    const opened = await openItem(itemId, a);
    const seenByA = await getReviewItem(itemId, a);
    expect(new Date(opened.workLeaseExpiresAt!).getTime()).toBeGreaterThanOrEqual(t0.getTime() + WORK_LEASE_MS - 1000);

    // Twenty minutes later a heartbeat pushes the lease on by another half hour.
    const t20 = new Date(t0.getTime() + 20 * 60_000);
    const beat = await heartbeat(itemId, a, t20);
    expect(new Date(beat.workLeaseExpiresAt!).getTime()).toBe(t20.getTime() + WORK_LEASE_MS);
    // At t0 + 31 min the renewed lease still holds: B gets nothing.
    const t31 = new Date(t0.getTime() + 31 * 60_000);
    expect((await nextItem(b, { batchId }, t31)).itemId).toBeNull();

    // An hour after the last heartbeat the lease is gone; B's Next item frees the slot and takes it.
    const t90 = new Date(t0.getTime() + 90 * 60_000);
    expect((await nextItem(b, { batchId }, t90)).itemId).toBe(itemId);
    const e = await caught(heartbeat(itemId, a, t90));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toMatch(/^Dr Next now holds this item until \d\d:\d\d UTC/);
    expect(e.details).toMatchObject({ holder: { name: "Dr Next" }, until: expect.any(String) });
    // A's late save is refused and writes nothing; B's save counts.
    const reviewsBefore = await db().review.count({ where: { itemId } });
    const late = await caught(acceptAll(itemId, a, {}, seenByA));
    expect(late).toBeInstanceOf(ForbiddenError);
    expect(late.message).toMatch(/ran out/);
    expect(await db().review.count({ where: { itemId } })).toBe(reviewsBefore);
    expect((await acceptAll(itemId, b)).item.status).toBe("approved");
  });

  it("opening an assigned item takes a working lease and keeps the due date", async () => {
    const batchId = await batch(1);
    const r = await user();
    await assignItems({ reviewerEmails: [r.email], batchId, dueDays: 14, actorId: null });
    const itemId = (await db().item.findFirstOrThrow({ where: { importBatchId: batchId } })).id;
    const before = await db().assignment.findFirstOrThrow({ where: { itemId, userId: r.id } });
    await openItem(itemId, r);
    const after = await db().assignment.findFirstOrThrow({ where: { itemId, userId: r.id } });
    expect(after.dueAt.toISOString()).toBe(before.dueAt.toISOString());
    expect(after.dueAt.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
    expect(after.workLeaseExpiresAt!.getTime()).toBeLessThan(Date.now() + WORK_LEASE_MS + 5000);
    // Closing the workspace ends the lock but not the assignment.
    expect(await releaseItem(itemId, r, "close")).toEqual({ released: false });
    const closed = await db().assignment.findFirstOrThrow({ where: { itemId, userId: r.id } });
    expect(closed).toMatchObject({ status: "assigned", workLeaseExpiresAt: null });
  });

  it("skip gives a pool slot back at once; closing and reopening keeps it", async () => {
    const batchId = await batch(1);
    const [a, b] = [await user(), await user()];
    const itemId = (await nextItem(a, { batchId })).itemId!;
    // A reload: the page-hide release, then the page opens again and takes the slot back.
    expect(await releaseItem(itemId, a, "close")).toEqual({ released: true });
    await openItem(itemId, a);
    expect(await db().assignment.findFirstOrThrow({ where: { itemId, userId: a.id } })).toMatchObject({ status: "assigned" });
    expect((await db().item.findUniqueOrThrow({ where: { id: itemId } })).openSlots).toBe(0);
    expect(await releaseItem(itemId, a, "skip")).toEqual({ released: true });
    expect((await db().item.findUniqueOrThrow({ where: { id: itemId } })).openSlots).toBe(1);
    expect((await nextItem(b, { batchId })).itemId).toBe(itemId);
  });
});

describe("blinding", () => {
  it("reviewer B's responses carry no trace of reviewer A's review before the item is decided", async () => {
    const batchId = await batch(1, 2);
    const a = await user("reviewer", "Dr Alpha Blind");
    const b = await user("reviewer", "Dr Beta");
    const itemId = (await nextItem(a, { batchId })).itemId!;
    const view = await getReviewItem(itemId, a);
    const c = view.current.content as { question: string; answer: string };
    const secret = "ALPHA-SECRET-EDIT-7731";
    const mine = await submitReview(
      itemId,
      {
        baseVersionId: view.current.id,
        decision: "edit",
        reason: "poor_language",
        severity: "minor",
        comment: "ALPHA-COMMENT-9912",
        editedContent: { ...c, answer: `${c.answer} ${secret}` },
        levels: view.levels.map((l) => ({ level: l.level, decision: "accept" })),
        timeSpentMs: 1000,
      } as SubmitReviewInput,
      a,
    );
    expect(mine.item.status).toBe("in_review");

    const next = await nextItem(b, { batchId });
    expect(next.itemId).toBe(itemId);
    const responses = [next, await openItem(itemId, b), await getReviewItem(itemId, b), await itemHistory(itemId, b), await reviewQueue(b.id), await heartbeat(itemId, b)];
    const text = JSON.stringify(responses);
    for (const trace of [secret, "ALPHA-COMMENT-9912", "Dr Alpha Blind", a.id, mine.review.id, mine.version!.id]) expect(text).not.toContain(trace);
  });
});

describe("image access", () => {
  it("an assigned reviewer reads every image of the item's case, and nothing of a case where they hold no item", async () => {
    const batchId = await batch(1, 1, "mcq");
    const r = await user();
    await assignItems({ reviewerEmails: [r.email], batchId, dueDays: 7, actorId: null });
    const itemId = (await db().item.findFirstOrThrow({ where: { importBatchId: batchId } })).id;
    const view = await getReviewItem(itemId, r);
    expect(view.images).toHaveLength(1); // the item names one slice
    const caseImages = await db().image.findMany({ where: { series: { caseId: view.images[0].caseId } }, select: { id: true } });
    expect(caseImages.length).toBeGreaterThan(10); // the sagittal stack and the radiographs of the case
    for (const i of caseImages) expect(await canReadImage(r, i.id)).toBe(true);

    const elsewhere = await db().image.create({
      data: {
        sha256: unique("sha"),
        storageKey: "x",
        format: "png",
        sizeBytes: 1,
        series: { create: { modality: "XR", case: { create: { externalId: unique("case") } } } },
      },
    });
    expect(await canReadImage(r, elsewhere.id)).toBe(false);
    const stranger = await user();
    expect(await canReadImage(stranger, caseImages[0].id)).toBe(false);
  });
});

describe("query planning", () => {
  it("an import leaves SQLite planner statistics, and the pool query reads its index without sorting", async () => {
    await batch(3);
    if (process.env.TEST_PROVIDER !== "sqlite") return; // PostgreSQL's autovacuum keeps its own statistics
    const rows = await db().$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'Item'`);
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    const plan = await db().$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT i."id" FROM "Item" i INDEXED BY "Item_openSlots_id_idx" WHERE i."openSlots" > 0 AND i."stagedBatchId" IS NULL AND i."status" IN ('pending', 'in_review') ORDER BY i."openSlots", i."id" LIMIT 16`,
    );
    expect(plan.map((p) => p.detail).join(" | ")).not.toMatch(/TEMP B-TREE/);
  });
});

describe("assign and the queue at scale", () => {
  it("assigns 2,500 items needing two reviews each past the parameter limit, then continues where --limit stopped", async () => {
    const batchId = await batch(2500, 2);
    const team = await Promise.all([user(), user(), user()]);
    const emails = team.map((t) => t.email);
    const first = await assignItems({ reviewerEmails: emails, batchId, dueDays: 7, actorId: null, limit: 1000 });
    expect(first).toMatchObject({ itemsConsidered: 1000, assignmentsCreated: 2000, itemsFullyAssigned: 1000 });
    const second = await assignItems({ reviewerEmails: emails, batchId, dueDays: 7, actorId: null, limit: 1000 });
    expect(second).toMatchObject({ itemsConsidered: 1000, assignmentsCreated: 2000 });
    const rest = await assignItems({ reviewerEmails: emails, batchId, dueDays: 7, actorId: null });
    expect(rest).toMatchObject({ itemsConsidered: 500, assignmentsCreated: 1000 });
    expect(await assignItems({ reviewerEmails: emails, batchId, dueDays: 7, actorId: null })).toMatchObject({ itemsConsidered: 0, assignmentsCreated: 0 });
    expect(await db().assignment.count({ where: { item: { importBatchId: batchId } } })).toBe(5000);
    expect(await db().item.count({ where: { importBatchId: batchId, openSlots: { not: 0 } } })).toBe(0);
    const perUser = await Promise.all(team.map((t) => db().assignment.count({ where: { userId: t.id } })));
    expect(Math.max(...perUser) - Math.min(...perUser)).toBeLessThanOrEqual(1);
    expect(await db().auditEvent.count({ where: { action: "assignment.create", targetId: { in: (await db().item.findMany({ where: { importBatchId: batchId }, select: { id: true }, take: 300 })).map((i) => i.id) } } })).toBe(600);
    expect((await verifyAuditChain()).ok).toBe(true);

    // My queue by keyset: every assigned item exactly once, in pages of 50.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await reviewQueue(team[0].id, {}, { cursor, limit: 200 });
      expect(page.total).toBe(perUser[0]);
      seen.push(...page.items.map((i) => i.itemId));
      pages++;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(perUser[0]);
    expect(new Set(seen).size).toBe(perUser[0]);
    expect(pages).toBe(Math.ceil(perUser[0] / 200));
  });
});
