// npm run export -- --out <folder> [--format native,sft,preference,kto,grounding,eval] [--filter key=value …]
//                   [--split 0.8,0.1,0.1] [--seed s] [--preference swift|trl] [--max-side N] [--include-dicom]
//                   [--skip-undecodable] [--no-parquet] [--chunk N] [--pause-ms N] [--as admin@example.org] [--archive]
// With only --out: every format of everything approved or adjudicated. The web page streams a snapshot's archive
// from its folder; --archive also writes it as <folder>.tar (the same bytes). The web page runs this same command with
// --definition <json> --job <id> --actor-id <id>: progress and result go to the job.
import { z } from "zod";
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { db } from "@/lib/db/client";
import { buildSnapshot } from "@/lib/export/build-snapshot";
import { definitionFromArgs } from "@/lib/export/cli-definition";
import { parseDefinition } from "@/lib/export/definition";
import { finishJob, keepJobAlive, markRunning, reportProgress } from "@/lib/jobs";

void runCli("export", async () => {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const jobId = stringFlag(args, "job");
  const stopHeartbeat = jobId ? keepJobAlive(jobId) : () => {};
  try {
    const out = stringFlag(args, "out");
    if (!out) throw new Error("give the snapshot folder: npm run export -- --out <folder> [--format …] [--filter …]");
    const json = stringFlag(args, "definition");
    const definition = json ? parseDefinition(JSON.parse(json)) : definitionFromArgs(argv, args.flags);
    const as = stringFlag(args, "as");
    const actorId = stringFlag(args, "actor-id");
    const actor = as ? await db().user.findUnique({ where: { email: as.toLowerCase() } }) : actorId ? await db().user.findUnique({ where: { id: actorId } }) : null;
    if ((as || actorId) && !actor) throw new Error(`No user ${as ?? actorId}`);
    if (jobId) await markRunning(jobId);
    const bar = progressBar("export");
    let last = 0;
    const result = await buildSnapshot({
      definition,
      out,
      creator: actor ? { id: actor.id, label: actor.email } : null,
      jobId,
      chunk: stringFlag(args, "chunk") ? Math.max(1, Number(stringFlag(args, "chunk"))) : undefined,
      pauseMs: stringFlag(args, "pause-ms") ? Number(stringFlag(args, "pause-ms")) : undefined,
      archive: args.flags.archive === true,
      onProgress: (p) => {
        bar.update(p.phase, p.done, p.total);
        const now = Date.now();
        if (jobId && (now - last > 500 || p.done === p.total)) {
          last = now;
          void reportProgress(jobId, p).catch(() => {});
        }
      },
    });
    bar.done();
    const c = result.manifest.counts;
    console.log(`Snapshot ${result.manifest.name}: ${c.items} items (${c.positives} approved or adjudicated, ${c.negatives} rejected) → ${result.folder}`);
    console.log(`  splits: ${Object.entries(c.split).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    for (const [f, n] of Object.entries(c.files)) console.log(`  ${f}: ${n} records`);
    if (c.images.skippedItems) console.log(`  skipped ${c.images.skippedItems} items whose images could not be rendered`);
    const mb = (result.archiveBytes / 1e6).toFixed(1);
    console.log(result.archive ? `  archive: ${result.archive} (${mb} MB)` : `  archive: ${mb} MB, streamed from the folder on download (--archive writes it as ${result.folder}.tar)`);
    stopHeartbeat();
    if (jobId) await finishJob(jobId, { snapshotId: result.snapshotId, counts: c });
    return 0;
  } catch (e) {
    stopHeartbeat();
    if (jobId) await finishJob(jobId, null, true, e instanceof z.ZodError ? e.issues.map((i) => i.message).join("; ") : e instanceof Error ? e.message : String(e)).catch(() => {});
    throw e;
  }
});
