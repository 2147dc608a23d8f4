import { NextResponse } from "next/server";
import { db, dbConfig } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// For load balancers and start-up scripts: is the database answering?
export async function GET() {
  try {
    await db().user.count();
    return NextResponse.json({ ok: true, database: dbConfig().provider }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return NextResponse.json({ ok: false, error: "database unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
