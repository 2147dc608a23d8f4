// GET /api/review/queue?taskType=&level=&modality=&status=&limit= — the signed-in user's open review assignments.
import { limitParam } from "@/lib/http/params";
import { query } from "@/lib/http/route";
import { queueFilterSchema } from "@/lib/review/schemas";
import { reviewQueue } from "@/lib/review/service";

const limitSchema = limitParam(2000, 500);

export const GET = query(["reviewer", "adjudicator", "admin"], async (req, user) => {
  // An empty parameter (a cleared filter in a form) means no filter.
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const { limit, ...filters } = params;
  return reviewQueue(user.id, queueFilterSchema.parse(filters), limitSchema.parse(limit));
});
