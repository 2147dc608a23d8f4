// POST /api/admin/items/bulk { action, selection: { kind: "ids", ids } | { kind: "filter", filter } } — a bulk action
// of the items browser (admins only). A few ids run at once and answer the report; more, or a whole filter, start
// a job and answer its id (progress at /api/admin/jobs/:id).
import { startBulk } from "@/lib/bulk/launch";
import { bulkRequestSchema } from "@/lib/bulk/schemas";
import { mutation } from "@/lib/http/route";

export const POST = mutation(["admin"], bulkRequestSchema, (input, user) => startBulk(input, user));
