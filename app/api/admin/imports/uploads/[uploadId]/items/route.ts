import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { upload } from "@/lib/http/route";
import { assertUploadPath } from "@/lib/http/upload-path";
import { saveItemsFile } from "@/lib/import/uploads";

// The items file as the raw request body, streamed to disk (files can be gigabytes).
export const PUT = upload(["admin"], async (req, _user, { uploadId }: { uploadId: string }) => {
  const name = new URL(req.url).searchParams.get("name") ?? "items.jsonl";
  assertUploadPath(name, "File name");
  await saveItemsFile(uploadId, name, req.body as WebReadableStream<Uint8Array> | null);
  return { ok: true };
});
