import { NotFoundError } from "@/lib/errors";
import { query } from "@/lib/http/route";
import { getJob } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export const GET = query(["admin"], async (_req, _user, params: { id: string }) => {
  const job = await getJob(params.id);
  if (!job) throw new NotFoundError("No such job.");
  return { job };
});
