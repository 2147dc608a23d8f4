// npm run bulk -- --action gold|ungold|send_back|required_reviews|assign (--filter "status=approved&level=L4/L5" |
//                  --ids id1,id2 | --ids-file ids.json) [--expected accept|reject] [--note TEXT]
//                  [--required-reviews N] [--reviewers a@x.org,b@y.org] [--due-days 14] --as admin@x.org [--dry-run]
// The items browser's bulk actions from the command line. --filter takes the browser's own URL query (copy it from
// the address bar); --dry-run only counts the items. The items page runs this same command with --job <id>
// --actor-id <id> --action-json <json>: progress and report go to the job.
import { readFileSync, rmSync } from "node:fs";
import { z } from "zod";
import { browseFilterSchema } from "@/lib/browse/filters";
import { filterIdChunks } from "@/lib/browse/list";
import { runBulk } from "@/lib/bulk/run";
import { bulkActionSchema } from "@/lib/bulk/schemas";
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { db } from "@/lib/db/client";
import { finishJob, HEARTBEAT_MS, jobHeartbeat, keepJobAlive, markRunning, reportProgress } from "@/lib/jobs";

void runCli("bulk", async () => {
  const args = parseArgs(process.argv.slice(2));
  const jobId = stringFlag(args, "job");
  const stopHeartbeat = jobId ? keepJobAlive(jobId) : () => {};
  try {
    const json = stringFlag(args, "action-json");
    const action = bulkActionSchema.parse(
      json
        ? JSON.parse(json)
        : {
            action: stringFlag(args, "action"),
            ...(stringFlag(args, "expected") ? { expected: stringFlag(args, "expected") } : {}),
            ...(stringFlag(args, "note") !== undefined ? { note: stringFlag(args, "note") } : {}),
            ...(stringFlag(args, "required-reviews") ? { requiredReviews: stringFlag(args, "required-reviews") } : {}),
            ...(stringFlag(args, "reviewers") ? { reviewers: stringFlag(args, "reviewers")!.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
            ...(stringFlag(args, "due-days") ? { dueDays: stringFlag(args, "due-days") } : {}),
          },
    );
    const as = stringFlag(args, "as");
    const actorId = stringFlag(args, "actor-id");
    if (!as && !actorId) throw new z.ZodError([{ code: "custom", path: ["as"], message: "give --as <admin e-mail>: every change is audited under a name" }]);
    const actor = await db().user.findFirst({ where: as ? { email: as.toLowerCase(), active: true } : { id: actorId, active: true }, select: { id: true, role: true } });
    if (!actor) throw new Error(`No active user ${as ?? actorId}`);
    if (actor.role !== "admin") throw new Error(`${as ?? actorId} is not an admin: bulk actions are for admins`);
    if (jobId) await markRunning(jobId);

    // The items, fixed before anything changes: an action that moves items out of the filter (unmark gold on
    // gold=yes) still works through exactly the items that matched at the start.
    let ids: string[] = [];
    const idsFile = stringFlag(args, "ids-file");
    const filter = stringFlag(args, "filter");
    if (idsFile) ids = z.array(z.string()).parse(JSON.parse(readFileSync(idsFile, "utf8")));
    else if (stringFlag(args, "ids")) ids = stringFlag(args, "ids")!.split(",").map((s) => s.trim()).filter(Boolean);
    else if (filter !== undefined) {
      const f = browseFilterSchema.parse(Object.fromEntries(new URLSearchParams(filter)));
      for await (const chunk of filterIdChunks(f, 5000)) {
        ids.push(...chunk);
        if (jobId) await reportProgress(jobId, { phase: "selecting", done: ids.length, total: 0 });
      }
    } else throw new z.ZodError([{ code: "custom", path: ["filter"], message: "say which items: --filter <query>, --ids a,b or --ids-file FILE" }]);

    if (args.flags["dry-run"] === true) {
      console.log(`${ids.length.toLocaleString("en")} item(s) would get ${action.action}.`);
      return 0;
    }
    const bar = progressBar("bulk");
    let last = 0;
    // The last progress write is awaited before the job is finished: on PostgreSQL progress goes to the Job row,
    // and a late write would set a finished job back to running.
    let written: Promise<void> = Promise.resolve();
    let beat = Date.now();
    const report = await runBulk(action, ids, actor, async (p) => {
      bar.update(action.action, p.done, p.total);
      const now = Date.now();
      if (jobId && (now - last > 500 || p.done === p.total)) {
        last = now;
        written = written.then(() => reportProgress(jobId, { phase: action.action, done: p.done, total: p.total })).catch(() => {});
      }
      // The heartbeat is also written here, between two chunks: on SQLite the timer's write could otherwise wait
      // behind one chunk transaction after another, and the job would look dead while it works.
      if (jobId && now - beat > HEARTBEAT_MS) {
        beat = now;
        await jobHeartbeat(jobId).catch(() => {});
      }
    });
    await written;
    bar.done();
    console.log(`${report.items} item(s): ${report.changed} changed, ${report.skipped} left as they were${report.assignments !== undefined ? `, ${report.assignments} assignment(s) created` : ""}.`);
    for (const r of report.reasons) console.log(`  ${r}`);
    if (jobId) await finishJob(jobId, report);
    if (idsFile && jobId) rmSync(idsFile, { force: true });
    return 0;
  } catch (e) {
    if (jobId) await finishJob(jobId, null, true, e instanceof z.ZodError ? e.issues.map((i) => i.message).join("; ") : e instanceof Error ? e.message : String(e)).catch(() => {});
    throw e;
  } finally {
    stopHeartbeat();
  }
});
