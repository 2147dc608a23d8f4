// npm run import -- items.jsonl [--images ./images] [--landmarks file.jsonl] [--policy refuse|strip]
//                   [--dry-run] [--skip-invalid] [--json report.json] [--as admin@example.org]
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { db } from "@/lib/db/client";
import { formatReport } from "@/lib/import/report-text";
import { runImport } from "@/lib/import/run";

const optionsSchema = z.object({
  itemsFile: z.string({ message: "give the items file: npm run import -- items.jsonl [--images DIR]" }).min(1),
  imagesDir: z.string().optional(),
  landmarksFile: z.string().optional(),
  policy: z.enum(["refuse", "strip"], { message: "--policy must be refuse or strip" }).default("refuse"),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
});

void runCli("import", async () => {
  const args = parseArgs(process.argv.slice(2));
  const opts = optionsSchema.parse({
    itemsFile: args.positional[0],
    imagesDir: stringFlag(args, "images"),
    landmarksFile: stringFlag(args, "landmarks"),
    policy: stringFlag(args, "policy"),
    dryRun: args.flags["dry-run"] === true,
    skipInvalid: args.flags["skip-invalid"] === true,
  });
  const as = stringFlag(args, "as");
  const actor = as ? await db().user.findUnique({ where: { email: as.toLowerCase() } }) : null;
  if (as && !actor) throw new Error(`No user ${as}`);
  const bar = progressBar("import");
  const report = await runImport({ ...opts, actorId: actor?.id ?? null, onProgress: (p) => bar.update(p.phase, p.done, p.total) });
  bar.done();
  console.log(formatReport(report));
  const json = stringFlag(args, "json");
  if (json) writeFileSync(json, JSON.stringify(report, null, 2));
  return report.status === "refused" ? 1 : 0;
});
