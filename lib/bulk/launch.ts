import "server-only";
// Where a bulk action runs: a few selected items at once, in the request (one transaction); a larger selection or
// a whole filter as a job in its own process (the same command as `npm run bulk`), whose progress lives in the Job
// row any instance can read, so the admin can leave the page and come back to it.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";
import { filterParams } from "@/lib/browse/filters";
import { createJob } from "@/lib/jobs";
import type { Actor } from "@/lib/review/access";
import { runBulk } from "./run";
import { BULK_ACTION_LABELS, MAX_INLINE, type BulkReport, type BulkRequest } from "./schemas";

export const BULK_JOB = "bulk";

export type BulkStart = { report: BulkReport; jobId?: undefined } | { jobId: string; report?: undefined };

export async function startBulk(req: BulkRequest, user: Actor): Promise<BulkStart> {
  if (req.selection.kind === "ids" && req.selection.ids.length <= MAX_INLINE) {
    return { report: await runBulk(req.action, req.selection.ids, user) };
  }
  const what = req.selection.kind === "ids" ? `${req.selection.ids.length.toLocaleString("en")} selected items` : "the whole filter";
  const jobId = await createJob(BULK_JOB, user.id, `${BULK_ACTION_LABELS[req.action.action]}: ${what}`);
  const root = /* turbopackIgnore: true */ process.cwd();
  const args = ["--conditions=react-server", "--import", "tsx", path.join(root, "cli", "bulk.ts"), "--job", jobId, "--actor-id", user.id, "--action-json", JSON.stringify(req.action)];
  if (req.selection.kind === "ids") {
    // Thousands of ids do not fit a command line: they go to a file beside the job's progress.
    const file = path.join(dataDir(), "jobs", `${jobId}.ids.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(req.selection.ids));
    args.push("--ids-file", file);
  } else {
    args.push("--filter", filterParams(req.selection.filter).toString());
  }
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, detached: true, stdio: "ignore" });
  child.unref();
  return { jobId };
}

/** The bulk jobs of the last day, newest first (the items page shows them: progress while running, then the report). */
export async function recentBulkJobs(take = 5, now = new Date()) {
  const since = new Date(now.getTime() - 24 * 3600 * 1000);
  const jobs = await db().job.findMany({ where: { type: BULK_JOB, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take, select: { id: true, status: true, message: true, createdAt: true } });
  return jobs.map((j) => ({ id: j.id, status: j.status, message: j.message ?? "", createdAt: j.createdAt.toISOString() }));
}
