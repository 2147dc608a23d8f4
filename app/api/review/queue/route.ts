// GET /api/review/queue?cursor=&limit=&taskType=&level=&modality=&status= — the signed-in user's open review
// assignments, a keyset page at a time.
import { query } from "@/lib/http/route";
import { queueFilterSchema, queuePageSchema } from "@/lib/review/schemas";
import { reviewQueue } from "@/lib/review";

export const GET = query(["reviewer", "adjudicator", "admin"], async (req, user) => {
  // An empty parameter (a cleared filter in a form) means no filter.
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const { cursor, limit, ...filters } = params;
  return reviewQueue(user.id, queueFilterSchema.parse(filters), queuePageSchema.parse({ cursor, limit }));
});
