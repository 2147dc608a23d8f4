// Test data for the workspace's end-to-end tests, made with the product's own command-line tools (import, user
// creation, assignment) against the running e2e server's data folder, which scripts/e2e-server.mjs notes per port.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { example } from "../lib/items/test-fixtures";

const PORT = process.env.E2E_PORT || "3100";

export function e2eDataDir(): string {
  return readFileSync(path.join(os.tmpdir(), `spinemed-e2e-port-${PORT}.datadir`), "utf8").trim();
}

function cli(script: string, args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: e2eDataDir(), NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  return execFileSync("npx", ["tsx", "--conditions=react-server", `cli/${script}.ts`, ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
}

/** A text-only open question (no images), with the given draft and revision answers. */
export function openQaLine(externalId: string, draftAnswer: string, revisedAnswer = draftAnswer) {
  const l = example("open_qa");
  l.externalId = externalId;
  l.draft.content.answer = draftAnswer;
  l.revision.content.answer = revisedAnswer;
  return l;
}

/** Imports the lines; returns the import batch id. */
export function importLines(lines: unknown[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-workspace-"));
  const file = path.join(dir, "items.jsonl");
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const out = cli("import", [file]);
  const batch = /\(batch ([^)\s]+)\)/.exec(out)?.[1];
  if (!batch) throw new Error(`the import did not complete:\n${out}`);
  return batch;
}

export function createReviewer(email: string, name: string, password: string): string {
  return cli("user-create", ["--role", "reviewer", "--email", email, "--name", name, "--password", password]);
}

/** Assigns the items of one import batch to one reviewer. */
export function assignBatch(email: string, batch: string): string {
  return cli("assign", ["--reviewers", email, "--batch", batch]);
}

/** Many text-only items at once (for queues longer than a page). */
export function openQaLines(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => openQaLine(`${prefix}-${String(i + 1).padStart(4, "0")}`, `Answer ${i + 1}: the L5 root.`, `Answer ${i + 1}: the exiting L4 root.`));
}
