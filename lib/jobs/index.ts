import "server-only";
// Long jobs (imports, later exports) run in their own process; their state lives where every app instance can read
// it. The Job row holds status and result. Progress goes to the Job row on PostgreSQL; on SQLite, where a running
// import holds the only write lock until it commits, progress goes to a small file beside the database instead
// (SQLite means one machine, so every instance reads the same file).
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

const STALL_MS = 120_000;

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
  await db().job.update({ where: { id }, data: { status: "running" } });
}

export async function finishJob(id: string, result: unknown, failed = false, error?: string): Promise<void> {
  await db().job.update({
    where: { id },
    data: { status: failed ? "failed" : "completed", result: JSON.parse(JSON.stringify(result ?? null)), error: error ?? null },
  });
}

export async function getJob(id: string): Promise<JobView | null> {
  const job = await db().job.findUnique({ where: { id } });
  if (!job) return null;
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
    stalled: (job.status === "running" || job.status === "queued") && Date.now() - lastSign > STALL_MS,
  };
}
