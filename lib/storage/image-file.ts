import "server-only";
// The bytes of one image, wherever they are: in the image store, or (proxy mode) in its PACS through the cache.
// Whatever reads an image's file (the image route, renderers, exports) calls these, never the store directly.
import type { Readable } from "node:stream";
import { imageStore } from "./index";
import { streamProxied, type ProxiedImage } from "./pacs-proxy";

export interface ImageBytesRef {
  sha256: string;
  storageKey: string;
  /** Set for a proxy-mode image (lib/images/queries imageFile gives it). */
  pacs: ProxiedImage["pacs"] | null;
}

export async function openImageFile(image: ImageBytesRef): Promise<{ stream: Readable; size: number }> {
  return image.pacs ? streamProxied({ sha256: image.sha256, pacs: image.pacs }) : imageStore().stream(image.storageKey);
}

export async function readImageFile(image: ImageBytesRef): Promise<Buffer> {
  const { stream } = await openImageFile(image);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
