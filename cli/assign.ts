// npm run assign -- --reviewers a@x.org,b@y.org [--batch <import batch id>] [--task-type mcq] [--modality MR]
//                   [--level L4/L5] [--limit 500]
//                   [--due-days 14] [--release-expired]
// Gives the items that still need a reviewer to reviewers (each open review slot to a different reviewer, the
// least loaded first), a chunk at a time; a later run continues with what is still open.
import { z } from "zod";
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { runCli } from "@/lib/cli/run";
import { assignItems, releaseExpiredLeases } from "@/lib/assignments/service";
import { TASK_TYPES } from "@/lib/items/content";
import { normaliseLevel } from "@/lib/levels";

const schema = z.object({
  reviewers: z.string({ message: "give --reviewers a@x.org,b@y.org" }).min(3),
  taskType: z.enum(TASK_TYPES).optional(),
  modality: z.enum(["XR", "CT", "MR"]).optional(),
  level: z.string().optional(),
  batch: z.string().optional(),
  limit: z.coerce.number({ error: "--limit must be a whole number" }).int("--limit must be a whole number").positive("--limit must be more than 0").optional(),
  dueDays: z.coerce.number({ error: "--due-days must be a number of days" }).positive("--due-days must be more than 0").max(365, "--due-days must be at most 365").default(14),
});

void runCli("assign", async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.flags["release-expired"] === true) {
    console.log(`Released ${await releaseExpiredLeases(null)} expired lease(s).`);
    if (!stringFlag(args, "reviewers")) return 0;
  }
  const o = schema.parse({
    reviewers: stringFlag(args, "reviewers"),
    taskType: stringFlag(args, "task-type"),
    modality: stringFlag(args, "modality"),
    level: stringFlag(args, "level"),
    batch: stringFlag(args, "batch"),
    limit: stringFlag(args, "limit"),
    // --lease-days is the older name of --due-days.
    dueDays: stringFlag(args, "due-days") ?? stringFlag(args, "lease-days"),
  });
  const r = await assignItems({
    reviewerEmails: o.reviewers.split(",").map((s) => s.trim()).filter(Boolean),
    taskType: o.taskType,
    modality: o.modality,
    level: o.level ? normaliseLevel(o.level) : undefined,
    batchId: o.batch,
    limit: o.limit,
    dueDays: o.dueDays,
    actorId: null,
    onProgress: (p) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${p.itemsConsidered.toLocaleString("en")} items, ${p.assignmentsCreated.toLocaleString("en")} assignments…`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.log(`${r.itemsConsidered} items considered, ${r.assignmentsCreated} assignments created, ${r.itemsFullyAssigned} items have all their reviewers.`);
  for (const [email, n] of Object.entries(r.perReviewer)) console.log(`  ${email}: ${n}`);
});
