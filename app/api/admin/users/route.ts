import { mutation, query } from "@/lib/http/route";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = query(["admin"], async () => ({ users: await listUsers() }));

export const POST = mutation(["admin"], createUserSchema, async (input, actor) => ({ user: await createUser(input, actor.id) }));
