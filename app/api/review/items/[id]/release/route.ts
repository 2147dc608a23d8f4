// POST /api/review/items/:id/release {reason: skip|close} — gives the item back (skip) or ends the working lease.
import { mutation } from "@/lib/http/route";
import { releaseSchema } from "@/lib/review/schemas";
import { releaseItem } from "@/lib/review";

export const POST = mutation(["reviewer", "adjudicator", "admin"], releaseSchema, async (input, user, params: { id: string }) => releaseItem(params.id, user, input.reason));
