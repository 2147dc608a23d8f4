// POST /api/admin/assignments — hand out review slots by filter, as a background job (the same command as
// `npm run assign`); answers the job id whose progress /api/admin/jobs/:id shows.
import { startAssignJob } from "@/lib/assignments/launch";
import { assignSchema } from "@/lib/assignments/schemas";
import { mutation } from "@/lib/http/route";

export const POST = mutation(["admin"], assignSchema, async (input, user) => ({ jobId: await startAssignJob(input, user.id) }));
