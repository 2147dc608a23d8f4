import "server-only";
// Starts a snapshot as its own process (the same command as `npm run export`), so a long export never blocks the
// web server. Its progress goes to the job; the snapshot row turns complete only when the folder and archive are in
// place.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { createJob } from "@/lib/jobs";
import type { ExportDefinition } from "./definition";
import { exportsDir, proposedName } from "./store";

export async function startExportJob(definition: ExportDefinition, actorId: string): Promise<{ jobId: string; name: string }> {
  const name = definition.name ?? proposedName();
  const dir = exportsDir();
  const out = path.join(dir, name);
  if (existsSync(out) || existsSync(`${out}.tar`) || (await db().exportSnapshot.count({ where: { location: out, status: { in: ["building", "complete"] } } })) > 0) {
    throw new ConflictError(`A snapshot named ${name} already exists: snapshots are immutable, choose another name.`);
  }
  mkdirSync(dir, { recursive: true });
  const jobId = await createJob("export", actorId, `export ${name}`);
  const root = /* turbopackIgnore: true */ process.cwd();
  const args = [
    "--conditions=react-server", "--max-old-space-size=256", "--import", "tsx", path.join(root, "cli", "export.ts"),
    "--out", out, "--definition", JSON.stringify({ ...definition, name }), "--job", jobId, "--actor-id", actorId,
  ];
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, detached: true, stdio: "ignore" });
  child.unref();
  return { jobId, name };
}
