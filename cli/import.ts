// npm run import -- items.jsonl [--images ./images] [--landmarks file.jsonl] [--policy refuse|strip]
//                   [--required-reviews N] [--dry-run] [--skip-invalid] [--json report.json] [--as admin@example.org]
// The web import runs this same command with --job <id> --actor-id <id>: progress and report go to the job.
import { writeFileSync } from "node:fs";
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
});

void runCli("import", async () => {
  const args = parseArgs(process.argv.slice(2));
  const jobId = stringFlag(args, "job");
  const stopHeartbeat = jobId ? keepJobAlive(jobId) : () => {};
  try {
    const opts = optionsSchema.parse({
      itemsFile: args.positional[0],
      imagesDir: stringFlag(args, "images"),
      landmarksFile: stringFlag(args, "landmarks"),
      policy: stringFlag(args, "policy"),
      requiredReviews: args.flags["required-reviews"] === true ? "" : stringFlag(args, "required-reviews"),
      dryRun: args.flags["dry-run"] === true,
      skipInvalid: args.flags["skip-invalid"] === true,
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
    const report = await runImport({ ...opts, fileName: stringFlag(args, "file-name"), actorId: actor?.id ?? null, onProgress });
    bar.done();
    console.log(formatReport(report));
    const json = stringFlag(args, "json");
    if (json) writeFileSync(json, JSON.stringify(report, null, 2));
    stopHeartbeat();
    if (jobId) {
      cleanUpload(opts.itemsFile);
      await finishJob(jobId, report);
    }
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
