import "server-only";
// The snapshots the Export page lists, and the archive of one for download.
import { existsSync } from "node:fs";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { cleanUpLeftovers } from "./cleanup";
import type { Manifest } from "./manifest";
import { exportsDir } from "./store";

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
      archiveBytes: r.archiveBytes,
      error: r.error,
      jobId: r.jobId,
      manifest: m ? { ...m, files: m.files.length, bytes: m.files.reduce((n, f) => n + f.bytes, 0) } : null,
    };
  });
}

/** The archive of a complete snapshot. */
export async function snapshotArchive(id: string): Promise<{ file: string; name: string; bytes: number }> {
  const r = await db().exportSnapshot.findUnique({ where: { id }, select: { status: true, archive: true, name: true, archiveBytes: true } });
  if (!r || r.status !== "complete" || !r.archive) throw new NotFoundError("No such snapshot, or it is not complete.");
  if (!existsSync(r.archive)) throw new NotFoundError("The snapshot's archive is missing from the export folder.");
  return { file: r.archive, name: r.name, bytes: r.archiveBytes ?? 0 };
}
