// Worker thread for large imports: prepares batches of lines (lib/import/prepare-line.ts) while the main thread
// writes the previous batch to the database. TypeScript is loaded through tsx's loader.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { prepareLine } = await import("./prepare-line.ts");

parentPort.on("message", ({ id, start, lines }) => {
  const results = lines.map((text, i) => (text.trim() === "" ? null : prepareLine(text, start + i)));
  parentPort.postMessage({ id, results });
});
parentPort.postMessage({ ready: true });
