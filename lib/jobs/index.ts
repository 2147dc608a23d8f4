import "server-only";
// Long jobs (imports, later exports) run in their own process; their state lives where every app instance can read
// it. The Job row holds status, result and the worker's heartbeat (Job.heartbeatAt, written every few seconds): a
// job whose worker was killed is marked failed, with the reason, by whoever reads it next. Progress (twice a
// second) goes to the Job row on PostgreSQL; on SQLite, which has one writer at a time, it goes to a small file
// beside the database instead, sparing the import's write transactions (SQLite means one machine, so every
// instance reads the same file).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db, dbConfig } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";

export interface JobProgress {
  phase: string;
  done: number;
  total: number;
  at: string; // ISO time of the update
}

export interface JobView {
  id: string;
  type: string;
  status: "queued" | "running" | "completed" | "failed";
  progress: JobProgress | null;
  message: string | null;
  error: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
  stalled: boolean;
}

/** How often a job's process writes its heartbeat, and how long a silent one is given before it counts as gone. */
export const HEARTBEAT_MS = 5_000;
export const JOB_STALE_MS = 30_000;

function progressFile(id: string) {
  if (!/^[a-z0-9]+$/i.test(id)) throw new Error("bad job id");
  return path.join(dataDir(), "jobs", `${id}.progress.json`);
}

export async function createJob(type: string, createdById: string, message: string): Promise<string> {
  const job = await db().job.create({ data: { type, status: "queued", createdById, message } });
  return job.id;
}

export async function reportProgress(id: string, p: Omit<JobProgress, "at">): Promise<void> {
  const progress: JobProgress = { ...p, at: new Date().toISOString() };
  if (dbConfig().provider === "postgres") {
    await db().job.update({ where: { id }, data: { status: "running", done: p.done, total: p.total, message: p.phase } });
    return;
  }
  const file = progressFile(id);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(progress));
  renameSync(`${file}.tmp`, file);
}

export async function markRunning(id: string): Promise<void> {
  await db().job.update({ where: { id }, data: { status: "running", heartbeatAt: new Date() } });
}

/** The worker's sign of life; only a job still queued or running takes it. */
export async function jobHeartbeat(id: string): Promise<void> {
  await db().job.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { heartbeatAt: new Date() } });
}

/** Writes the heartbeat every HEARTBEAT_MS until the returned function is called. */
export function keepJobAlive(id: string): () => void {
  const timer = setInterval(() => void jobHeartbeat(id).catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export async function finishJob(id: string, result: unknown, failed = false, error?: string): Promise<void> {
  await db().job.update({
    where: { id },
    data: { status: failed ? "failed" : "completed", result: JSON.parse(JSON.stringify(result ?? null)), error: error ?? null },
  });
}

function silenceOf(job: { status: string; heartbeatAt: Date | null; createdAt: Date }, now: number): number | null {
  if (job.status !== "running" && job.status !== "queued") return null;
  const silent = now - (job.heartbeatAt ?? job.createdAt).getTime();
  return silent > JOB_STALE_MS ? silent : null;
}

export async function getJob(id: string): Promise<JobView | null> {
  let job = await db().job.findUnique({ where: { id } });
  if (!job) return null;
  const silent = silenceOf(job, Date.now());
  if (silent !== null) {
    // Conditional on what was read: a worker that wrote its heartbeat or finished meanwhile is not overruled.
    const what = job.type === "import" ? "The import" : "The job";
    const error =
      job.heartbeatAt === null
        ? `${what} never started (no sign of its process for ${Math.round(silent / 1000)} s). Start it again.`
        : `${what} stopped without finishing: its process gave no sign of life for ${Math.round(silent / 1000)} s (it was stopped or the server restarted). ${job.type === "import" ? "Nothing of it became visible; start it again." : "Start it again."}`;
    await db().job.updateMany({ where: { id, status: job.status, heartbeatAt: job.heartbeatAt }, data: { status: "failed", error } });
    job = (await db().job.findUnique({ where: { id } }))!;
  }
  let progress: JobProgress | null = job.total > 0 || job.done > 0 ? { phase: job.message ?? "", done: job.done, total: job.total, at: job.updatedAt.toISOString() } : null;
  if (dbConfig().provider === "sqlite") {
    try {
      progress = JSON.parse(readFileSync(progressFile(id), "utf8")) as JobProgress;
    } catch {
      /* no progress written yet */
    }
  }
  const lastSign = Math.max(job.updatedAt.getTime(), progress ? Date.parse(progress.at) : 0);
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress,
    message: job.message,
    error: job.error,
    result: job.result,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    stalled: (job.status === "running" || job.status === "queued") && Date.now() - lastSign > JOB_STALE_MS,
  };
}
