// One measured import in its own process (so its peak memory is its own): registers the image pool, then
// imports the file and prints one JSON line with the figures.
import { newId } from "@/lib/ids";
import { dbConfig, disconnectDatabase, prepareDatabase } from "@/lib/db/client";
import { beginBulk } from "@/lib/import/bulk";
import { runImport } from "@/lib/import/run";
import { CASE, IMAGE, SERIES } from "@/lib/import/tables";
import { IMAGE_POOL, instanceUid, seriesUid } from "./generate-items";

async function registerImagePool() {
  const tx = await beginBulk(dbConfig());
  const now = new Date();
  const caseId = newId();
  await tx.insert(CASE, [{ id: caseId, externalId: "bench-image-pool", createdAt: now }]);
  const series = new Map<string, string>();
  const images = [];
  for (let n = 0; n < IMAGE_POOL; n++) {
    const s = seriesUid(n);
    if (!series.has(s)) series.set(s, newId());
    images.push({ id: newId(), seriesId: series.get(s), sha256: n.toString(16).padStart(64, "0"), storageKey: n.toString(16).padStart(64, "0"), format: "dicom", sizeBytes: 1, sopInstanceUid: instanceUid(n), frames: 1, proxied: false, createdAt: now });
  }
  await tx.insert(SERIES, [...series].map(([uid, id]) => ({ id, caseId, seriesUid: uid, modality: "MR", createdAt: now })));
  await tx.insert(IMAGE, images);
  await tx.commit();
  await tx.close();
}

async function main() {
  const file = process.argv[2];
  await prepareDatabase();
  await registerImagePool();
  let lastPrint = 0;
  const t0 = performance.now();
  const report = await runImport({
    itemsFile: file, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null,
    onProgress: (p) => {
      const now = performance.now();
      if (p.phase === "items" && now - lastPrint > 5000) {
        lastPrint = now;
        process.stderr.write(`  ${dbConfig().provider}: ${p.done.toLocaleString()}/${p.total.toLocaleString()} lines\n`);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  await disconnectDatabase();
  if (report.status !== "completed") {
    console.error(JSON.stringify(report.errors.slice(0, 5)));
    throw new Error(`import ${report.status}`);
  }
  console.log(JSON.stringify({ seconds, created: report.counts.created, versions: report.counts.versionsCreated, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
