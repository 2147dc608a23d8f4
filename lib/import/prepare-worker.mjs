// Worker thread for large imports: reads the items file and prepares its lines in batches
// (lib/import/prepare-line.ts) while the main thread writes earlier batches to the database.
// Flow control: the main thread grants credits; the worker never runs more than that many batches ahead.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { prepareLine } = await import("./prepare-line.ts");
const { readLines } = await import("./lines.ts");

let credits = 0;
let wake = null;
parentPort.on("message", (m) => {
  if (m.type === "credit") {
    credits += m.n;
    wake?.();
  }
});

async function waitForCredit() {
  while (credits <= 0) await new Promise((r) => (wake = r));
  credits--;
}

const { file, batchSize, defaults } = workerData;
try {
  let lineNo = 0;
  let results = [];
  for await (const text of readLines(file)) {
    lineNo++;
    results.push(text.trim() === "" ? null : prepareLine(text, lineNo, defaults));
    if (results.length === batchSize) {
      await waitForCredit();
      parentPort.postMessage({ type: "batch", results, lastLine: lineNo });
      results = [];
    }
  }
  await waitForCredit();
  parentPort.postMessage({ type: "batch", results, lastLine: lineNo });
  parentPort.postMessage({ type: "end" });
} catch (e) {
  parentPort.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) });
}
