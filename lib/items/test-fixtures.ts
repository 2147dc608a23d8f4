// Example lines shared by the item tests: the committed examples file, read once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EXAMPLES_PATH = join(REPO_ROOT, "examples", "items.example.jsonl");

export function exampleLines(): string[] {
  return readFileSync(EXAMPLES_PATH, "utf8").split("\n").filter((l) => l.trim() !== "");
}

/** A fresh, mutable copy of the example of one task type. */
export function example(taskType: "mcq" | "open_qa" | "consultation" | "report"): Record<string, any> {
  const line = exampleLines().find((l) => JSON.parse(l).taskType === taskType);
  if (!line) throw new Error(`no ${taskType} example`);
  return JSON.parse(line);
}
