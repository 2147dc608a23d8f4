import { describe, expect, it } from "vitest";
import { assignItems, releaseExpiredLeases } from "@/lib/assignments/service";
import { verifyAuditChain } from "@/lib/audit";
import { runImport } from "@/lib/import/run";
import { createUser } from "@/lib/users/service";
import { jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

async function reviewers(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await createUser({ email: `${unique("as")}@x.org`, name: `R${i}`, role: "reviewer", password: "long-enough-pw" }, null));
  return out;
}

describe("assignments", () => {
  it("gives each item as many different reviewers as it requires, spread evenly, with a lease", async () => {
    const id = unique("asg");
    const file = jsonl(tempDir(), "items.jsonl", [
      ...Array.from({ length: 5 }, (_, i) => line("open_qa", `${id}-one-${i}`)),
      ...Array.from({ length: 3 }, (_, i) => line("open_qa", `${id}-two-${i}`, (l) => (l.requiredReviews = 2))),
    ]);
    const imported = await runImport({ itemsFile: file, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
    expect(imported.status).toBe("completed");
    const team = await reviewers(3);
    const ids = await db().item.findMany({ where: { externalId: { startsWith: id } }, select: { id: true } });
    const r = await assignItems({ reviewerEmails: team.map((t) => t.email), dueDays: 7, actorId: null, batchId: imported.batchId! });
    expect(r).toMatchObject({ itemsConsidered: 8, assignmentsCreated: 5 + 3 * 2, itemsFullyAssigned: 8 });
    const mine = await db().assignment.findMany({ where: { itemId: { in: ids.map((i) => i.id) } }, include: { item: true } });
    for (const item of ids) {
      const holders = mine.filter((a) => a.itemId === item.id).map((a) => a.userId);
      const required = mine.find((a) => a.itemId === item.id)!.item.requiredReviews;
      expect(holders).toHaveLength(required);
      expect(new Set(holders).size).toBe(required); // never twice to the same reviewer
    }
    const counts = team.map((t) => mine.filter((a) => a.userId === t.id).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(mine.every((a) => a.dueAt.getTime() > Date.now() + 6 * 24 * 3600 * 1000)).toBe(true);
    // Running it again adds nothing for these items.
    const again = await assignItems({ reviewerEmails: team.map((t) => t.email), dueDays: 7, actorId: null, batchId: imported.batchId! });
    expect(again.assignmentsCreated).toBe(0);
    expect(await db().assignment.count({ where: { itemId: { in: ids.map((i) => i.id) } } })).toBe(mine.length);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("releases expired leases so the item can go to someone else", async () => {
    const id = unique("lease");
    const file = jsonl(tempDir(), "items.jsonl", [line("open_qa", `${id}-a`)]);
    const imported = await runImport({ itemsFile: file, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
    const [a, b] = await reviewers(2);
    const item = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-a` } });
    await db().assignment.create({ data: { itemId: item.id, userId: a.id, dueAt: new Date(Date.now() - 1000) } });
    expect(await releaseExpiredLeases(null)).toBeGreaterThanOrEqual(1);
    expect((await db().assignment.findFirstOrThrow({ where: { itemId: item.id, userId: a.id } })).status).toBe("released");
    await assignItems({ reviewerEmails: [b.email], dueDays: 1, actorId: null, batchId: imported.batchId! });
    expect(await db().assignment.count({ where: { itemId: item.id, userId: b.id, status: "assigned" } })).toBe(1);
  });

  it("refuses an unknown reviewer by name", async () => {
    await expect(assignItems({ reviewerEmails: ["nobody-at-all@x.org"], dueDays: 1, actorId: null })).rejects.toThrow("No active user nobody-at-all@x.org.");
  });
});
