// POST /api/review/next {batchId?} — Next item: the user's own queue first, then a slot from the shared pool (working lease).
import { mutation } from "@/lib/http/route";
import { nextItemSchema } from "@/lib/review/schemas";
import { nextItem } from "@/lib/review";

export const POST = mutation(["reviewer", "adjudicator", "admin"], nextItemSchema, async (input, user) => nextItem(user, { batchId: input.batchId }));
