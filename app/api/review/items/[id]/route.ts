// GET /api/review/items/:id — what the review workspace shows, and the item's place in the user's queue.
import { query } from "@/lib/http/route";
import { getReviewItem, queueNeighbours } from "@/lib/review";

export const GET = query(["reviewer", "adjudicator", "admin"], async (_req, user, params: { id: string }) => {
  const item = await getReviewItem(params.id, user);
  return { item, queue: await queueNeighbours(user.id, item.id) };
});
