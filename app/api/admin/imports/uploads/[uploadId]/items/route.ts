import { NextResponse } from "next/server";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { requireRole } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/route";
import { saveItemsFile } from "@/lib/import/uploads";

// The items file as the raw request body, streamed to disk (files can be gigabytes).
export async function PUT(req: Request, ctx: { params: Promise<{ uploadId: string }> }) {
  try {
    await requireRole("admin");
    const { uploadId } = await ctx.params;
    const name = new URL(req.url).searchParams.get("name") ?? "items.jsonl";
    await saveItemsFile(uploadId, name, req.body as WebReadableStream<Uint8Array> | null);
    return NextResponse.json({ ok: true });
  } catch (e) {
    return errorResponse(e);
  }
}
