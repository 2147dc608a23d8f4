// The import report as text, for the CLI (the web page shows the same report as a table).
import type { ImportReport } from "./run";

const STATUS_LINE: Record<ImportReport["status"], string> = {
  completed: "Import completed",
  refused: "Import refused: nothing was written. Fix the lines below, or use --skip-invalid to import the valid ones",
  dry_run: "Dry run: everything was checked, nothing was written",
  already_imported: "This file was already imported: nothing to do",
  no_changes: "Nothing changed: every item and image is already in the database",
};

export function formatReport(r: ImportReport): string {
  const c = r.counts;
  const out: string[] = [];
  out.push(`${STATUS_LINE[r.status]}${r.batchId && r.status === "completed" ? ` (batch ${r.batchId})` : ""}.`);
  if (r.previousBatch) out.push(`  previous batch ${r.previousBatch.id} at ${r.previousBatch.startedAt}`);
  out.push(`  file        ${r.file.name}  sha256 ${r.file.sha256.slice(0, 16)}…  ${r.file.lines.toLocaleString()} lines`);
  out.push(`  items       ${c.created.toLocaleString()} created, ${c.updated.toLocaleString()} updated, ${c.unchanged.toLocaleString()} unchanged, ${c.invalid.toLocaleString()} invalid`);
  out.push(`  versions    ${c.versionsCreated.toLocaleString()} written${c.reReview ? `; ${c.reReview} reviewed item(s) got new text and went back to the queue` : ""}`);
  if (c.images.files) {
    out.push(`  images      ${c.images.files} files: ${c.images.accepted} accepted (${c.images.newRows} new, ${c.images.stripped} de-identified), ${c.images.refused} refused`);
  }
  if (c.landmarks) out.push(`  landmarks   ${c.landmarks}`);
  out.push(`  time        ${r.seconds.toFixed(1)} s`);
  if (r.refusedImages.length) {
    out.push("", "Refused image files:");
    for (const f of r.refusedImages) out.push(`  ${f.path}: ${f.reason}`);
  }
  if (r.errorsTotal) {
    out.push("", `Problems (${r.errorsTotal.toLocaleString()}${r.errorsTotal > r.errors.length ? `, first ${r.errors.length} shown` : ""}):`);
    for (const e of r.errors) out.push(`  line ${e.line}${e.path ? ` ${e.path}` : ""}: ${e.message}`);
  }
  if (r.reReviewItems.length) out.push("", `Back in the review queue: ${r.reReviewItems.slice(0, 20).join(", ")}${r.reReviewItems.length > 20 ? " …" : ""}`);
  return out.join("\n");
}
