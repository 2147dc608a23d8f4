import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { countPlaywright, countVitest } from "./test-count.mjs";

const dir = mkdtempSync(path.join(os.tmpdir(), "test-count-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify(content));
  return f;
};

describe("npm test's closing count", () => {
  it("a step that failed before writing a report counts as one failure", () => {
    const totals = { passed: 0, failed: 0 };
    countVitest(totals, path.join(dir, "missing.json"), false);
    countPlaywright(totals, path.join(dir, "missing-too.json"), false);
    expect(totals).toEqual({ passed: 0, failed: 2 });
  });
  it("a failed step whose report shows no failed test counts as one failure", () => {
    const totals = { passed: 0, failed: 0 };
    countPlaywright(totals, file("e2e.json", { stats: { expected: 0, unexpected: 0 }, errors: [{ message: "webServer did not start" }] }), false);
    expect(totals.failed).toBe(1);
  });
  it("a green step counts its tests, a red one its failures", () => {
    const totals = { passed: 0, failed: 0 };
    countVitest(totals, file("ok.json", { numPassedTests: 7, numFailedTests: 0, numTotalTests: 7 }), true);
    countVitest(totals, file("red.json", { numPassedTests: 3, numFailedTests: 2, numTotalTests: 5 }), false);
    expect(totals).toEqual({ passed: 10, failed: 2 });
  });
});
