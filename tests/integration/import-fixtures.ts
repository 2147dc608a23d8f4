// Builders for import tests: a temporary folder with the demo images (generated), real DICOM files from Debian's
// packages, and JSON Lines files made from the published examples.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeDemoImages, type DemoImages } from "@/lib/demo/images";
import { example } from "@/lib/items/test-fixtures";

export const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

export function tempDir(prefix = "spinemed-import-") {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function demoFolder(): DemoImages {
  return writeDemoImages(path.join(tempDir(), "images"));
}

/** A folder with real files: some carry patient identity (pydicom's CT_small, MR_small), one is truncated. */
export function realFolder(files = ["CT_small.dcm", "MR_small.dcm", "MR_small_RLE.dcm", "JPEG2000.dcm", "MR_truncated.dcm"]) {
  const root = path.join(tempDir(), "real");
  mkdirSync(path.join(root, "real-case"), { recursive: true });
  for (const f of files) copyFileSync(path.join(PYDICOM, f), path.join(root, "real-case", f));
  return root;
}

type Task = "mcq" | "open_qa" | "consultation" | "report";

/** An example line of the task type, with its own id and (optionally) other images. */
export function line(task: Task, externalId: string, patch: (l: Record<string, any>) => void = () => {}) {
  const l = example(task);
  l.externalId = externalId;
  if (l.images?.length) {
    l.images = [{ path: "demo-case-001/sag_t2/IM0008.dcm" }];
    l.provenance.caseId = "demo-case-001";
  }
  patch(l);
  return l;
}

export function jsonl(dir: string, name: string, lines: (Record<string, any> | string)[]) {
  const file = path.join(dir, name);
  writeFileSync(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return file;
}
