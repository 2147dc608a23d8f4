import "server-only";
// The first admin can come from the environment (ADMIN_EMAIL + ADMIN_PASSWORD [+ ADMIN_NAME]) when the
// database has no admin yet, e.g. for a container deployment. There is no default password.
import { db } from "@/lib/db/client";
import { createUserSchema } from "./schemas";
import { createUser } from "./service";

export async function bootstrapAdminFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return null;
  const admins = await db().user.count({ where: { role: "admin" } });
  if (admins > 0) return null;
  const input = createUserSchema.parse({ email: env.ADMIN_EMAIL, name: env.ADMIN_NAME || "Administrator", role: "admin", password: env.ADMIN_PASSWORD });
  const user = await createUser(input, null);
  return user.email;
}
