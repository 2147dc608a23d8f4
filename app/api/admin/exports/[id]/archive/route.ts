// GET /api/admin/exports/:id/archive — the .tar of a complete snapshot, for admins (streamed from its folder).
import { Readable } from "node:stream";
import { query } from "@/lib/http/route";
import { snapshotArchive } from "@/lib/export/queries";

export const dynamic = "force-dynamic";

export const GET = query<{ id: string }>(["admin"], async (_req, _user, { id }) => {
  const a = await snapshotArchive(id);
  return new Response(Readable.toWeb(Readable.from(a.body)) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Length": String(a.bytes),
      "Content-Disposition": `attachment; filename="${a.name}.tar"`,
    },
  });
});
