import "server-only";
// The choices of the items browser's filters: vocabularies from their own modules (lifecycle, levels, import
// format, subfields), the people who review and the import batches from the database.
import { db } from "@/lib/db/client";
import { TASK_TYPES } from "@/lib/items/content";
import { LANGUAGES, MODALITIES, SOURCE_TYPES } from "@/lib/items/schema";
import { SUBFIELDS } from "@/lib/items/subfields";
import { STANDARD_LEVELS } from "@/lib/levels";
import { ITEM_STATUSES, statusLabel } from "@/lib/review/lifecycle";

export async function browseOptions() {
  const [people, batches] = await Promise.all([
    db().user.findMany({ where: { role: { in: ["reviewer", "adjudicator"] } }, orderBy: [{ name: "asc" }], select: { id: true, email: true, name: true, active: true } }),
    db().importBatch.findMany({ where: { status: "completed" }, orderBy: { startedAt: "desc" }, take: 100, select: { id: true, fileName: true, startedAt: true } }),
  ]);
  return {
    statuses: ITEM_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
    taskTypes: [...TASK_TYPES],
    levels: STANDARD_LEVELS.map((l) => l.canonical),
    modalities: MODALITIES,
    sources: SOURCE_TYPES,
    subfields: SUBFIELDS.map((s) => ({ id: s.id, label: s.label })),
    languages: LANGUAGES,
    reviewers: people.map((p) => ({ id: p.id, email: p.email, label: `${p.name} (${p.email})${p.active ? "" : " · inactive"}` })),
    batches: batches.map((b) => ({ id: b.id, label: `${b.fileName} (${b.startedAt.toISOString().slice(0, 16).replace("T", " ")})` })),
  };
}
