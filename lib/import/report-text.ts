// The import report as text, for the CLI (the web page shows the same report as a table). Counts of a batch that
// was not written (refused, dry run) say what would have happened; every text from the file is shown escaped.
import type { ImportReport } from "./run";
import { visible } from "./visible-text";

const STATUS_LINE: Record<ImportReport["status"], string> = {
  completed: "Import completed",
  refused: "Import refused: nothing was written. Fix the lines below, or use --skip-invalid to import the valid ones",
  dry_run: "Dry run: everything was checked, nothing was written",
  already_imported: "This file was already imported: nothing to do",
  no_changes: "Nothing changed: every item and image is already in the database",
  empty: "The file has no items: nothing to import",
};

/** Whether the report's counts describe writes that did not happen. */
export function hypothetical(status: ImportReport["status"]): boolean {
  return status === "refused" || status === "dry_run";
}

export function formatReport(r: ImportReport): string {
  const c = r.counts;
  const n = (x: number) => x.toLocaleString("en-US");
  const would = hypothetical(r.status);
  const out: string[] = [];
  out.push(`${STATUS_LINE[r.status]}${r.batchId && r.status === "completed" ? ` (batch ${r.batchId})` : ""}.`);
  if (r.previousBatch) out.push(`  previous batch ${r.previousBatch.id} at ${r.previousBatch.startedAt}`);
  out.push(`  file        ${visible(r.file.name)}  sha256 ${r.file.sha256.slice(0, 16)}…  ${n(r.file.lines)} lines`);
  if (r.status !== "empty") {
    const items = `${n(c.created)} created, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged, ${n(c.invalid)} invalid`;
    out.push(`  items       ${would ? `would have been: ${n(c.created)} created, ${n(c.updated)} updated; ${n(c.unchanged)} unchanged, ${n(c.invalid)} invalid` : items}`);
    const back = c.reReview ? `; ${c.reReview} reviewed item(s) ${would ? "would get" : "got"} new text and ${would ? "go" : "went"} back to the queue` : "";
    out.push(`  versions    ${n(c.versionsCreated)} ${would ? "would have been written" : "written"}${back}`);
  }
  if (c.images.files) {
    out.push(`  images      ${c.images.files} files: ${c.images.accepted} accepted (${c.images.newRows} new, ${c.images.stripped} de-identified), ${c.images.refused} refused`);
  }
  if (c.pacs) out.push(`  PACS        ${c.pacs.fetched} instances fetched, ${c.pacs.alreadyHere} already here`);
  if (c.landmarks) out.push(`  landmarks   ${c.landmarks}${would ? " (would have been written)" : ""}`);
  out.push(`  time        ${r.seconds.toFixed(1)} s`);
  if (r.refusedImages.length) {
    out.push("", "Refused image files:");
    for (const f of r.refusedImages) out.push(`  ${visible(f.path)}: ${visible(f.reason)}`);
  }
  if (r.errorsTotal) {
    out.push("", `Problems (${n(r.errorsTotal)}${r.errorsTotal > r.errors.length ? `, first ${r.errors.length} shown` : ""}):`);
    for (const e of r.errors) out.push(`  line ${e.line}${e.path ? ` ${visible(e.path)}` : ""}: ${visible(e.message)}`);
  }
  if (r.reReviewItems.length) {
    const ids = r.reReviewItems.slice(0, 20).map(visible).join(", ");
    out.push("", `${would ? "Would go back" : "Back"} in the review queue: ${ids}${r.reReviewItems.length > 20 ? " …" : ""}`);
  }
  return out.join("\n");
}
