import "server-only";
// Proxy mode: an image whose bytes stay in the PACS. On a request the file is fetched with WADO-RS, passed through
// the same de-identification gate as at import (the same policy and UID key, so the result is byte-identical to
// what the import checked: its sha256 must equal the row's, or it is refused as changed in the PACS), and kept in
// a small on-disk LRU cache under DATA_DIR/pacs-cache, so a slice seen once comes back at local-file speed.
// The cache holds de-identified files only and is per machine: several instances each keep their own (a miss
// costs one WADO-RS fetch, never a wrong answer, since files are content-addressed). PACS_CACHE_MB sets its size
// (default 512).
import { createReadStream, existsSync } from "node:fs";
import { mkdir, readdir, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/lib/db/config";
import { clientFor, getEndpoint } from "@/lib/dicomweb/endpoints";
import { DicomWebError } from "@/lib/dicomweb/errors";
import { deterministicUidMapper } from "@/lib/dicom/phi";
import { AppError, NotFoundError } from "@/lib/errors";
import { deidentificationSecret, gateDicom } from "@/lib/import/images";
import { sha256 } from "./index";

export interface ProxiedImage {
  sha256: string;
  pacs: { endpointId: string; studyUid: string; seriesUid: string; instanceUid: string; stripped: boolean };
}

const KEY = /^[a-f0-9]{64}$/;
const cacheDir = () => path.join(dataDir(), "pacs-cache");
const cacheLimit = () => Math.max(1, Number(process.env.PACS_CACHE_MB) || 512) * 1024 * 1024;
const inFlight = new Map<string, Promise<void>>();

/** The PACS could not give the image: 502 with the client's one clear sentence. */
export class PacsUnavailableError extends AppError {
  constructor(message: string) {
    super(message, 502, "pacs_unavailable");
  }
}

function cachePath(key: string) {
  if (!KEY.test(key)) throw new Error("bad cache key");
  return path.join(cacheDir(), key);
}

async function fetchIntoCache(image: ProxiedImage): Promise<void> {
  let endpoint;
  try {
    endpoint = await getEndpoint(image.pacs.endpointId);
  } catch {
    throw new NotFoundError("The PACS this image is shown from is no longer configured.");
  }
  let buf: Buffer;
  try {
    buf = await clientFor(endpoint).retrieveInstance({ studyInstanceUid: image.pacs.studyUid, seriesInstanceUid: image.pacs.seriesUid, sopInstanceUid: image.pacs.instanceUid });
  } catch (e) {
    if (e instanceof DicomWebError) throw new PacsUnavailableError(e.message);
    throw e;
  }
  const gated = gateDicom(buf, image.pacs.stripped ? "strip" : "refuse", deterministicUidMapper(deidentificationSecret()));
  if (!gated.ok || sha256(gated.clean) !== image.sha256) {
    throw new PacsUnavailableError(`The image changed in the PACS "${endpoint.name}" since it was imported; import it again.`);
  }
  const file = cachePath(image.sha256);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, gated.clean);
  await rename(tmp, file);
  void trimCache().catch(() => {});
}

/** Removes the least recently read files until the cache is under its limit. */
async function trimCache() {
  const dir = cacheDir();
  const names = (await readdir(dir)).filter((n) => KEY.test(n));
  const files = (await Promise.all(names.map(async (n) => ({ n, s: await stat(path.join(dir, n)).catch(() => null) })))).filter((f) => f.s) as { n: string; s: import("node:fs").Stats }[];
  let total = files.reduce((t, f) => t + f.s.size, 0);
  if (total <= cacheLimit()) return;
  files.sort((a, b) => a.s.mtimeMs - b.s.mtimeMs);
  for (const f of files) {
    if (total <= cacheLimit() * 0.8) break;
    await unlink(path.join(dir, f.n)).catch(() => {});
    total -= f.s.size;
  }
}

/** The de-identified file of a proxied image, from the cache or the PACS. */
export async function streamProxied(image: ProxiedImage): Promise<{ stream: Readable; size: number; cached: boolean }> {
  const file = cachePath(image.sha256);
  const cached = existsSync(file);
  if (!cached) {
    let pending = inFlight.get(image.sha256);
    if (!pending) {
      pending = fetchIntoCache(image).finally(() => inFlight.delete(image.sha256));
      inFlight.set(image.sha256, pending);
    }
    await pending;
  }
  // The modification time is the LRU's clock: reading a file makes it recent.
  const now = new Date();
  await utimes(file, now, now).catch(() => {});
  const { size } = await stat(file);
  return { stream: createReadStream(file), size, cached };
}
