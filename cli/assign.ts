// npm run assign -- --reviewers a@x.org,b@y.org [--batch <import batch id>] [--task-type mcq] [--modality MR]
//                   [--level L4/L5] [--limit 500] [--due-days 14] [--release-expired]
// Gives the items that still need a reviewer to reviewers (each open review slot to a different reviewer, the
// least loaded first), a chunk at a time; a later run continues with what is still open.
// The Assign page runs this same command with --job <id> --actor-id <id>: progress and report go to the job.
import { z } from "zod";
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { runCli } from "@/lib/cli/run";
import { assignItems, countAssignable, releaseExpiredLeases } from "@/lib/assignments/service";
import { assignSchema } from "@/lib/assignments/schemas";
import { db } from "@/lib/db/client";
import { finishJob, markRunning, reportProgress } from "@/lib/jobs";

void runCli("assign", async () => {
  const args = parseArgs(process.argv.slice(2));
  const jobId = stringFlag(args, "job");
  try {
    const actorId = stringFlag(args, "actor-id") ?? null;
    if (actorId && !(await db().user.findUnique({ where: { id: actorId }, select: { id: true } }))) throw new Error(`No user ${actorId}`);
    if (args.flags["release-expired"] === true) {
      console.log(`Released ${await releaseExpiredLeases(actorId)} expired assignment(s).`);
      if (!stringFlag(args, "reviewers")) return 0;
    }
    const reviewers = stringFlag(args, "reviewers");
    if (!reviewers) throw new z.ZodError([{ code: "custom", path: ["reviewers"], message: "give --reviewers a@x.org,b@y.org" }]);
    const o = assignSchema.parse({
      reviewers: reviewers.split(",").map((s) => s.trim()).filter(Boolean),
      taskType: stringFlag(args, "task-type"),
      modality: stringFlag(args, "modality"),
      level: stringFlag(args, "level"),
      batchId: stringFlag(args, "batch"),
      limit: stringFlag(args, "limit"),
      // --lease-days is the older name of --due-days.
      dueDays: stringFlag(args, "due-days") ?? stringFlag(args, "lease-days"),
    });
    if (jobId) await markRunning(jobId);
    const total = Math.min(await countAssignable(o), o.limit ?? Number.POSITIVE_INFINITY);
    let lastReport = 0;
    const r = await assignItems({
      reviewerEmails: o.reviewers,
      taskType: o.taskType,
      modality: o.modality,
      level: o.level,
      batchId: o.batchId,
      limit: o.limit,
      dueDays: o.dueDays,
      actorId,
      onProgress: (p) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${p.itemsConsidered.toLocaleString("en")} of ${total.toLocaleString("en")} items, ${p.assignmentsCreated.toLocaleString("en")} assignments…`);
        const now = Date.now();
        if (jobId && now - lastReport > 500) {
          lastReport = now;
          void reportProgress(jobId, { phase: "assigning", done: p.itemsConsidered, total }).catch(() => {});
        }
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    console.log(`${r.itemsConsidered} items considered, ${r.assignmentsCreated} assignments created, ${r.itemsFullyAssigned} items have all their reviewers.`);
    for (const [email, n] of Object.entries(r.perReviewer)) console.log(`  ${email}: ${n}`);
    if (jobId) await finishJob(jobId, r);
    return 0;
  } catch (e) {
    if (jobId) await finishJob(jobId, null, true, e instanceof z.ZodError ? e.issues.map((i) => i.message).join("; ") : e instanceof Error ? e.message : String(e)).catch(() => {});
    throw e;
  }
});
