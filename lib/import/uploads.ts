import "server-only";
// Files an admin uploads for an import, staged on disk under the data folder until the import job reads them:
// the items file, and the image folder with its relative paths (checked: no absolute paths, no "..").
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { dataDir } from "@/lib/db/config";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { imagePathProblem } from "@/lib/items/schema";

const UPLOAD_ID = /^[a-f0-9]{24}$/;

export function uploadDir(uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new NotFoundError("No such upload.");
  return path.join(dataDir(), "uploads", uploadId);
}

export function newUpload(): string {
  const id = randomBytes(12).toString("hex");
  mkdirSync(path.join(uploadDir(id), "images"), { recursive: true });
  return id;
}

async function save(body: WebReadableStream<Uint8Array> | null, file: string) {
  if (!body) throw new ValidationError("The upload is empty.");
  mkdirSync(path.dirname(file), { recursive: true });
  await pipeline(Readable.fromWeb(body), createWriteStream(file));
}

export async function saveItemsFile(uploadId: string, originalName: string, body: WebReadableStream<Uint8Array> | null): Promise<void> {
  const dir = uploadDir(uploadId);
  if (!existsSync(dir)) throw new NotFoundError("No such upload.");
  await save(body, path.join(dir, "items.jsonl"));
  writeFileSync(path.join(dir, "name.txt"), path.basename(originalName).slice(0, 200) || "items.jsonl");
}

export async function saveImageFile(uploadId: string, relPath: string, body: WebReadableStream<Uint8Array> | null): Promise<void> {
  const dir = uploadDir(uploadId);
  if (!existsSync(dir)) throw new NotFoundError("No such upload.");
  const problem = imagePathProblem(relPath);
  if (problem) throw new ValidationError(`Image path ${relPath.slice(0, 200)} ${problem}.`);
  await save(body, path.join(dir, "images", ...relPath.split("/")));
}

export function uploadFiles(uploadId: string) {
  const dir = uploadDir(uploadId);
  const itemsFile = path.join(dir, "items.jsonl");
  if (!existsSync(itemsFile)) throw new ValidationError("Upload the items file before starting the import.");
  const imagesDir = path.join(dir, "images");
  const nameFile = path.join(dir, "name.txt");
  const fileName = existsSync(nameFile) ? readFileSync(nameFile, "utf8") : "items.jsonl";
  return { itemsFile, fileName, imagesDir: existsSync(imagesDir) ? imagesDir : undefined };
}

/** Removes a staged upload once its import has finished (whatever the outcome: the report says what happened). */
export function removeUpload(uploadId: string): void {
  rmSync(uploadDir(uploadId), { recursive: true, force: true });
}

/** The upload a staged items file belongs to, or null when the file is not a staged upload. */
export function uploadIdOf(itemsFile: string): string | null {
  const rel = path.relative(path.join(dataDir(), "uploads"), path.resolve(itemsFile));
  const id = rel.split(path.sep)[0];
  return !rel.startsWith("..") && UPLOAD_ID.test(id) ? id : null;
}
