// `npm test`: every check the project has, in order, with one summary at the end.
// typecheck → lint → unit tests → integration tests (SQLite and PostgreSQL) → production build → end-to-end
// tests in Chromium. Missing prerequisites are reported in one line each before anything runs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkPrerequisites } from "./prerequisites.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const tmp = mkdtempSync(path.join(os.tmpdir(), "spinemed-test-"));
const totals = { passed: 0, failed: 0 };
const steps = [];

const problems = await checkPrerequisites();
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}

function run(name, cmd, args, extraEnv = {}) {
  console.log(`\n──── ${name} ────`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

// A step's tests, from its JSON report. A step that failed without a report, or whose report shows no failed
// test (it stopped before running any: a compile error, a server that did not start), counts as one failure,
// so the closing line never says "0 failed" after a red step.
function count(file, stepOk, read) {
  const before = totals.failed;
  if (existsSync(file)) {
    try {
      read(JSON.parse(readFileSync(file, "utf8")));
    } catch {
      // An unreadable report is no evidence of anything: handled below.
    }
  }
  if (!stepOk && totals.failed === before) totals.failed += 1;
}

function countVitest(file, stepOk) {
  count(file, stepOk, (j) => {
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += (j.numFailedTests ?? 0) + (j.numTotalTests === 0 ? 1 : 0);
  });
}

function countPlaywright(file, stepOk) {
  count(file, stepOk, (j) => {
    const s = j.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += (s.unexpected ?? 0) + (s.skipped ?? 0) + (j.errors?.length && !s.unexpected ? 1 : 0);
  });
}

let ok = true;
ok = run("schemas are generated from their sources", "node", ["scripts/prisma-schemas.mjs", "--check"]) && ok;
ok = run("typecheck", "npx", ["tsc", "--noEmit", "-p", "."]) && ok;
ok = run("lint", "npx", ["eslint", "--max-warnings=0", "."]) && ok;

const unitJson = path.join(tmp, "unit.json");
const unitOk = run("unit tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitJson}`]);
countVitest(unitJson, unitOk);
ok = unitOk && ok;

for (const provider of ["sqlite", "postgres"]) {
  const file = path.join(tmp, `integration-${provider}.json`);
  const stepOk = run(`integration tests (${provider})`, "node", ["scripts/test-integration.mjs", provider, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  countVitest(file, stepOk);
  ok = stepOk && ok;
}

if (run("production build", "npx", ["next", "build"])) {
  const e2eJson = path.join(tmp, "e2e.json");
  const e2eOk = run("end-to-end tests (Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  countPlaywright(e2eJson, e2eOk);
  ok = e2eOk && ok;
} else {
  // No build, no end-to-end run: that is a failure, not zero tests.
  totals.failed += 1;
  ok = false;
}

rmSync(tmp, { recursive: true, force: true });
console.log("\n──── summary ────");
for (const s of steps) console.log(`${s.ok ? "✓" : "✗"} ${s.name} (${s.seconds}s)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
