// npm run eval:score on a small hand-written snapshot folder (tests/integration/eval-fixture), through the CLI.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const FIXTURE = path.join(import.meta.dirname, "eval-fixture");
const SNAPSHOT = path.join(FIXTURE, "snapshot");

function evalScore(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/eval-score.ts", ...args], { encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run eval:score", () => {
  it("prints a table and, last, one JSON line with the figures", () => {
    const r = evalScore(SNAPSHOT, path.join(FIXTURE, "predictions.jsonl"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    const score = JSON.parse(lines.at(-1)!);
    // Right: t1 (first answer counts), t3 (Chinese form), i1 (sentence). Wrong: t2. Unparsed: i2.
    expect(score.overall).toEqual({ questions: 5, correct: 3, accuracy: 0.6, answered: 5, unparsed: 1, missing: 0 });
    expect(score.byFormat).toEqual({ image: { questions: 2, correct: 1, accuracy: 0.5 }, text: { questions: 3, correct: 2, accuracy: 0.6667 } });
    expect(score.byLanguage).toEqual({ en: { questions: 4, correct: 2, accuracy: 0.5 }, zh: { questions: 1, correct: 1, accuracy: 1 } });
    expect(Object.keys(score.byLevel)).toEqual(["C4/C5", "C5/C6", "L1", "L4/L5", "L5/S1"]); // spinal order
    expect(score.byLevel["L5/S1"]).toEqual({ questions: 2, correct: 1, accuracy: 0.5 });
    expect(score.bySubfield["(none)"]).toEqual({ questions: 1, correct: 0, accuracy: 0 });
    expect(score).toMatchObject({ unknownIds: 1, duplicateIds: 1 });
    const table = lines.slice(0, -1).join("\n");
    expect(table).toMatch(/^all\s+5\s+3\s+60\.0%$/m);
    expect(table).toMatch(/^image\s+2\s+1\s+50\.0%$/m);
    expect(table).toContain("unknown ids 1");
  });

  it("names the file and line of a bad question or prediction, and explains its arguments", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spinemed-eval-"));
    try {
      const bad = path.join(dir, "predictions.jsonl");
      writeFileSync(bad, '{"id":"mcq-t1","answer":"C"}\nnot json\n');
      let r = evalScore(SNAPSHOT, bad);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe("eval:score: predictions.jsonl line 2: not valid JSON");

      const snap = path.join(dir, "snap");
      mkdirSync(path.join(snap, "eval"), { recursive: true });
      writeFileSync(path.join(snap, "eval", "mcq_text.jsonl"), '{"id":"a","format":"text","question":"q","options":{"A":"x","B":"y"},"answer":"E","levels":[],"subfield":null,"language":"en","images":[]}\n');
      r = evalScore(snap, path.join(FIXTURE, "predictions.jsonl"));
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe("eval:score: eval/mcq_text.jsonl line 1: the answer key E is not one of the options");

      r = evalScore(dir, path.join(FIXTURE, "predictions.jsonl"));
      expect(r.stderr).toMatch(/has no eval\/mcq_text\.jsonl or eval\/mcq_image\.jsonl/);

      r = evalScore(SNAPSHOT);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/usage: npm run eval:score -- <snapshot-folder> <predictions\.jsonl>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
