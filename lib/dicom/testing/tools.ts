// Runs the DICOM command-line validators that tests use as independent judges of the files this code writes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGE_OF: Record<string, string> = {
  dciodvfy: "dicom3tools",
  dcmdump: "dcmtk",
};

export interface ToolResult {
  status: number | null;
  /** stdout and stderr together: dciodvfy reports on stderr, dcmdump on both. */
  output: string;
}

/** Writes `buf` to a temporary file and runs `tool` on it. A missing tool fails with the package to install. */
export function runOnBuffer(tool: "dciodvfy" | "dcmdump", buf: Uint8Array, args: string[] = []): ToolResult {
  const dir = mkdtempSync(join(tmpdir(), "spinemed-dicom-"));
  const file = join(dir, "file.dcm");
  try {
    writeFileSync(file, buf);
    const r = spawnSync(tool, [...args, file], { encoding: "latin1", maxBuffer: 64 * 1024 * 1024 });
    if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} not found: install the Debian package ${PACKAGE_OF[tool]} (apt-get install -y ${PACKAGE_OF[tool]})`);
    }
    if (r.error) throw r.error;
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** dciodvfy's "Error - …" lines (warnings are not failures: they include advice such as DICOMDIR hints). */
export function dciodvfyErrors(buf: Uint8Array): string[] {
  return runOnBuffer("dciodvfy", buf)
    .output.split("\n")
    .filter((l) => /\bError\b/.test(l));
}

/** dcmdump's exit status and its "E:" (error) lines for a buffer. */
export function dcmdumpErrors(buf: Uint8Array): { status: number | null; errors: string[] } {
  const r = runOnBuffer("dcmdump", buf);
  return { status: r.status, errors: r.output.split("\n").filter((l) => l.startsWith("E:")) };
}
