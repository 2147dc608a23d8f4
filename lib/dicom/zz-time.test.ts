import { it } from "vitest";
import { applyPhiGate, findPhi, deterministicUidMapper } from "@/lib/dicom/phi";
import { readRealFile } from "@/lib/dicom/testing/real-files";
it("time", () => {
  const uidMap = deterministicUidMapper("x");
  for (const k of ["ctSmall", "dicom3toolsMr", "gdcmXaMultiFrame"] as const) {
    const b = readRealFile(k);
    for (let i = 0; i < 3; i++) applyPhiGate(b, "strip", { uidMap });
    const n = 20;
    let t = performance.now(); for (let i = 0; i < n; i++) findPhi(b); const find = (performance.now() - t) / n;
    t = performance.now(); for (let i = 0; i < n; i++) applyPhiGate(b, "strip", { uidMap });
    console.log(k, b.length, "find", find.toFixed(1), "gate", ((performance.now() - t) / n).toFixed(1), "ms");
  }
});
