import { describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "@/lib/audit";
import { withDatabase, unique } from "./setup";

const db = withDatabase();

describe("audit chain", () => {
  it("chains events and verifies", async () => {
    const target = unique("t");
    await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.one", targetType: "test", targetId: target, after: { a: 1 } }));
    await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.two", targetType: "test", targetId: target, before: { a: 1 }, after: { a: 2 } }));
    const [one, two] = await db().auditEvent.findMany({ where: { targetId: target }, orderBy: { seq: "asc" } });
    expect(two.prevHash).toBe(one.hash);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("concurrent writers still form one chain", async () => {
    const target = unique("c");
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.concurrent", targetType: "test", targetId: target, after: { i } })),
      ),
    );
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true });
    expect(await db().auditEvent.count({ where: { targetId: target } })).toBe(8);
  });

  it("catches a changed row and names it", async () => {
    const target = unique("x");
    await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.tamper", targetType: "test", targetId: target, after: { decision: "reject" } }));
    const row = await db().auditEvent.findFirstOrThrow({ where: { targetId: target } });
    await db().auditEvent.update({ where: { seq: row.seq }, data: { after: { decision: "accept" } } });
    try {
      const report = await verifyAuditChain();
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.seq).toBe(row.seq);
      expect(report.firstBroken?.reason).toMatch(/content does not match its hash/);
    } finally {
      await db().auditEvent.update({ where: { seq: row.seq }, data: { after: { decision: "reject" } } });
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("catches a removed row", async () => {
    const target = unique("r");
    for (const n of [1, 2, 3]) {
      await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: `test.remove${n}`, targetType: "test", targetId: target }));
    }
    const rows = await db().auditEvent.findMany({ where: { targetId: target }, orderBy: { seq: "asc" } });
    await db().auditEvent.delete({ where: { seq: rows[1].seq } });
    try {
      const report = await verifyAuditChain();
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.seq).toBe(rows[2].seq);
    } finally {
      const { seq: _seq, ...restored } = rows[1];
      await db().auditEvent.create({ data: { ...restored, seq: rows[1].seq, before: undefined, after: undefined } });
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
