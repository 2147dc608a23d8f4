import { NextResponse } from "next/server";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { requireRole } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/route";
import { ValidationError } from "@/lib/errors";
import { saveImageFile } from "@/lib/import/uploads";

// One image file as the raw body; its path inside the uploaded folder is the `path` query parameter.
export async function PUT(req: Request, ctx: { params: Promise<{ uploadId: string }> }) {
  try {
    await requireRole("admin");
    const { uploadId } = await ctx.params;
    const relPath = new URL(req.url).searchParams.get("path");
    if (!relPath) throw new ValidationError("Missing the image's path.");
    await saveImageFile(uploadId, relPath, req.body as WebReadableStream<Uint8Array> | null);
    return NextResponse.json({ ok: true });
  } catch (e) {
    return errorResponse(e);
  }
}
