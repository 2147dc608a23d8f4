import "server-only";
import { db } from "@/lib/db/client";
import type { ImportCounts } from "./run";

export async function recentBatches(take = 20) {
  const rows = await db().importBatch.findMany({
    where: { status: "completed" },
    orderBy: { startedAt: "desc" },
    take,
    select: { id: true, fileName: true, fileSha256: true, policy: true, startedAt: true, counts: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, counts: r.counts as ImportCounts | null }));
}
