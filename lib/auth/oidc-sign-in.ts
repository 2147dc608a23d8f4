import "server-only";
// A single-sign-on sign-in, after the provider's id token has been validated: finds or creates the account
// and brings its role in line with the provider's groups claim, in one transaction with its audit events.
//  - A new person gets an account; without a mapped group it waits (inactive) for an admin to give a role.
//  - A mapped group sets the role (the provider is the source of truth for roles it maps).
//  - No mapped group any more: a role the provider gave is taken away (back to waiting); a role an admin gave
//    by hand stays.
//  - Every change of role or access bumps the session version: tokens issued before stop working.
//  - An account an admin deactivated stays deactivated, whatever the provider says.
import { appendAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import type { Role } from "./roles";
import { mapRole } from "./oidc-roles";

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  /** false only when the provider says the e-mail is unverified; such an e-mail never links to an existing account. */
  emailVerified: boolean;
  name: string;
  /** The values of the configured groups/roles claim. */
  groups: string[];
}

export type OidcSignInResult =
  | { kind: "signed_in"; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { kind: "waiting"; userId: string; created: boolean }
  | { kind: "deactivated"; userId: string };

/** A sign-in the app refuses for a reason the person can act on; the sign-in page shows the code's sentence. */
export class OidcSignInRefused extends Error {
  override name = "OidcSignInRefused";
  constructor(
    readonly code: "OidcFailed" | "NoEmail" | "EmailTaken" | "EmailUnverified",
    message: string,
  ) {
    super(message);
  }
}

// Never a valid scrypt hash (lib/auth/password): a single-sign-on account has no password here.
const NO_PASSWORD = "!single-sign-on";

export async function signInWithOidc(identity: OidcIdentity, roleMap: ReadonlyMap<string, Role>): Promise<OidcSignInResult> {
  if (!identity.subject) throw new OidcSignInRefused("OidcFailed", "The sign-in provider sent no subject (sub) for this account.");
  const email = identity.email.trim().toLowerCase();
  if (!email) throw new OidcSignInRefused("NoEmail", "Your hospital account has no e-mail address; the app needs one (ask for the email scope or claim).");
  const mapped = mapRole(identity.groups, roleMap);
  const attemptOnce = () => db().$transaction((tx) => apply(tx, { ...identity, email }, mapped));
  try {
    return await attemptOnce();
  } catch (e) {
    // Two first sign-ins of one person at once: the other one created the account; this one updates it.
    if ((e as { code?: string }).code === "P2002") return attemptOnce();
    throw e;
  }
}

const fields = { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, awaitingRole: true, roleFromIdp: true, oidcIssuer: true, oidcSubject: true } as const;

async function apply(tx: Tx, identity: OidcIdentity, mapped: Role | null): Promise<OidcSignInResult> {
  let user = await tx.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } }, select: fields });
  if (!user) {
    const byEmail = await tx.user.findUnique({ where: { email: identity.email }, select: fields });
    if (byEmail && byEmail.oidcIssuer === identity.issuer && byEmail.oidcSubject === identity.subject) {
      // This person's account, committed by a concurrent first sign-in between the two reads (each read sees the
      // newest commit on PostgreSQL): the same account, not another one holding the e-mail.
      user = byEmail;
    } else if (byEmail) {
      if (byEmail.oidcSubject) throw new OidcSignInRefused("EmailTaken", `The e-mail ${identity.email} already belongs to another single-sign-on account. Ask an admin.`);
      if (!identity.emailVerified) throw new OidcSignInRefused("EmailUnverified", `An account with the e-mail ${identity.email} exists, and the provider has not verified this e-mail. Ask an admin.`);
      // An account an admin made before single sign-on was turned on: the same person, now signing in at the hospital.
      user = await tx.user.update({
        where: { id: byEmail.id },
        data: { oidcIssuer: identity.issuer, oidcSubject: identity.subject, authSource: "oidc" },
        select: fields,
      });
      await appendAudit(tx, { actorId: null, action: "user.sso_link", targetType: "user", targetId: user.id, after: { issuer: identity.issuer } });
    }
  }
  if (!user) return create(tx, identity, mapped);

  if (!user.active && !user.awaitingRole) return { kind: "deactivated", userId: user.id };

  const profile = await profileChanges(tx, user, identity);
  if (mapped) {
    const changed = user.awaitingRole || user.role !== mapped;
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { ...profile, role: mapped, roleFromIdp: true, awaitingRole: false, active: true, ...(changed ? { sessionVersion: { increment: 1 } } : {}) },
      select: fields,
    });
    if (changed) {
      await appendAudit(tx, {
        actorId: null,
        action: "user.sso_role",
        targetType: "user",
        targetId: user.id,
        before: { role: user.awaitingRole ? null : user.role },
        after: { role: mapped },
      });
    }
    return { kind: "signed_in", user: { id: updated.id, email: updated.email, name: updated.name, role: updated.role as Role, sessionVersion: updated.sessionVersion } };
  }
  if (user.awaitingRole) {
    if (Object.keys(profile).length) await tx.user.update({ where: { id: user.id }, data: profile });
    return { kind: "waiting", userId: user.id, created: false };
  }
  if (user.roleFromIdp) {
    // The provider took the group away: so is the role, and every session that carried it.
    await tx.user.update({
      where: { id: user.id },
      data: { ...profile, active: false, awaitingRole: true, roleFromIdp: false, sessionVersion: { increment: 1 } },
    });
    await appendAudit(tx, { actorId: null, action: "user.sso_role_removed", targetType: "user", targetId: user.id, before: { role: user.role }, after: { role: null } });
    return { kind: "waiting", userId: user.id, created: false };
  }
  const kept = Object.keys(profile).length ? await tx.user.update({ where: { id: user.id }, data: profile, select: fields }) : user;
  return { kind: "signed_in", user: { id: kept.id, email: kept.email, name: kept.name, role: kept.role as Role, sessionVersion: kept.sessionVersion } };
}

async function create(tx: Tx, identity: OidcIdentity, mapped: Role | null): Promise<OidcSignInResult> {
  const user = await tx.user.create({
    data: {
      email: identity.email,
      name: identity.name || identity.email,
      // The column needs a value; an account waiting for a role is inactive, so this one grants nothing.
      role: mapped ?? "reviewer",
      passwordHash: NO_PASSWORD,
      authSource: "oidc",
      oidcIssuer: identity.issuer,
      oidcSubject: identity.subject,
      active: mapped !== null,
      awaitingRole: mapped === null,
      roleFromIdp: mapped !== null,
    },
    select: fields,
  });
  await appendAudit(tx, {
    actorId: null,
    action: "user.create",
    targetType: "user",
    targetId: user.id,
    after: { email: user.email, name: user.name, role: mapped, source: "oidc" },
  });
  if (!mapped) return { kind: "waiting", userId: user.id, created: true };
  return { kind: "signed_in", user: { id: user.id, email: user.email, name: user.name, role: mapped, sessionVersion: user.sessionVersion } };
}

/** Name and e-mail follow the provider; an e-mail another account already has is left as it was. */
async function profileChanges(tx: Tx, user: { id: string; email: string; name: string }, identity: OidcIdentity): Promise<{ name?: string; email?: string }> {
  const out: { name?: string; email?: string } = {};
  if (identity.name && identity.name !== user.name) out.name = identity.name;
  if (identity.email !== user.email && !(await tx.user.findUnique({ where: { email: identity.email }, select: { id: true } }))) out.email = identity.email;
  return out;
}
