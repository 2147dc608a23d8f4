import { mutation } from "@/lib/http/route";
import { resetPasswordSchema } from "@/lib/users/schemas";
import { resetPassword } from "@/lib/users/service";

export const POST = mutation(["admin"], resetPasswordSchema, async (input, actor, params: { id: string }) => {
  await resetPassword(params.id, input.password, actor.id);
  return { ok: true };
});
