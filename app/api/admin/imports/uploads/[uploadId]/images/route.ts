import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { upload } from "@/lib/http/route";
import { assertUploadPath } from "@/lib/http/upload-path";
import { ValidationError } from "@/lib/errors";
import { saveImageFile } from "@/lib/import/uploads";

// One image file as the raw body; its path inside the uploaded folder is the `path` query parameter.
export const PUT = upload(["admin"], async (req, _user, { uploadId }: { uploadId: string }) => {
  const relPath = new URL(req.url).searchParams.get("path");
  if (!relPath) throw new ValidationError("Missing the image's path.");
  assertUploadPath(relPath);
  await saveImageFile(uploadId, relPath, req.body as WebReadableStream<Uint8Array> | null);
  return { ok: true };
});
