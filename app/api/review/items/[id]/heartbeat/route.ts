// POST /api/review/items/:id/heartbeat — renews the working lease while the workspace is open; 409 names who holds
// the item now when the lease ran out and someone else took it.
import { mutation } from "@/lib/http/route";
import { heartbeatSchema } from "@/lib/review/schemas";
import { heartbeat } from "@/lib/review";

export const POST = mutation(["reviewer", "adjudicator", "admin"], heartbeatSchema, async (_input, user, params: { id: string }) => heartbeat(params.id, user));
