// POST /api/admin/users/:id/sign-out-everywhere — an admin ends every session of a user (a lost laptop).
import { z } from "zod";
import { mutation } from "@/lib/http/route";
import { endSessions } from "@/lib/users/service";

export const POST = mutation(["admin"], z.object({}), async (_input, actor, params: { id: string }) => {
  await endSessions(params.id, actor.id, "sign_out_everywhere");
  return { ok: true };
});
