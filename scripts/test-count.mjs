// Counting the tests of `npm test`'s steps from their JSON reports. A step that failed without a report, or
// whose report shows no failed test (it stopped before running any: a compile error, a server that did not
// start), counts as one failure, so the closing line never says "0 failed" after a red step.
import { existsSync, readFileSync } from "node:fs";

function count(totals, file, stepOk, read) {
  const before = totals.failed;
  if (file && existsSync(file)) {
    try {
      read(JSON.parse(readFileSync(file, "utf8")));
    } catch {
      // An unreadable report is no evidence of anything: handled below.
    }
  }
  if (!stepOk && totals.failed === before) totals.failed += 1;
}

export function countVitest(totals, file, stepOk) {
  count(totals, file, stepOk, (j) => {
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += (j.numFailedTests ?? 0) + (j.numTotalTests === 0 ? 1 : 0);
  });
}

export function countPlaywright(totals, file, stepOk) {
  count(totals, file, stepOk, (j) => {
    const s = j.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
  });
}
