import "server-only";
// Cleaning the image store: files no Image row refers to (left by an import stopped between moving its files in
// and committing, or by anything older), and staging folders of imports that are no longer running. Such files
// may carry patient data nobody can see or audit, so they are removed, not kept "just in case".
import { db } from "@/lib/db/client";
import { abandonment } from "@/lib/import/batches";
import { imageStore, type ImageStore } from "./index";

export interface SweepReport {
  dryRun: boolean;
  stored: number;
  orphans: string[];
  staleStaging: string[];
}

export async function sweepImageStore(opts: { dryRun: boolean; store?: ImageStore }): Promise<SweepReport> {
  const store = opts.store ?? imageStore();
  const referenced = new Set((await db().image.findMany({ select: { storageKey: true } })).map((i) => i.storageKey));
  let stored = 0;
  const candidates: string[] = [];
  for await (const key of store.keys()) {
    stored++;
    if (!referenced.has(key)) candidates.push(key);
  }
  // Checked again just before removal: an import may have committed rows for some of them meanwhile.
  const orphans: string[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const part = candidates.slice(i, i + 500);
    const now = new Set((await db().image.findMany({ where: { storageKey: { in: part } }, select: { storageKey: true } })).map((r) => r.storageKey));
    orphans.push(...part.filter((k) => !now.has(k)));
  }
  const running = await db().importBatch.findMany({ where: { status: "running" }, select: { id: true, startedAt: true, report: true } });
  const alive = new Set(running.filter((b) => !abandonment(b.report, b.startedAt)).map((b) => b.id));
  const staleStaging = (await store.stagingAreas()).filter((a) => !alive.has(a.batchId)).map((a) => a.batchId);
  if (!opts.dryRun) {
    for (const key of orphans) await store.remove(key);
    for (const id of staleStaging) await store.discardStaged(id);
  }
  return { dryRun: opts.dryRun, stored, orphans, staleStaging };
}
