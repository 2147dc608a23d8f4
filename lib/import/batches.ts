import "server-only";
// The life of an import batch in the database. A batch writes in short transactions whose rows stay invisible
// (Item.stagedBatchId) until one last short transaction makes the whole batch visible. While it runs, its row says
// who owns it and when it last wrote (ImportBatch.report.running); a batch still `running` whose owner is gone —
// the process no longer exists on this machine, or no sign of life for BATCH_STALE_MS from any machine — was
// killed: the next import, or the next app start, removes what it left and marks it failed.
import { readFileSync, readlinkSync } from "node:fs";
import os from "node:os";
import { dbConfig } from "@/lib/db/client";
import { imageStore, type ImageStore } from "@/lib/storage";
import { openBulk, type BulkTx } from "./bulk";

/** A running batch writes at least every second; one silent for this long has stopped (any machine). */
export const BATCH_STALE_MS = 60_000;
const DELETE_CHUNK = 2_000;

export interface RunningInfo {
  owner: string; // machine and process namespace
  pid: number;
  heartbeatAt: string;
  lines?: number;
}

let ownerCache: string | undefined;
/** Identifies this machine's process namespace: pids are only comparable within it. */
export function ownerKey(): string {
  if (ownerCache) return ownerCache;
  let boot = "";
  let ns = "";
  try {
    boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    /* not Linux */
  }
  try {
    ns = readlinkSync("/proc/self/ns/pid");
  } catch {
    /* not Linux */
  }
  ownerCache = `${os.hostname()}|${boot}|${ns}`;
  return ownerCache;
}

export function runningInfo(extra: { lines?: number } = {}): RunningInfo {
  return { owner: ownerKey(), pid: process.pid, heartbeatAt: new Date().toISOString(), ...extra };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process that no one has reaped yet (a zombie) still answers signals: it is gone all the same.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/** Why a running batch is abandoned, or null while its owner is alive. */
export function abandonment(report: unknown, startedAt: Date, now = Date.now()): string | null {
  const info = (parseJson(report) as { running?: RunningInfo } | null)?.running;
  const last = info ? Date.parse(info.heartbeatAt) : startedAt.getTime();
  if (info && info.owner === ownerKey() && info.pid !== process.pid && !processAlive(info.pid)) {
    return `its process (${info.pid}) ended before it completed`;
  }
  if (now - last > BATCH_STALE_MS) return `no sign of life for ${Math.round((now - last) / 1000)} s`;
  return null;
}

export interface BatchRow {
  id: string;
  fileName: string;
  startedAt: Date;
  report: unknown;
}

export async function runningBatches(tx: BulkTx): Promise<BatchRow[]> {
  const rows = await tx.all<{ id: string; fileName: string; startedAt: string | Date; report: unknown }>(
    `SELECT "id", "fileName", "startedAt", "report" FROM "ImportBatch" WHERE "status" = 'running'`,
  );
  return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt instanceof Date ? r.startedAt : String(r.startedAt).replace(" ", "T")) }));
}

/** Records a running batch's sign of life (in the caller's transaction). */
export async function heartbeat(tx: BulkTx, batchId: string, lines?: number): Promise<void> {
  await tx.run(`UPDATE "ImportBatch" SET "report" = ? WHERE "id" = ?`, [JSON.stringify({ running: runningInfo({ lines }) }), batchId]);
}

async function idsOf(tx: BulkTx, sql: string, params: unknown[]): Promise<string[]> {
  return (await tx.all<{ id: string }>(sql, params)).map((r) => r.id);
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(",");

/**
 * Removes everything a batch wrote and did not make visible, in short transactions (none of it is visible, so
 * removing it piecemeal is safe): staged items with their versions, levels and image links (cascade), the image
 * rows it added that nothing refers to, with their files, the series and cases it created that are now empty, and
 * its staging folder. Idempotent: a removal interrupted half-way is finished by the next one.
 */
export async function discardBatch(tx: BulkTx, batchId: string, store: ImageStore = imageStore()): Promise<void> {
  for (;;) {
    await tx.begin();
    const ids = await idsOf(tx, `SELECT "id" FROM "Item" WHERE "stagedBatchId" = ? LIMIT ${DELETE_CHUNK}`, [batchId]);
    if (ids.length) await tx.run(`DELETE FROM "Item" WHERE "id" IN (${placeholders(ids.length)})`, ids);
    await tx.commit();
    if (ids.length < DELETE_CHUNK) break;
  }
  await tx.begin();
  const images = await tx.all<{ id: string; storageKey: string }>(
    `SELECT "id", "storageKey" FROM "Image" i WHERE "importBatchId" = ? AND NOT EXISTS (SELECT 1 FROM "ItemImage" l WHERE l."imageId" = i."id")`,
    [batchId],
  );
  for (let i = 0; i < images.length; i += 500) {
    const part = images.slice(i, i + 500).map((r) => r.id);
    await tx.run(`DELETE FROM "Image" WHERE "id" IN (${placeholders(part.length)})`, part);
  }
  const started = `(SELECT "startedAt" FROM "ImportBatch" WHERE "id" = ?)`;
  await tx.run(`DELETE FROM "Series" WHERE "createdAt" = ${started} AND NOT EXISTS (SELECT 1 FROM "Image" i WHERE i."seriesId" = "Series"."id")`, [batchId]);
  await tx.run(
    `DELETE FROM "Case" WHERE "createdAt" = ${started} AND NOT EXISTS (SELECT 1 FROM "Series" s WHERE s."caseId" = "Case"."id") AND NOT EXISTS (SELECT 1 FROM "Item" it WHERE it."caseId" = "Case"."id")`,
    [batchId],
  );
  await tx.commit();
  // Files of the removed rows: in the store only if the batch died between moving them in and committing.
  for (const img of images) await store.remove(img.storageKey);
  await store.discardStaged(batchId);
}

const castStatus = (tx: BulkTx) => (tx.provider === "postgres" ? `?::"JobStatus"` : "?");

/** Marks a discarded batch failed, saying why (the row stays as the record of the attempt). */
export async function markFailed(tx: BulkTx, batchId: string, reason: string): Promise<void> {
  await tx.begin();
  await tx.run(`UPDATE "ImportBatch" SET "status" = ${castStatus(tx)}, "finishedAt" = ?, "report" = ? WHERE "id" = ?`, [
    "failed", new Date(), JSON.stringify({ error: reason }), batchId,
  ]);
  await tx.commit();
}

/** Removes the leftovers of every batch whose owner is gone. Returns the batches it recovered. */
export async function recoverAbandonedImports(tx?: BulkTx): Promise<{ id: string; fileName: string; reason: string }[]> {
  const conn = tx ?? (await openBulk(dbConfig()));
  try {
    const recovered: { id: string; fileName: string; reason: string }[] = [];
    for (const b of await runningBatches(conn)) {
      const why = abandonment(b.report, b.startedAt);
      if (!why) continue;
      await discardBatch(conn, b.id);
      const reason = `The import of ${b.fileName} stopped before completing (${why}); nothing of it became visible, and what it had written was removed. Run it again.`;
      await markFailed(conn, b.id, reason);
      recovered.push({ id: b.id, fileName: b.fileName, reason });
    }
    return recovered;
  } finally {
    if (!tx) await conn.close();
  }
}
