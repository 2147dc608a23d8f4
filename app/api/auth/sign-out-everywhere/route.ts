// POST /api/auth/sign-out-everywhere — ends every session of the signed-in user, this one included.
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { mutation } from "@/lib/http/route";
import { endSessions } from "@/lib/users/service";

export const POST = mutation([...ROLES], z.object({}), async (_input, user) => {
  await endSessions(user.id, user.id, "sign_out_everywhere");
  return { ok: true };
});
