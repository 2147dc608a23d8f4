// POST /api/review/items/:id/reviews — saves the user's review (409 when the item changed since it was opened).
import { mutation } from "@/lib/http/route";
import { submitReviewSchema } from "@/lib/review/schemas";
import { submitReview } from "@/lib/review";

export const POST = mutation(["reviewer", "adjudicator", "admin"], submitReviewSchema, async (input, user, params: { id: string }) => submitReview(params.id, input, user));
