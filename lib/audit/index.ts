import "server-only";
// Append-only audit trail. Every event is written in the same transaction as the change it records and is
// chained to the previous event by its hash, so a changed, removed or inserted row breaks the chain.
import { db, dbConfig, type Tx } from "@/lib/db/client";
import { eventHash, GENESIS_HASH, PG_AUDIT_LOCK } from "./hash";

export interface AuditInput {
  actorId: string | null;
  action: string; // e.g. user.create, item.decide, level.correct
  targetType: string; // user | item | review | import | export
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one event inside the caller's transaction. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await appendAuditMany(tx, [input]);
}

/**
 * Appends events in order inside the caller's transaction: the chain is computed in memory and written with one
 * multi-row insert, so a bulk action (assigning 100,000 items) still writes one event per change.
 */
export async function appendAuditMany(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  if (dbConfig().provider === "postgres") {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PG_AUDIT_LOCK})`);
  }
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    const before = input.before === undefined ? null : JSON.parse(JSON.stringify(input.before));
    const after = input.after === undefined ? null : JSON.parse(JSON.stringify(input.after));
    const hash = eventHash({ prevHash, at, actorId: input.actorId, action: input.action, targetType: input.targetType, targetId: input.targetId, before, after });
    const row = { at, actorId: input.actorId, action: input.action, targetType: input.targetType, targetId: input.targetId, before: before ?? undefined, after: after ?? undefined, prevHash, hash };
    prevHash = hash;
    return row;
  });
  if (rows.length === 1) await tx.auditEvent.create({ data: rows[0] });
  // Rows are inserted in array order, so seq follows the chain.
  else await tx.auditEvent.createMany({ data: rows });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Recomputes every hash in order; names the first event that does not match. */
export async function verifyAuditChain(onProgress?: (checked: number) => void): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let cursor = 0;
  const page = 2000;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: page });
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prevHash) {
        return { ok: false, checked, firstBroken: { seq: r.seq, reason: "its previous-hash does not match the event before it (an event was removed or inserted)" } };
      }
      const expected = eventHash({ prevHash, at: r.at, actorId: r.actorId, action: r.action, targetType: r.targetType, targetId: r.targetId, before: r.before ?? null, after: r.after ?? null });
      if (expected !== r.hash) {
        return { ok: false, checked, firstBroken: { seq: r.seq, reason: "its content does not match its hash (the row was changed)" } };
      }
      prevHash = r.hash;
      checked++;
      cursor = r.seq;
    }
    onProgress?.(checked);
  }
  return { ok: true, checked };
}
