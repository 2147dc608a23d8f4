import "server-only";
// The snapshots the Export page lists, and the archive of one for download.
import { createReadStream, existsSync, statSync } from "node:fs";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { cleanUpLeftovers } from "./cleanup";
import { MANIFEST, type Manifest } from "./manifest";
import { exportsDir } from "./store";
import { tarChunks, tarPlan } from "./tar";

export interface SnapshotView {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  createdBy: string | null;
  itemCount: number;
  archiveBytes: number | null;
  error: string | null;
  jobId: string | null;
  manifest: Omit<Manifest, "files"> & { files: number; bytes: number } | null;
}

export async function listSnapshots(limit = 50): Promise<SnapshotView[]> {
  // A builder that died is seen here too: its row turns failed and its leftovers go.
  await cleanUpLeftovers(exportsDir()).catch(() => {});
  const rows = await db().exportSnapshot.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, name: true, status: true, createdAt: true, completedAt: true, itemCount: true, archiveBytes: true, error: true, jobId: true, manifest: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => {
    const m = r.status === "complete" ? (r.manifest as unknown as Manifest) : null;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      createdBy: r.createdBy?.name ?? null,
      itemCount: r.itemCount,
      archiveBytes: r.archiveBytes === null ? null : Number(r.archiveBytes),
      error: r.error,
      jobId: r.jobId,
      manifest: m ? { ...m, files: m.files.length, bytes: m.files.reduce((n, f) => n + f.bytes, 0) } : null,
    };
  });
}

/** The archive of a complete snapshot: its written .tar, else streamed from its folder (the same bytes). */
export async function snapshotArchive(id: string): Promise<{ name: string; bytes: number; body: AsyncIterable<Uint8Array> }> {
  const r = await db().exportSnapshot.findUnique({ where: { id }, select: { status: true, archive: true, name: true, location: true, manifest: true } });
  if (!r || r.status !== "complete") throw new NotFoundError("No such snapshot, or it is not complete.");
  if (r.archive && existsSync(r.archive)) return { name: r.name, bytes: statSync(r.archive).size, body: createReadStream(r.archive) };
  if (!existsSync(r.location)) throw new NotFoundError("The snapshot's folder is missing from the export store.");
  const plan = tarPlan(r.location, r.name);
  // A folder edited since it was written is not handed out as the snapshot (export:verify then names what changed).
  const listed = new Map((r.manifest as unknown as Manifest).files.map((f) => [f.path, f.bytes]));
  const found = new Set<string>();
  for (const e of plan.entries) {
    if (!e.file || e.rel === MANIFEST) continue;
    found.add(e.rel);
    if (listed.get(e.rel) !== e.size) throw new ConflictError(`The snapshot folder changed since it was written (${e.rel}); check it with npm run export:verify ${r.location}.`);
  }
  for (const p of listed.keys()) {
    if (!found.has(p)) throw new ConflictError(`The snapshot folder changed since it was written (${p} is missing); check it with npm run export:verify ${r.location}.`);
  }
  return { name: r.name, bytes: plan.bytes, body: tarChunks(plan) };
}
