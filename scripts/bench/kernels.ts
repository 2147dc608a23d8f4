// npm run bench:kernels — the speed of the small pieces every page or import leans on: a word diff of two
// 20,000-character texts, DICOM header parsing of the real Debian files, and generating the demo image set.
// Prints one line per figure and, last, one JSON object with all of them.
import { parseDicom } from "@/lib/dicom/parse";
import { readRealFile, REAL_FILES, type RealFileKey } from "@/lib/dicom/testing/real-files";
import { syntheticLateralXray, syntheticMultiFrame, syntheticPngXray, syntheticSagittalMrStack } from "@/lib/dicom/synthetic";
import { diffWords } from "@/lib/diff/words";

function best(run: () => void, rounds = 5): number {
  run(); // warm-up (JIT)
  let min = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function words(seed: number, n: number): string {
  const vocab = ["disc", "L4/L5", "protrusion", "stenosis", "the", "at", "mild", "severe", "canal", "foraminal", "left", "right", "T2", "signal", "Modic", "type", "2", "3.5", "mm", "with", "and", "of"];
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out.push(vocab[s % vocab.length]);
  }
  return out.join(" ").slice(0, 20_000);
}

const base = words(7, 3500);
const edited = base.replace(/stenosis/g, "narrowing").replace(/L4\/L5/g, "L5/S1");
const other = words(99, 3500);
const figures = {
  diffEditedMs: best(() => diffWords(base, edited)),
  diffUnrelatedMs: best(() => diffWords(base, other)),
  parseDicomMsPerFile: 0,
  syntheticDemoSetMs: best(() => {
    syntheticLateralXray({ seed: 101 });
    syntheticPngXray({ seed: 101 });
    syntheticSagittalMrStack({ seed: 101 });
    syntheticMultiFrame({ seed: 101 });
  }, 3),
};
// The readable files only (one is truncated on purpose).
const buffers = (Object.keys(REAL_FILES) as RealFileKey[])
  .map((k) => readRealFile(k))
  .filter((b) => {
    try {
      parseDicom(b);
      return true;
    } catch {
      return false;
    }
  });
figures.parseDicomMsPerFile = best(() => buffers.forEach((b) => parseDicom(b))) / buffers.length;

console.log(`word diff, 20,000 characters, edited:     ${figures.diffEditedMs.toFixed(1)} ms (target ≤ 50 ms)`);
console.log(`word diff, 20,000 characters, unrelated:  ${figures.diffUnrelatedMs.toFixed(1)} ms (target ≤ 50 ms)`);
console.log(`DICOM header parse, ${buffers.length} real files:      ${figures.parseDicomMsPerFile.toFixed(3)} ms per file (target ≤ 2 ms)`);
console.log(`synthetic demo image set:                 ${figures.syntheticDemoSetMs.toFixed(0)} ms`);
console.log(JSON.stringify(figures));
