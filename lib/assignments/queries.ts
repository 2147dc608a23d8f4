import "server-only";
// What the Assign page offers: the people who review, the import batches to pick from, and how many items still
// need a reviewer.
import { db } from "@/lib/db/client";
import { countAssignable } from "./service";

export async function assignPageData() {
  const [reviewers, batches, open, load] = await Promise.all([
    db().user.findMany({ where: { active: true, role: { in: ["reviewer", "adjudicator"] } }, orderBy: [{ role: "desc" }, { name: "asc" }], select: { id: true, email: true, name: true, role: true } }),
    db().importBatch.findMany({ where: { status: "completed" }, orderBy: { startedAt: "desc" }, take: 50, select: { id: true, fileName: true, startedAt: true } }),
    countAssignable({}),
    db().assignment.groupBy({ by: ["userId"], where: { status: "assigned", kind: "review" }, _count: { _all: true } }),
  ]);
  const openByUser = new Map(load.map((l) => [l.userId, l._count._all]));
  return {
    reviewers: reviewers.map((r) => ({ ...r, open: openByUser.get(r.id) ?? 0 })),
    batches: batches.map((b) => ({ id: b.id, label: `${b.fileName} (${b.startedAt.toISOString().slice(0, 16).replace("T", " ")})` })),
    itemsNeedingReviewers: open,
  };
}
