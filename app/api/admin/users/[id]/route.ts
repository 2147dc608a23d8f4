import { mutation } from "@/lib/http/route";
import { updateUserSchema } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/service";

export const PATCH = mutation(["admin"], updateUserSchema, async (input, actor, params: { id: string }) => ({
  user: await updateUser(params.id, input, actor.id),
}));
