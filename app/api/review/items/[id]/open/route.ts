// POST /api/review/items/:id/open — the workspace opened the item: takes the working lease, audited.
import { mutation } from "@/lib/http/route";
import { openItemSchema } from "@/lib/review/schemas";
import { openItem } from "@/lib/review";

export const POST = mutation(["reviewer", "adjudicator", "admin"], openItemSchema, async (_input, user, params: { id: string }) => openItem(params.id, user));
