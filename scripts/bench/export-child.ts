// One measured export in its own process (so its peak memory is its own): builds a snapshot of the given formats
// without image files (and with its archive written as a .tar file when asked) and prints one JSON line with the
// figures.
import { rmSync } from "node:fs";
import { disconnectDatabase, prepareDatabase } from "@/lib/db/client";
import { buildSnapshot } from "@/lib/export/build-snapshot";
import { parseDefinition } from "@/lib/export/definition";

async function main() {
  const [out, formats, parquet, archive] = process.argv.slice(2);
  await prepareDatabase();
  const startRssMB = process.memoryUsage().rss / 1048576;
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  const r = await buildSnapshot({
    definition: parseDefinition({ formats: formats.split(","), parquet: parquet === "parquet", images: false }),
    out,
    creator: null,
    secret: "bench-export-secret-not-for-production",
    archive: archive === "archive",
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sample);
  await disconnectDatabase();
  const bytes = r.manifest.files.reduce((n, f) => n + f.bytes, 0);
  rmSync(r.folder, { recursive: true, force: true });
  if (r.archive) rmSync(r.archive, { force: true });
  console.log(JSON.stringify({ seconds, items: r.manifest.counts.items, bytes, maxRssMB: Math.max(process.resourceUsage().maxRSS / 1024, peak / 1048576), startRssMB, heapMB: process.memoryUsage().heapUsed / 1048576 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
