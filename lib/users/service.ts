import "server-only";
// User accounts: creation, changes, deactivation, password resets and sign-in checks. Every change is audited.
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit";
import { hashPassword, verifyPassword, burnPasswordCheck } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { clear, hit } from "@/lib/ratelimit";
import type { CreateUserInput, UpdateUserInput } from "./schemas";

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
}

const publicFields = { id: true, email: true, name: true, role: true, active: true, createdAt: true } as const;

export async function listUsers(): Promise<PublicUser[]> {
  return db().user.findMany({ select: publicFields, orderBy: [{ active: "desc" }, { role: "asc" }, { email: "asc" }] });
}

export async function getUser(id: string): Promise<PublicUser | null> {
  return db().user.findUnique({ where: { id }, select: publicFields });
}

export async function createUser(raw: CreateUserInput, actorId: string | null): Promise<PublicUser> {
  const input = { ...raw, email: raw.email.trim().toLowerCase() };
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: publicFields,
      });
      await appendAudit(tx, {
        actorId,
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        after: { email: user.email, name: user.name, role: user.role },
      });
      return user;
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new ConflictError(`A user with the e-mail ${input.email} already exists.`);
    throw e;
  }
}

export async function updateUser(id: string, input: UpdateUserInput, actorId: string): Promise<PublicUser> {
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: publicFields });
    if (!before) throw new NotFoundError("No such user.");
    if (id === actorId && (input.active === false || (input.role && input.role !== "admin"))) {
      throw new ForbiddenError("You cannot deactivate yourself or remove your own admin role.");
    }
    if (before.role === "admin" && before.active && (input.active === false || (input.role && input.role !== "admin"))) {
      const admins = await tx.user.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new ValidationError("This is the last active admin; make someone else admin first.");
    }
    const user = await tx.user.update({ where: { id }, data: input, select: publicFields });
    const changed = Object.fromEntries(Object.keys(input).map((k) => [k, (before as unknown as Record<string, unknown>)[k]]));
    await appendAudit(tx, {
      actorId,
      action: input.active === false ? "user.deactivate" : input.active === true ? "user.activate" : "user.update",
      targetType: "user",
      targetId: id,
      before: changed,
      after: input,
    });
    return user;
  });
}

export async function resetPassword(id: string, password: string, actorId: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new NotFoundError("No such user.");
    await tx.user.update({ where: { id }, data: { passwordHash } });
    // The hash itself never goes into the audit trail.
    await appendAudit(tx, { actorId, action: "user.password_reset", targetType: "user", targetId: id });
  });
}

export const LOGIN_LIMIT = {
  perAccount: Number(process.env.LOGIN_MAX_ATTEMPTS || 5),
  perAddress: Number(process.env.LOGIN_MAX_ATTEMPTS_PER_IP || 30),
  windowMs: Number(process.env.LOGIN_WINDOW_SECONDS || 300) * 1000,
};

export class SignInError extends Error {}

/**
 * Checks a sign-in. Failed attempts are counted per account and per client address in the database;
 * past the limit the answer is "too many attempts" whatever the password.
 */
export async function authenticate(email: string, password: string, address: string): Promise<PublicUser> {
  const normalised = email.trim().toLowerCase();
  const accountKey = `login:account:${normalised}`;
  const addressKey = `login:ip:${address}`;
  const [byAccount, byAddress] = await Promise.all([
    hit(accountKey, LOGIN_LIMIT.perAccount, LOGIN_LIMIT.windowMs),
    hit(addressKey, LOGIN_LIMIT.perAddress, LOGIN_LIMIT.windowMs),
  ]);
  if (!byAccount.allowed || !byAddress.allowed) {
    const wait = Math.max(byAccount.allowed ? 0 : byAccount.retryAfterSeconds, byAddress.allowed ? 0 : byAddress.retryAfterSeconds);
    throw new RateLimitedError(`Too many sign-in attempts. Try again in ${formatWait(wait)}.`, wait);
  }
  const user = await db().user.findUnique({ where: { email: normalised } });
  if (!user) {
    await burnPasswordCheck(password);
    throw new SignInError("Wrong e-mail or password.");
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new SignInError("Wrong e-mail or password.");
  if (!user.active) throw new SignInError("This account is deactivated. Ask an admin to reactivate it.");
  await clear(accountKey);
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, active: user.active, createdAt: user.createdAt };
}

function formatWait(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}
