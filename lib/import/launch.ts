import "server-only";
// Starts an import as its own process (the same command as `npm run import`), so a long import never blocks the
// web server, and a crash of one cannot take down the other. The job's progress and report go to the database.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createJob } from "@/lib/jobs";
import type { StartImportInput } from "./schemas";
import { uploadFiles } from "./uploads";

export async function startImportJob(input: StartImportInput, actorId: string): Promise<string> {
  const { itemsFile, fileName, imagesDir } = uploadFiles(input.uploadId);
  const hasImages = imagesDir ? readdirSync(imagesDir).length > 0 : false;
  const jobId = await createJob("import", actorId, `import ${input.dryRun ? "(dry run) " : ""}${fileName}`);
  const root = /* turbopackIgnore: true */ process.cwd();
  const args = [
    "--conditions=react-server", "--max-old-space-size=448", "--import", "tsx", path.join(root, "cli", "import.ts"), itemsFile,
    "--policy", input.policy, "--required-reviews", String(input.requiredReviews), "--job", jobId, "--actor-id", actorId, "--file-name", fileName,
    ...(hasImages ? ["--images", imagesDir!] : []),
    ...(input.dryRun ? ["--dry-run"] : []),
    ...(input.skipInvalid ? ["--skip-invalid"] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, detached: true, stdio: "ignore" });
  child.unref();
  return jobId;
}
