import "server-only";
// User accounts: creation, changes, deactivation, password resets and sign-in checks. Every change is audited.
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit";
import { hashPassword, verifyPassword, burnPasswordCheck } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { attempt, blockedFor, succeed, type FailurePolicy } from "@/lib/ratelimit";
import type { CreateUserInput, UpdateUserInput } from "./schemas";

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  sessionVersion?: number;
  /** password | oidc (single sign-on). */
  authSource?: string;
  /** A single-sign-on account with no role yet: inactive until an admin gives one. */
  awaitingRole?: boolean;
}

const publicFields = { id: true, email: true, name: true, role: true, active: true, createdAt: true, authSource: true, awaitingRole: true } as const;

export async function listUsers(): Promise<PublicUser[]> {
  // Accounts waiting for a role first: they are what an admin has to act on.
  return db().user.findMany({ select: publicFields, orderBy: [{ awaitingRole: "desc" }, { active: "desc" }, { role: "asc" }, { email: "asc" }] });
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
    if (before.awaitingRole && input.active === true && !input.role) {
      throw new ValidationError("This account is waiting for a role: choose one to give it.");
    }
    if (before.role === "admin" && before.active && (input.active === false || (input.role && input.role !== "admin"))) {
      const admins = await tx.user.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new ValidationError("This is the last active admin; make someone else admin first.");
    }
    // Deactivation and a role change end the user's sessions: a token issued before says nothing about now.
    const revokes = (input.active !== undefined && input.active !== before.active) || (input.role !== undefined && input.role !== before.role);
    // Activating an account that waited for a role gives it the role; deactivating it ends the wait (it stays
    // out even if the provider maps it later). A role set here is the admin's: the provider's claim mapping
    // to nothing does not take it away (lib/auth/oidc-sign-in).
    const sso = {
      ...(input.active !== undefined ? { awaitingRole: false } : {}),
      ...(input.role !== undefined ? { roleFromIdp: false } : {}),
    };
    const user = await tx.user.update({
      where: { id },
      data: { ...input, ...sso, ...(revokes ? { sessionVersion: { increment: 1 } } : {}) },
      select: publicFields,
    });
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
    const found = await tx.user.findUnique({ where: { id }, select: { id: true, authSource: true } });
    if (!found) throw new NotFoundError("No such user.");
    if (found.authSource === "oidc") throw new ValidationError("This account signs in with single sign-on; it has no password here.");
    // A new password ends every session signed in with the old one.
    await tx.user.update({ where: { id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    // The hash itself never goes into the audit trail.
    await appendAudit(tx, { actorId, action: "user.password_reset", targetType: "user", targetId: id });
  });
}

/**
 * Ends every session of a user (their own "sign out everywhere", an admin's for them, or a sign-out: a copy
 * of the token must not outlive it). Audited when someone asked for it.
 */
export async function endSessions(id: string, actorId: string | null, reason: "sign_out" | "sign_out_everywhere"): Promise<void> {
  await db().$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new NotFoundError("No such user.");
    await tx.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } } });
    if (reason === "sign_out_everywhere") await appendAudit(tx, { actorId, action: "user.sign_out_everywhere", targetType: "user", targetId: id });
  });
}

/** The session version a sign-in's token carries; any later bump makes that token invalid. */
export async function sessionState(id: string): Promise<{ active: boolean; sessionVersion: number } | null> {
  return db().user.findUnique({ where: { id }, select: { active: true, sessionVersion: true } });
}

const num = (v: string | undefined, fallback: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback);

function policies(env: NodeJS.ProcessEnv = process.env): { account: FailurePolicy; address: FailurePolicy } {
  const windowMs = num(env.LOGIN_WINDOW_SECONDS, 300) * 1000;
  const firstDelayMs = num(env.LOGIN_LOCK_SECONDS, 30) * 1000;
  const maxDelayMs = Math.max(firstDelayMs, num(env.LOGIN_MAX_LOCK_SECONDS, 900) * 1000);
  return {
    account: { limit: num(env.LOGIN_MAX_ATTEMPTS, 5), windowMs, firstDelayMs, maxDelayMs },
    address: { limit: num(env.LOGIN_MAX_ATTEMPTS_PER_IP, 30), windowMs, firstDelayMs, maxDelayMs },
  };
}

export class SignInError extends Error {}

export function tooManyAttempts(wait: number): RateLimitedError {
  return new RateLimitedError(`Too many sign-in attempts. Try again in ${formatWait(wait)}.`, wait);
}

const accountKey = (email: string) => `login:account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `login:ip:${address}`;

/** Seconds a sign-in for this account from this address must wait (0: it may try now); counts nothing. */
export async function signInWait(email: string, address: string, now = new Date()): Promise<number> {
  return Math.max(await blockedFor(accountKey(email), now), await blockedFor(addressKey(address), now));
}

/**
 * Checks a sign-in. Attempts are counted per account and per client address in the database; past the limit
 * each failure blocks for a doubling delay (lib/ratelimit) and the answer is "too many attempts, try again
 * in …" whatever the password. A correct sign-in counts against neither.
 */
export async function authenticate(email: string, password: string, address: string, now = new Date()): Promise<PublicUser> {
  const normalised = email.trim().toLowerCase();
  const { account, address: perAddress } = policies();
  const byAddress = await attempt(addressKey(address), perAddress, now);
  if (!byAddress.allowed) throw tooManyAttempts(byAddress.retryAfterSeconds);
  const byAccount = await attempt(accountKey(normalised), account, now);
  if (!byAccount.allowed) {
    await succeed(addressKey(address), perAddress, false); // refused unchecked: no guess was made
    throw tooManyAttempts(byAccount.retryAfterSeconds);
  }
  const user = await db().user.findUnique({ where: { email: normalised } });
  if (!user) {
    await burnPasswordCheck(password);
    throw new SignInError("Wrong e-mail or password.");
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new SignInError("Wrong e-mail or password.");
  // The password was right: neither bucket keeps this attempt (the account forgets its failures).
  await succeed(accountKey(normalised), account, true);
  await succeed(addressKey(address), perAddress, false);
  if (!user.active) throw new SignInError("This account is deactivated. Ask an admin to reactivate it.");
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, active: user.active, createdAt: user.createdAt, sessionVersion: user.sessionVersion };
}

function formatWait(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}
