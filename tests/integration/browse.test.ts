// The items browser on a real database (run on SQLite and PostgreSQL): full-text search in English and Chinese
// kept current by import, re-import and agreed edits; every filter; keyset pages without duplicates or gaps
// across ties; bulk actions with their audit events, inline and as a job through `npm run bulk`.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { browseFilterSchema, type BrowseFilterInput, type Sort } from "@/lib/browse/filters";
import { browseItems, countItems, pageIds } from "@/lib/browse/list";
import { resolveFilter, searchTerms } from "@/lib/browse/filters";
import { shortOnly } from "@/lib/browse/query";
import { runBulk } from "@/lib/bulk/run";
import { runImport } from "@/lib/import/run";
import { getJob } from "@/lib/jobs";
import { submitReview, type Actor } from "@/lib/review";
import { jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

const P = unique("br").replace(/-/g, "_"); // this file's items: every query filters on ext = P
let admin: Actor;
let reviewer: Actor & { email: string };
let reviewer2: Actor & { email: string };

function textLine(n: number, question: string, patch: (l: Record<string, any>) => void = () => {}) {
  return line("open_qa", `${P}-${String(n).padStart(2, "0")}`, (l) => {
    l.draft.content.question = question;
    l.revision.content.question = question;
    l.draft.content.answer = "Answer withheld.";
    l.revision.content.answer = "Answer withheld.";
    patch(l);
  });
}

const TEXTS = [
  "Lumbar disc herniation at L4/L5 compressing the L5 root",
  "Cervical spondylotic myelopathy with cord signal change",
  "Far-lateral DISC herniation: which root? 50%_off (x) \"quoted\" back\\slash",
  "患者腰痛伴左下肢放射痛，MRI示L4/L5椎间盘突出",
  "颈椎病神经根型，上肢麻木",
  "Spondylolisthesis of L4 on L5 with canal stenosis",
  "Thoracic disc calcification",
];

async function importLines(lines: Record<string, any>[], requiredReviews = 1) {
  const file = jsonl(tempDir(), "items.jsonl", lines);
  const r = await runImport({ itemsFile: file, policy: "refuse", dryRun: false, skipInvalid: false, actorId: admin.id, requiredReviews });
  expect(r.errors).toEqual([]);
  expect(r.status).toBe("completed");
  return r;
}

async function person(role: Actor["role"]) {
  const email = `${unique(role)}@example.org`;
  const u = await db().user.create({ data: { email, name: `${role} ${email.slice(0, 12)}`, role, passwordHash: "x" } });
  return { id: u.id, role, email };
}

const ext = (ids: string[]) => ids.map((id) => id.slice(P.length + 1));
async function find(f: BrowseFilterInput, sort: Sort = "externalId"): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await browseItems(browseFilterSchema.parse({ ext: P, ...f }), sort, cursor);
    all.push(...page.rows.map((r) => r.externalId));
    if (!page.next) break;
    cursor = page.next;
  }
  return ext(all);
}

beforeAll(async () => {
  admin = await person("admin");
  reviewer = await person("reviewer");
  reviewer2 = await person("reviewer");
  await importLines(
    TEXTS.map((t, i) =>
      textLine(i, t, (l) => {
        if (i >= 3 && i <= 4) l.language = "zh";
        if (i === 1) l.levels = ["C5/C6"];
        if (i === 5) l.subfield = "degenerative_cervical";
        if (i === 6) l.provenance.sourceType = "guideline";
      }),
    ),
  );
});

describe("search", () => {
  it("finds English words case-insensitively, as substrings, every word required, phrases in quotes", async () => {
    expect(await find({ q: "herniation" })).toEqual(["00", "02"]);
    expect(await find({ q: "HERNIATION disc" })).toEqual(["00", "02"]);
    expect(await find({ q: "herniation lumbar" })).toEqual(["00"]);
    expect(await find({ q: '"disc herniation"' })).toEqual(["00", "02"]);
    expect(await find({ q: '"herniation disc"' })).toEqual([]);
    expect(await find({ q: "stenos" })).toEqual(["05"]);
  });

  it("finds Chinese text of three characters or more through the index, and of one or two characters by scanning", async () => {
    expect(await find({ q: "椎间盘突出" })).toEqual(["03"]);
    expect(await find({ q: "颈椎病" })).toEqual(["04"]);
    expect(await find({ q: "腰痛" })).toEqual(["03"]);
    expect(await find({ q: "椎" })).toEqual(["03", "04"]);
    expect(await countItems(browseFilterSchema.parse({ ext: P, q: "椎" }))).toBeNull();
    expect((await browseItems(browseFilterSchema.parse({ ext: P, q: "椎" }))).scanned).toContain("one- or two-character");
    expect(await find({ q: "麻木 颈椎病" })).toEqual(["04"]);
  });

  it("takes regex and SQL metacharacters, quotes and backslashes literally, never failing", async () => {
    expect(await find({ q: "%_" })).toEqual(["02"]);
    expect(await find({ q: "50%_off" })).toEqual(["02"]);
    expect(await find({ q: "%" })).toEqual(["02"]);
    expect(await find({ q: "_" })).toEqual(["02"]);
    expect(await find({ q: "(x)" })).toEqual(["02"]);
    expect(await find({ q: 'quoted"' })).toEqual(["02"]);
    expect(await find({ q: "back\\slash" })).toEqual(["02"]);
    expect(await find({ q: "\\" })).toEqual(["02"]);
    for (const q of [`"%_*"()`, `' OR 1=1; --`, `disc" OR "x`, "NEAR(disc root)", "disc*", "^disc", "a:b", `"""`, ".*+?[]{}|"]) {
      await expect(find({ q })).resolves.toBeInstanceOf(Array);
      // A search only of one- or two-character terms is not counted (it would read every text); others are.
      const n = await countItems(browseFilterSchema.parse({ q, ext: P }));
      if (shortOnly(searchTerms(q))) expect(n).toBeNull();
      else expect(n).toBeGreaterThanOrEqual(0);
    }
    expect(await find({ q: "disc* NEAR" })).toEqual([]);
  });

  it("follows a re-import that changes the text, and a round agreed on an edit", async () => {
    await importLines([textLine(6, "Thoracic disc ossification of the ligamentum flavum", (l) => (l.provenance.sourceType = "guideline"))]);
    expect(await find({ q: "calcification" })).toEqual([]);
    expect(await find({ q: "ossification" })).toEqual(["06"]);

    const item = await db().item.findUniqueOrThrow({ where: { externalId: `${P}-05` }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
    await db().assignment.create({ data: { itemId: item.id, userId: reviewer.id, dueAt: new Date(Date.now() + 3_600_000) } });
    await db().item.update({ where: { id: item.id }, data: { openSlots: 0 } });
    const content = { ...(item.versions[0].content as Record<string, string>), question: "Isthmic spondylolisthesis of L4 on L5, edited by the surgeon" };
    await submitReview(item.id, { baseVersionId: item.currentVersionId!, decision: "edit", reason: "poor_language", severity: "minor", editedContent: content, levels: [{ level: "L4/L5", decision: "accept" }], timeSpentMs: 1000 }, reviewer);
    expect(await find({ q: "edited by the surgeon" })).toEqual(["05"]);
    expect(await find({ q: "canal stenosis" })).toEqual([]);
  });

  it("each row of a page holds what the item holds: fields, levels in cranio-caudal order, counts of versions and reviews", async () => {
    const page = await browseItems(browseFilterSchema.parse({ ext: P }));
    expect(page.rows.length).toBeGreaterThan(3);
    const reviewed = page.rows.find((r) => r.externalId === `${P}-05`);
    expect(reviewed?.reviews).toBe(1);
    for (const row of page.rows) {
      const it = await db().item.findUniqueOrThrow({
        where: { id: row.id },
        include: { levels: { orderBy: { rank: "asc" } }, _count: { select: { versions: true, reviews: true } } },
      });
      expect(row).toEqual({
        id: it.id, externalId: it.externalId, taskType: it.taskType, language: it.language, modality: it.modality, subfield: it.subfield,
        status: it.status, sourceType: it.sourceType, isGold: it.isGold, requiredReviews: it.requiredReviews,
        levels: it.levels.map((l) => l.level), versions: it._count.versions, reviews: it._count.reviews, updatedAt: it.updatedAt.toISOString(),
      });
    }
  });

  it("refuses a 10,000-character search with a message, before any query", () => {
    const r = browseFilterSchema.safeParse({ q: "椎".repeat(10_000) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/too long/);
  });
});

describe("filters", () => {
  it("narrows by each filter, and a value that does not exist gives an empty list, not an error", async () => {
    expect(await find({ language: "zh" })).toEqual(["03", "04"]);
    expect(await find({ level: "C5/C6" })).toEqual(["01"]);
    expect(await find({ level: "c5-6" })).toEqual(["01"]);
    expect(await find({ subfield: "degenerative_cervical" })).toEqual(["05"]);
    expect(await find({ source: "guideline" })).toEqual(["06"]);
    expect(await find({ taskType: "open_qa" })).toHaveLength(7);
    expect(await find({ taskType: "mcq" })).toEqual([]);
    expect(await find({ modality: "MR" })).toEqual([]);
    expect(await find({ status: "approved" })).toEqual(["05"]);
    expect(await find({ status: "pending" })).toHaveLength(6);
    expect(await find({ reviewer: reviewer.id })).toEqual(["05"]);
    const batch = await db().item.findUniqueOrThrow({ where: { externalId: `${P}-06` }, select: { importBatchId: true } });
    expect(await find({ batch: batch.importBatchId! })).toHaveLength(7); // a re-import adds versions, the item stays in the batch that created it
    for (const bad of [{ status: "bogus" }, { level: "L9" }, { taskType: "essay" }, { language: "fr" }, { gold: "maybe" }, { reviewer: "nobody" }, { batch: "none" }, { subfield: "x'; --" }]) {
      const page = await browseItems(browseFilterSchema.parse({ ext: P, ...bad }));
      expect(page.rows).toEqual([]);
      expect(await countItems(browseFilterSchema.parse({ ext: P, ...bad }))).toBe(0);
    }
    expect((await browseItems(browseFilterSchema.parse({ status: "bogus" }))).impossible).toContain("bogus");
  });

  it("gold, disputed and has-level-corrections", async () => {
    const [a, b] = await Promise.all([`${P}-00`, `${P}-01`].map((e) => db().item.findUniqueOrThrow({ where: { externalId: e } })));
    await runBulk({ action: "gold", expected: "accept" }, [a.id], admin);
    expect(await find({ gold: "yes" })).toEqual(["00"]);
    expect(await find({ gold: "no" })).not.toContain("00");

    // Two reviewers disagree on item 01, one moving its level: disputed, and it has a level correction.
    await db().item.update({ where: { id: b.id }, data: { requiredReviews: 2, openSlots: 0 } });
    for (const r of [reviewer, reviewer2]) await db().assignment.create({ data: { itemId: b.id, userId: r.id, dueAt: new Date(Date.now() + 3_600_000) } });
    await submitReview(b.id, { baseVersionId: b.currentVersionId!, decision: "accept", levels: [{ level: "C5/C6", decision: "accept" }], timeSpentMs: 10 }, reviewer);
    expect(await find({ disputed: "yes" })).toEqual([]);
    await submitReview(b.id, { baseVersionId: b.currentVersionId!, decision: "accept", levels: [{ level: "C5/C6", decision: "edit", correctedLevel: "C6/C7" }], timeSpentMs: 10 }, reviewer2);
    expect(await find({ disputed: "yes" })).toEqual(["01"]);
    expect(await find({ corrected: "yes" })).toEqual(["01"]);
    expect(await find({ corrected: "no" })).not.toContain("01");
    expect(await find({ disputed: "no" })).not.toContain("01");
    expect(await find({ status: "disputed", reviewer: reviewer2.id })).toEqual(["01"]);
  });
});

describe("keyset pages", () => {
  it("walk every sort in pages of 2 with no duplicate and no gap, through ties of the sort key", async () => {
    const ids = await db().item.findMany({ where: { externalId: { startsWith: `${P}-` } }, select: { id: true, externalId: true } });
    // Every item gets one of two timestamps: many ties on updatedAt.
    const t = [new Date("2026-03-01T10:00:00.000Z"), new Date("2026-03-01T10:00:00.001Z")];
    for (const [i, it] of ids.entries()) await db().item.update({ where: { id: it.id }, data: { updatedAt: t[i % 2] } });
    const f = resolveFilter(browseFilterSchema.parse({ ext: P }));
    for (const sort of ["externalId", "-externalId", "-updatedAt", "updatedAt"] as const) {
      const whole = (await pageIds(f, sort, null, 100)).ids;
      expect(whole).toHaveLength(ids.length);
      const walked: string[] = [];
      let cursor = null;
      for (let n = 0; n < 20; n++) {
        const page: Awaited<ReturnType<typeof pageIds>> = await pageIds(f, sort, cursor, 2);
        walked.push(...page.ids);
        if (!page.next) break;
        cursor = page.next;
      }
      expect(walked).toEqual(whole);
      expect(new Set(walked).size).toBe(ids.length);
    }
    const byTime = await db().item.findMany({ where: { externalId: { startsWith: `${P}-` } }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect((await pageIds(f, "-updatedAt", null, 100)).ids).toEqual(byTime.map((r) => r.id));
    // A search walks its own order the same way.
    const s = resolveFilter(browseFilterSchema.parse({ ext: P, q: "disc" }));
    const whole = (await pageIds(s, "externalId", null, 100)).ids;
    expect(whole.length).toBeGreaterThanOrEqual(2);
    const first = await pageIds(s, "externalId", null, 1);
    const rest = await pageIds(s, "externalId", first.next, 100);
    expect([...first.ids, ...rest.ids]).toEqual(whole);
  });
});

describe("bulk actions", () => {
  it("mark and unmark gold, set required reviews, send back and assign, each change audited", async () => {
    const items = await db().item.findMany({ where: { externalId: { in: [`${P}-02`, `${P}-03`, `${P}-04`] } }, orderBy: { externalId: "asc" } });
    const ids = items.map((i) => i.id);
    const audit = (action: string) => db().auditEvent.count({ where: { action, actorId: admin.id, targetId: { in: ids } } });

    const gold = await runBulk({ action: "gold", expected: "accept" }, ids, admin);
    expect(gold).toMatchObject({ items: 3, changed: 3, skipped: 0 });
    expect(await db().goldStandard.count({ where: { itemId: { in: ids } } })).toBe(3);
    expect(await audit("item.gold")).toBe(3);
    const ungold = await runBulk({ action: "ungold" }, [...ids, "nosuchitem000"], admin);
    expect(ungold).toMatchObject({ items: 4, changed: 3, skipped: 1 });
    expect(await db().item.count({ where: { id: { in: ids }, isGold: true } })).toBe(0);
    expect(await audit("item.gold_removed")).toBe(3);

    const rr = await runBulk({ action: "required_reviews", requiredReviews: 3 }, ids, admin);
    expect(rr.changed).toBe(3);
    expect((await db().item.findMany({ where: { id: { in: ids } }, select: { requiredReviews: true, openSlots: true } })).every((i) => i.requiredReviews === 3 && i.openSlots === 3)).toBe(true);
    expect(await audit("item.required_reviews")).toBe(3);

    const assign = await runBulk({ action: "assign", reviewers: [reviewer.email, reviewer2.email], dueDays: 7 }, ids, admin);
    expect(assign).toMatchObject({ items: 3, changed: 3, assignments: 6 });
    expect(await db().assignment.count({ where: { itemId: { in: ids }, status: "assigned" } })).toBe(6);
    expect(await audit("assignment.create")).toBe(6);

    // Send back: only decided items go back; the approved item 05 does, the pending ones are left with a reason.
    const approved = await db().item.findUniqueOrThrow({ where: { externalId: `${P}-05` } });
    const sb = await runBulk({ action: "send_back", note: "Check the level again" }, [approved.id, ids[0]], admin);
    expect(sb).toMatchObject({ changed: 1, skipped: 1 });
    expect(sb.reasons[0]).toContain("not decided");
    expect(await db().item.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({ status: "pending", round: 2, sendBackNote: "Check the level again" });
    expect(await db().auditEvent.count({ where: { action: "item.send_back", targetId: approved.id } })).toBe(1);
  });

  it("lowering required reviews below the reviews a round has decides the round", async () => {
    const it1 = await db().item.findUniqueOrThrow({ where: { externalId: `${P}-06` } });
    await db().item.update({ where: { id: it1.id }, data: { requiredReviews: 2, openSlots: 1 } });
    await db().assignment.create({ data: { itemId: it1.id, userId: reviewer2.id, dueAt: new Date(Date.now() + 3_600_000) } });
    await submitReview(it1.id, { baseVersionId: it1.currentVersionId!, decision: "accept", levels: [{ level: "L4/L5", decision: "accept" }], timeSpentMs: 10 }, reviewer2);
    expect((await db().item.findUniqueOrThrow({ where: { id: it1.id } })).status).toBe("in_review");
    await runBulk({ action: "required_reviews", requiredReviews: 1 }, [it1.id], admin);
    expect((await db().item.findUniqueOrThrow({ where: { id: it1.id } })).status).toBe("approved");
  });

  it("runs a whole filter as a job through npm run bulk, with progress and report in the job, and refuses a non-admin", async () => {
    const job = await db().job.create({ data: { type: "bulk", status: "queued", createdById: admin.id, message: "test" } });
    const filter = new URLSearchParams({ ext: P, language: "zh" }).toString();
    const r = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/bulk.ts", "--job", job.id, "--actor-id", admin.id, "--action-json", JSON.stringify({ action: "gold", expected: "reject" }), "--filter", filter], { encoding: "utf8", env: process.env });
    expect(r.stderr + r.stdout).toContain("2 item(s): 2 changed");
    expect(r.status).toBe(0);
    const done = await getJob(job.id);
    expect(done).toMatchObject({ status: "completed", result: { action: "gold", items: 2, changed: 2 } });
    expect(done!.progress).toMatchObject({ done: 2, total: 2 });
    expect(await find({ gold: "yes" })).toEqual(["00", "03", "04"]);

    const refused = await db().job.create({ data: { type: "bulk", status: "queued", createdById: reviewer.id, message: "test" } });
    const r2 = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/bulk.ts", "--job", refused.id, "--actor-id", reviewer.id, "--action", "ungold", "--filter", filter], { encoding: "utf8", env: process.env });
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain("not an admin");
    expect(await getJob(refused.id)).toMatchObject({ status: "failed" });
    expect(await find({ gold: "yes" })).toEqual(["00", "03", "04"]);
  }, 240_000);
});
