import "server-only";
// Who is asking. Reading the session token checks the database (lib/auth/options: the user is still active,
// the token's session version is current) and brings the user's name and role as they are now, so a
// deactivation, role change, password reset or sign-out takes effect on the next request.
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { authOptions } from "./options";
import { ROLES, type Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; email?: string | null; name?: string | null; role?: Role } | undefined;
  // No role, or none this app knows (an account waiting for one): no access, as if signed out.
  if (!user?.id || !user.role || !ROLES.includes(user.role)) return null;
  return { id: user.id, email: user.email ?? "", name: user.name ?? "", role: user.role };
}

/** For route handlers and server actions: throws 401/403 errors. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(user.role)) throw new ForbiddenError();
  return user;
}

/** For pages and layouts: sends a signed-out visitor to the sign-in page, a wrong role to the 403 page. */
export async function requirePageRole(...roles: Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (roles.length > 0 && !roles.includes(user.role)) forbidden();
  return user;
}
