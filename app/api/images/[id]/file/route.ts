// GET /api/images/:id/file — the stored file of one image, for the viewer. Admins and adjudicators may read any
// image; reviewers the images of the cases their assigned items show (lib/images/access); others get 404.
// The image is looked up by id; the client never names a path or a storage key. An image in proxy mode is read
// from its PACS (through lib/storage's cache) under the same access rule.
import { Readable } from "node:stream";
import { ROLES } from "@/lib/auth/roles";
import { NotFoundError } from "@/lib/errors";
import { canReadImage } from "@/lib/images/access";
import { query } from "@/lib/http/route";
import { etagFor, IMAGE_CACHE_CONTROL, ifNoneMatchHits } from "@/lib/images/http";
import { CONTENT_TYPES, imageFile } from "@/lib/images/queries";
import { openImageFile } from "@/lib/storage/image-file";

export const dynamic = "force-dynamic";

export const GET = query<{ id: string }>([...ROLES], async (req, user, { id }) => {
  const image = await imageFile(id);
  // An image the user may not read answers like a missing one, so ids cannot be probed.
  if (!image || !(await canReadImage(user, id, image.caseId))) throw new NotFoundError("No such image.");
  const etag = etagFor(image.sha256);
  const headers = new Headers({ ETag: etag, "Cache-Control": IMAGE_CACHE_CONTROL, "X-Content-Type-Options": "nosniff" });
  if (ifNoneMatchHits(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  let file;
  try {
    file = await openImageFile(image);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new NotFoundError("The image file is missing from the image store.");
    throw e;
  }
  headers.set("Content-Type", CONTENT_TYPES[image.format]);
  headers.set("Content-Length", String(file.size));
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, { status: 200, headers });
});
