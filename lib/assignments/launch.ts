import "server-only";
// The Assign page runs `npm run assign` as its own process, like the web import: a large hand-out (all 450,000
// items) never blocks the web server, its progress lives in the Job row any instance can read, and the report is
// the same as the command line's.
import { spawn } from "node:child_process";
import path from "node:path";
import { createJob } from "@/lib/jobs";
import type { AssignValue } from "./schemas";

export async function startAssignJob(input: AssignValue, actorId: string): Promise<string> {
  const jobId = await createJob("assign", actorId, `assign to ${input.reviewers.length} reviewer(s)`);
  const root = /* turbopackIgnore: true */ process.cwd();
  const args = [
    "--conditions=react-server", "--import", "tsx", path.join(root, "cli", "assign.ts"),
    "--reviewers", input.reviewers.join(","), "--due-days", String(input.dueDays), "--job", jobId, "--actor-id", actorId,
    ...(input.taskType ? ["--task-type", input.taskType] : []),
    ...(input.modality ? ["--modality", input.modality] : []),
    ...(input.level ? ["--level", input.level] : []),
    ...(input.batchId ? ["--batch", input.batchId] : []),
    ...(input.limit ? ["--limit", String(input.limit)] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, detached: true, stdio: "ignore" });
  child.unref();
  return jobId;
}
