// Limits of the file system an upload is staged on, checked before anything is written: most file systems
// store names of at most 255 bytes and paths of at most 4,096 bytes. Past them writing fails with
// ENAMETOOLONG, which would surface as a server error instead of a message naming the file.
import { ValidationError } from "@/lib/errors";

export const MAX_NAME_BYTES = 255;
export const MAX_PATH_BYTES = 1024;

export function uploadPathProblem(relPath: string): string | null {
  if (Buffer.byteLength(relPath) > MAX_PATH_BYTES) return `is longer than ${MAX_PATH_BYTES} bytes`;
  const long = relPath.split("/").find((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES);
  if (long !== undefined) return `has a file or folder name longer than ${MAX_NAME_BYTES} bytes (${Buffer.byteLength(long)} bytes: ${long.slice(0, 40)}…)`;
  return null;
}

export function assertUploadPath(relPath: string, what = "Image path"): void {
  const problem = uploadPathProblem(relPath);
  if (problem) throw new ValidationError(`${what} ${relPath.slice(0, 80)}${relPath.length > 80 ? "…" : ""} ${problem}.`);
}
