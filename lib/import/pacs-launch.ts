import "server-only";
// Attaching PACS studies to a case from the Import page: an import job (the same command as `npm run import --
// --pacs NAME --study UIDs --case ID`) in its own process, with progress and report on the job like any import.
import { spawn } from "node:child_process";
import path from "node:path";
import { getEndpoint } from "@/lib/dicomweb/endpoints";
import type { AttachStudiesInput } from "@/lib/dicomweb/schemas";
import { createJob } from "@/lib/jobs";

export async function startPacsAttachJob(input: AttachStudiesInput, actorId: string): Promise<string> {
  const endpoint = await getEndpoint(input.endpointId);
  const n = input.studyInstanceUids.length;
  const jobId = await createJob("import", actorId, `import of ${n} PACS stud${n === 1 ? "y" : "ies"} into ${input.caseExternalId}`);
  const root = /* turbopackIgnore: true */ process.cwd();
  const args = [
    "--conditions=react-server", "--max-old-space-size=448", "--import", "tsx", path.join(root, "cli", "import.ts"),
    "--pacs", endpoint.name, "--study", input.studyInstanceUids.join(","), "--case", input.caseExternalId,
    "--policy", input.policy, "--job", jobId, "--actor-id", actorId,
  ];
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, detached: true, stdio: "ignore" });
  child.unref();
  return jobId;
}
