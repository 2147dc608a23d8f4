// npm run assign -- --reviewers a@x.org,b@y.org [--batch <import batch id>] [--task-type mcq] [--modality MR]
//                   [--level L4/L5] [--limit 500]
//                   [--lease-days 14] [--release-expired]
// Gives pending items to reviewers (each item to as many different reviewers as it requires reviews).
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
  limit: z.coerce.number().int().positive().optional(),
  leaseDays: z.coerce.number().positive().max(365).default(14),
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
    leaseDays: stringFlag(args, "lease-days"),
  });
  const r = await assignItems({
    reviewerEmails: o.reviewers.split(",").map((s) => s.trim()).filter(Boolean),
    taskType: o.taskType,
    modality: o.modality,
    level: o.level ? normaliseLevel(o.level) : undefined,
    batchId: o.batch,
    limit: o.limit,
    leaseDays: o.leaseDays,
    actorId: null,
  });
  console.log(`${r.itemsConsidered} items considered, ${r.assignmentsCreated} assignments created, ${r.itemsFullyAssigned} items have all their reviewers.`);
  for (const [email, n] of Object.entries(r.perReviewer)) console.log(`  ${email}: ${n}`);
});
