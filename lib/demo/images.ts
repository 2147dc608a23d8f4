// The demo image folder: two synthetic cases written as real files, laid out as an import expects
// (top-level folder = case), with a landmarks file whose points are where the generator drew each vertebra.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { syntheticLateralXray, syntheticPngXray, syntheticSagittalMrStack } from "@/lib/dicom/synthetic";

export interface DemoImages {
  root: string;
  mrCaseId: string;
  xrayCaseId: string;
  mr: string[]; // relative paths, in instance order
  xray: string[];
  landmarks: number;
}

export const DEMO_MR_CASE = "demo-case-001";
export const DEMO_XRAY_CASE = "demo-case-002";

export function writeDemoImages(root: string): DemoImages {
  const lines: string[] = [];
  const landmark = (image: string, level: string, x: number, y: number) => lines.push(JSON.stringify({ image, level, x, y }));

  const stack = syntheticSagittalMrStack({ caseId: DEMO_MR_CASE, seed: 7, slices: 15 });
  const mrDir = path.join(root, DEMO_MR_CASE, "sag_t2");
  mkdirSync(mrDir, { recursive: true });
  const mr: string[] = [];
  for (const f of stack.files) {
    const rel = `${DEMO_MR_CASE}/sag_t2/IM${String(f.instanceNumber).padStart(4, "0")}.dcm`;
    writeFileSync(path.join(root, rel), f.buffer);
    mr.push(rel);
    for (const l of [...f.landmarks, ...f.discLandmarks]) landmark(rel, l.level, l.x, l.y);
  }

  const xr = syntheticLateralXray({ caseId: DEMO_MR_CASE, seed: 7 });
  mkdirSync(path.join(root, DEMO_MR_CASE, "xr_lateral"), { recursive: true });
  const xrRel = `${DEMO_MR_CASE}/xr_lateral/lateral.dcm`;
  writeFileSync(path.join(root, xrRel), xr.buffer);
  for (const l of [...xr.landmarks, ...xr.discLandmarks]) landmark(xrRel, l.level, l.x, l.y);

  const png = syntheticPngXray({ caseId: DEMO_XRAY_CASE, seed: 11 });
  mkdirSync(path.join(root, DEMO_XRAY_CASE, "xr_lateral"), { recursive: true });
  const pngRel = `${DEMO_XRAY_CASE}/xr_lateral/lateral.png`;
  writeFileSync(path.join(root, pngRel), png.buffer);
  for (const l of [...png.landmarks, ...png.discLandmarks]) landmark(pngRel, l.level, l.x, l.y);

  writeFileSync(path.join(root, "landmarks.jsonl"), lines.join("\n") + "\n");
  return { root, mrCaseId: DEMO_MR_CASE, xrayCaseId: DEMO_XRAY_CASE, mr, xray: [xrRel, pngRel], landmarks: lines.length };
}
