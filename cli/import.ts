// npm run import -- items.jsonl [--images ./images] [--landmarks file.jsonl] [--policy refuse|strip]
//                   [--required-reviews N] [--dry-run] [--skip-invalid] [--json report.json] [--as admin@example.org]
//                   [--on-bad-instance skip|stop]
// npm run import -- --pacs NAME --study UID[,UID…] --case CASE-ID [--policy …]   (studies from a PACS into a case, no items)
// The web import runs this same command with --job <id> --actor-id <id>: progress and report go to the job.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { db } from "@/lib/db/client";
import { formatReport } from "@/lib/import/report-text";
import { runImport, type ImportProgress } from "@/lib/import/run";
import { removeUpload, uploadIdOf } from "@/lib/import/uploads";
import { finishJob, keepJobAlive, markRunning, reportProgress } from "@/lib/jobs";
import { MAX_REQUIRED_REVIEWS } from "@/lib/review/lifecycle";

const optionsSchema = z.object({
  itemsFile: z.string({ message: "give the items file: npm run import -- items.jsonl [--images DIR]" }).min(1),
  imagesDir: z.string().optional(),
  landmarksFile: z.string().optional(),
  policy: z.enum(["refuse", "strip"], { message: "--policy must be refuse or strip" }).default("refuse"),
  requiredReviews: z.coerce
    .number({ message: `--required-reviews must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}` })
    .int(`--required-reviews must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}`)
    .min(1, `--required-reviews must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}`)
    .max(MAX_REQUIRED_REVIEWS, `--required-reviews must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}`)
    .optional(),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
  onBadInstance: z.enum(["skip", "stop"], { message: "--on-bad-instance must be skip or stop" }).default("skip"),
});

const pacsSchema = z.object({
  pacs: z.string({ message: "--study and --case need --pacs NAME (the endpoint)" }).min(1),
  studies: z.array(z.string().regex(/^[0-9]+(\.[0-9]+)*$/, "--study takes DICOM UIDs, comma-separated")).min(1, "--pacs needs --study UID[,UID…]"),
  caseId: z.string({ message: "--pacs needs --case CASE-ID (the case the studies belong to)" }).regex(/^[A-Za-z0-9._:-]{1,200}$/, "--case may have letters, digits and . _ : -"),
});

void runCli("import", async () => {
  const args = parseArgs(process.argv.slice(2));
  const jobId = stringFlag(args, "job");
  let emptyDir: string | null = null;
  const stopHeartbeat = jobId ? keepJobAlive(jobId) : () => {};
  try {
    const pacsFlag = stringFlag(args, "pacs");
    const pacs = pacsFlag || stringFlag(args, "study") || stringFlag(args, "case")
      ? pacsSchema.parse({ pacs: pacsFlag, studies: (stringFlag(args, "study") ?? "").split(",").filter(Boolean), caseId: stringFlag(args, "case") })
      : null;
    // Studies without items: an empty items file, so the batch is recorded like any other.
    if (pacs && !args.positional[0]) {
      emptyDir = mkdtempSync(path.join(os.tmpdir(), "pacs-import-"));
      args.positional[0] = path.join(emptyDir, "no-items.jsonl");
      writeFileSync(args.positional[0], "");
    }
    const opts = optionsSchema.parse({
      itemsFile: args.positional[0],
      imagesDir: stringFlag(args, "images"),
      landmarksFile: stringFlag(args, "landmarks"),
      policy: stringFlag(args, "policy"),
      requiredReviews: args.flags["required-reviews"] === true ? "" : stringFlag(args, "required-reviews"),
      dryRun: args.flags["dry-run"] === true,
      skipInvalid: args.flags["skip-invalid"] === true,
      onBadInstance: stringFlag(args, "on-bad-instance"),
    });
    const as = stringFlag(args, "as");
    const actor = as
      ? await db().user.findUnique({ where: { email: as.toLowerCase() } })
      : stringFlag(args, "actor-id")
        ? await db().user.findUnique({ where: { id: stringFlag(args, "actor-id") } })
        : null;
    if ((as || stringFlag(args, "actor-id")) && !actor) throw new Error(`No user ${as ?? stringFlag(args, "actor-id")}`);
    if (jobId) await markRunning(jobId);
    const bar = progressBar("import");
    let lastReport = 0;
    const onProgress = (p: ImportProgress) => {
      bar.update(p.phase, p.done, p.total);
      const now = Date.now();
      if (jobId && (now - lastReport > 500 || p.done === p.total)) {
        lastReport = now;
        void reportProgress(jobId, p).catch(() => {});
      }
    };
    const pacsStudies = pacs?.studies.map((studyInstanceUid) => ({ ref: { pacs: pacs.pacs, studyInstanceUid }, caseExternalId: pacs.caseId }));
    const fileName = stringFlag(args, "file-name") ?? (pacs && emptyDir ? `PACS ${pacs.pacs}: ${pacs.studies.length} stud${pacs.studies.length === 1 ? "y" : "ies"} → ${pacs.caseId}` : undefined);
    const report = await runImport({ ...opts, fileName, pacsStudies, actorId: actor?.id ?? null, onProgress });
    bar.done();
    console.log(formatReport(report));
    const json = stringFlag(args, "json");
    if (json) writeFileSync(json, JSON.stringify(report, null, 2));
    stopHeartbeat();
    if (jobId) {
      cleanUpload(opts.itemsFile);
      await finishJob(jobId, report);
    }
    if (emptyDir) rmSync(emptyDir, { recursive: true, force: true });
    return report.status === "refused" ? 1 : 0;
  } catch (e) {
    stopHeartbeat();
    if (jobId) cleanUpload(args.positional[0]);
    if (jobId) await finishJob(jobId, null, true, e instanceof z.ZodError ? e.issues.map((i) => i.message).join("; ") : e instanceof Error ? e.message : String(e)).catch(() => {});
    throw e;
  }
});

// A web import's staged files are not needed once the job has its report.
function cleanUpload(itemsFile: string | undefined) {
  const id = itemsFile ? uploadIdOf(itemsFile) : null;
  if (id) removeUpload(id);
}
