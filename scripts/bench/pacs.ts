// npm run bench:pacs [-- --instances 100 --size 256]
// Pull import and proxy mode against a real Orthanc (Debian's orthanc + orthanc-dicomweb) on this machine, on a
// fresh SQLite database in a temporary data folder. A generated sagittal T2 series of N instances is loaded into
// Orthanc; the figures: pulling it (QIDO-RS + WADO-RS + de-identification gate + content-addressed store + the
// batch's commit), a re-run (nothing to fetch), and in proxy mode the first byte of a slice never read (fetched
// from the PACS and de-identified on the way) against a slice read from the on-disk cache.
// Last line: one JSON object with every figure.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, stringFlag } from "@/lib/cli/args";

const args = parseArgs(process.argv.slice(2));
const N = Number(stringFlag(args, "instances") ?? 100);
const SIZE = Number(stringFlag(args, "size") ?? 256);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-pacs-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "bench-pacs-secret";
process.env.BENCH_PACS_PASSWORD = "bench-only-pw";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const { prepareDatabase, disconnectDatabase, db } = await import("@/lib/db/client");
  const { createEndpoint } = await import("@/lib/dicomweb/endpoints");
  const { runImport } = await import("@/lib/import/run");
  const { imageFile } = await import("@/lib/images/queries");
  const { streamProxied } = await import("@/lib/storage/pacs-proxy");
  const { startOrthanc } = await import("../../tests/peers/orthanc");
  const { loadFiles, spineSeries } = await import("../../tests/peers/pacs-fixtures");

  await prepareDatabase();
  const pacs = await startOrthanc({ username: "bench", password: "bench-only-pw" });
  try {
    const t0 = performance.now();
    const pulled = await loadFiles(pacs, spineSeries(N, 101, SIZE));
    const proxiedSeries = await loadFiles(pacs, spineSeries(N, 202, SIZE));
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`Orthanc: ${2 * N} instances of ${SIZE}×${SIZE} loaded through its REST API in ${loadSeconds.toFixed(1)} s`);

    const common = { baseUrl: pacs.dicomWebUrl, authKind: "basic" as const, username: "bench", secretEnv: "BENCH_PACS_PASSWORD", timeoutSeconds: 60, maxInstanceMB: 64 };
    await createEndpoint({ name: "bench", proxy: false, ...common }, null);
    await createEndpoint({ name: "bench-proxy", proxy: true, ...common }, null);
    const itemsFile = path.join(dataDir, "none.jsonl");
    writeFileSync(itemsFile, "");
    const base = { itemsFile, policy: "refuse" as const, dryRun: false, skipInvalid: false, actorId: null };

    let t = performance.now();
    const r = await runImport({ ...base, pacsStudies: [{ ref: { pacs: "bench", studyInstanceUid: pulled.studyUid }, caseExternalId: "bench-pull" }] });
    const pullSeconds = (performance.now() - t) / 1000;
    if (r.status !== "completed" || r.counts.pacs?.fetched !== N) throw new Error(`pull: ${r.status} ${JSON.stringify(r.counts.pacs)} ${JSON.stringify(r.refusedImages.slice(0, 2))}`);
    const bytes = (await db().image.aggregate({ _sum: { sizeBytes: true }, where: { series: { case: { externalId: "bench-pull" } } } }))._sum.sizeBytes ?? 0;
    console.log(`pull import of ${N} instances (${(bytes / 1e6).toFixed(1)} MB): ${pullSeconds.toFixed(2)} s, ${(N / pullSeconds).toFixed(1)} instances/s`);

    t = performance.now();
    const again = await runImport({ ...base, pacsStudies: [{ ref: { pacs: "bench", studyInstanceUid: pulled.studyUid }, caseExternalId: "bench-pull" }] });
    const rerunSeconds = (performance.now() - t) / 1000;
    if (again.counts.pacs?.fetched !== 0) throw new Error("re-run fetched again");
    console.log(`re-run (all ${N} already here, nothing fetched): ${rerunSeconds.toFixed(2)} s`);

    t = performance.now();
    const p = await runImport({ ...base, pacsStudies: [{ ref: { pacs: "bench-proxy", studyInstanceUid: proxiedSeries.studyUid }, caseExternalId: "bench-proxy" }] });
    const proxyImportSeconds = (performance.now() - t) / 1000;
    if (p.status !== "completed") throw new Error(`proxy import ${p.status}`);
    console.log(`proxy-mode import of ${N} instances (checked, not stored): ${proxyImportSeconds.toFixed(2)} s`);

    const rows = await db().image.findMany({ where: { proxied: true }, orderBy: { instanceNumber: "asc" }, select: { id: true } });
    const cold: number[] = [];
    const coldFull: number[] = [];
    const warm: number[] = [];
    const read = async (id: string) => {
      const image = (await imageFile(id))!;
      const s = performance.now();
      const f = await streamProxied({ sha256: image.sha256, pacs: image.pacs! });
      let first = 0;
      for await (const _chunk of f.stream) if (!first) first = performance.now() - s;
      return { first, full: performance.now() - s, cached: f.cached };
    };
    const sample = rows.slice(0, Math.min(30, rows.length));
    for (const row of sample) {
      const c = await read(row.id);
      if (c.cached) throw new Error("expected a cold read");
      cold.push(c.first);
      coldFull.push(c.full);
    }
    for (let round = 0; round < 3; round++) {
      for (const row of sample) {
        const w = await read(row.id);
        if (!w.cached) throw new Error("expected a cached read");
        warm.push(w.full);
      }
    }
    console.log(`proxy first byte of a slice never read (WADO-RS + gate + cache write), median of ${cold.length}: ${median(cold).toFixed(1)} ms (whole file ${median(coldFull).toFixed(1)} ms)`);
    console.log(`proxy slice from the on-disk cache, median of ${warm.length}: ${median(warm).toFixed(2)} ms`);
    await disconnectDatabase();
    console.log(
      JSON.stringify({
        instances: N, size: SIZE, mb: round(bytes / 1e6), pullSeconds: round(pullSeconds, 2), instancesPerSecond: round(N / pullSeconds),
        rerunSeconds: round(rerunSeconds, 2), proxyImportSeconds: round(proxyImportSeconds, 2), proxyFirstByteMs: round(median(cold)),
        proxyColdFileMs: round(median(coldFull)), cachedSliceMs: round(median(warm), 2),
      }),
    );
  } finally {
    await pacs.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
