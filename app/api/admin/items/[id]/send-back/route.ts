// POST /api/admin/items/:id/send-back { note } — returns a decided item to review for a new round (admins, adjudicators).
import { sendBackSchema } from "@/lib/adjudication/schemas";
import { mutation } from "@/lib/http/route";
import { sendBack } from "@/lib/review/send-back";

export const POST = mutation(["admin", "adjudicator"], sendBackSchema, async (input, user, params: { id: string }) => sendBack(params.id, input, user));
