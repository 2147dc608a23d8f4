// Single-sign-on accounts on a real database: first sign-in, roles from the groups claim, a role taken away
// at the provider, an admin's decisions, and the start-up check against a real OpenID Provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOidcProvider } from "@/lib/auth/oidc-check";
import { readAuthConfig, type OidcConfig } from "@/lib/auth/oidc-config";
import { signInWithOidc, type OidcIdentity } from "@/lib/auth/oidc-sign-in";
import type { Role } from "@/lib/auth/roles";
import { createUser, listUsers, updateUser } from "@/lib/users/service";
import { checkSignIn } from "@/lib/auth/startup-check";
import { freePort } from "../../e2e/app-instance";
import { startOidcPeer, type OidcPeer } from "../../e2e/peers/oidc";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

const ISSUER = "https://login.hospital.example";
const roleMap = new Map<string, Role>([
  ["spine-admins", "admin"],
  ["spine-adjudicators", "adjudicator"],
  ["spine-reviewers", "reviewer"],
]);

const person = (groups: string[], over: Partial<OidcIdentity> = {}): OidcIdentity => {
  const id = unique("sub");
  return { issuer: ISSUER, subject: id, email: `${id}@hospital.example`, emailVerified: true, name: "Dr. Sso", groups, ...over };
};

const row = (id: string) => db().user.findUniqueOrThrow({ where: { id } });

describe("single-sign-on accounts", () => {
  it("the first sign-in with a mapped group creates an active account with that role, audited", async () => {
    const p = person(["staff", "spine-adjudicators"]);
    const r = await signInWithOidc(p, roleMap);
    expect(r.kind).toBe("signed_in");
    if (r.kind !== "signed_in") return;
    expect(r.user).toMatchObject({ email: p.email, name: "Dr. Sso", role: "adjudicator" });
    const u = await row(r.user.id);
    expect(u).toMatchObject({ authSource: "oidc", oidcIssuer: ISSUER, oidcSubject: p.subject, active: true, awaitingRole: false, roleFromIdp: true });
    expect(u.passwordHash.startsWith("scrypt$")).toBe(false);
    const audit = await db().auditEvent.findFirst({ where: { targetId: u.id, action: "user.create" } });
    expect(audit?.after).toMatchObject({ role: "adjudicator", source: "oidc" });
    // The same person again: the same account, no second one.
    const again = await signInWithOidc(p, roleMap);
    expect(again.kind === "signed_in" && again.user.id).toBe(u.id);
    expect(await db().user.count({ where: { oidcSubject: p.subject } })).toBe(1);
  });

  it("without a mapped group the account waits, inactive, and the admin's list shows it first", async () => {
    const p = person(["radiology"]);
    const r = await signInWithOidc(p, roleMap);
    expect(r).toMatchObject({ kind: "waiting", created: true });
    if (r.kind !== "waiting") return;
    expect(await row(r.userId)).toMatchObject({ active: false, awaitingRole: true, roleFromIdp: false });
    const list = await listUsers();
    expect(list.findIndex((u) => u.id === r.userId)).toBeLessThan(list.findIndex((u) => !u.awaitingRole));
    expect(list.find((u) => u.id === r.userId)).toMatchObject({ awaitingRole: true, authSource: "oidc" });
    // Still nothing mapped at the next sign-in: still waiting (no second account).
    expect(await signInWithOidc(p, roleMap)).toMatchObject({ kind: "waiting", created: false });
  });

  it("an admin gives a waiting account a role; it is kept while the provider maps nothing", async () => {
    const admin = await createUser({ email: `${unique("adm")}@example.org`, name: "Admin", role: "admin", password: "correct-horse-battery" }, null);
    const p = person([]);
    const r = await signInWithOidc(p, roleMap);
    if (r.kind !== "waiting") throw new Error("expected waiting");
    await expect(updateUser(r.userId, { active: true }, admin.id)).rejects.toThrow("choose one to give it");
    await updateUser(r.userId, { role: "reviewer", active: true }, admin.id);
    expect(await row(r.userId)).toMatchObject({ active: true, awaitingRole: false, role: "reviewer", roleFromIdp: false });
    const next = await signInWithOidc(p, roleMap);
    expect(next.kind === "signed_in" && next.user.role).toBe("reviewer");
    // A mapped group later takes over (the provider is the source of truth for the roles it maps).
    const mapped = await signInWithOidc({ ...p, groups: ["spine-admins"] }, roleMap);
    expect(mapped.kind === "signed_in" && mapped.user.role).toBe("admin");
    expect((await row(r.userId)).roleFromIdp).toBe(true);
  });

  it("a group removed at the provider takes the role away and ends the sessions issued with it", async () => {
    const p = person(["spine-reviewers"]);
    const first = await signInWithOidc(p, roleMap);
    if (first.kind !== "signed_in") throw new Error("expected signed_in");
    const before = first.user.sessionVersion;
    const removed = await signInWithOidc({ ...p, groups: ["former-staff"] }, roleMap);
    expect(removed).toMatchObject({ kind: "waiting", created: false });
    const u = await row(first.user.id);
    expect(u).toMatchObject({ active: false, awaitingRole: true, roleFromIdp: false });
    expect(u.sessionVersion).toBeGreaterThan(before);
    const audit = await db().auditEvent.findFirst({ where: { targetId: u.id, action: "user.sso_role_removed" } });
    expect(audit?.before).toEqual({ role: "reviewer" });
    // Given the group back: the role again, with yet another session version.
    const back = await signInWithOidc(p, roleMap);
    expect(back.kind === "signed_in" && back.user.role).toBe("reviewer");
    expect(back.kind === "signed_in" && back.user.sessionVersion).toBeGreaterThan(u.sessionVersion);
  });

  it("a role change at the provider bumps the session version; an unchanged sign-in does not", async () => {
    const p = person(["spine-reviewers"]);
    const a = await signInWithOidc(p, roleMap);
    const b = await signInWithOidc(p, roleMap);
    const c = await signInWithOidc({ ...p, groups: ["spine-adjudicators"] }, roleMap);
    if (a.kind !== "signed_in" || b.kind !== "signed_in" || c.kind !== "signed_in") throw new Error("expected signed_in");
    expect(b.user.sessionVersion).toBe(a.user.sessionVersion);
    expect(c.user).toMatchObject({ role: "adjudicator" });
    expect(c.user.sessionVersion).toBe(a.user.sessionVersion + 1);
  });

  it("an account an admin deactivated stays out, whatever the provider maps", async () => {
    const admin = await createUser({ email: `${unique("adm")}@example.org`, name: "Admin", role: "admin", password: "correct-horse-battery" }, null);
    const p = person(["spine-reviewers"]);
    const r = await signInWithOidc(p, roleMap);
    if (r.kind !== "signed_in") throw new Error("expected signed_in");
    await updateUser(r.user.id, { active: false }, admin.id);
    expect(await signInWithOidc({ ...p, groups: ["spine-admins"] }, roleMap)).toEqual({ kind: "deactivated", userId: r.user.id });
    expect(await row(r.user.id)).toMatchObject({ active: false, role: "reviewer" });
    // Refusing a waiting account is the same decision.
    const w = await signInWithOidc(person([]), roleMap);
    if (w.kind !== "waiting") throw new Error("expected waiting");
    await updateUser(w.userId, { active: false }, admin.id);
    expect((await signInWithOidc({ ...person([]), subject: (await row(w.userId)).oidcSubject! , email: (await row(w.userId)).email, groups: ["spine-admins"] }, roleMap)).kind).toBe("deactivated");
  });

  it("links an existing password account by verified e-mail, and refuses an unverified one or a second subject", async () => {
    const email = `${unique("pre")}@hospital.example`;
    const pre = await createUser({ email, name: "Pre Existing", role: "reviewer", password: "correct-horse-battery" }, null);
    await expect(signInWithOidc(person(["spine-reviewers"], { email, emailVerified: false }), roleMap)).rejects.toMatchObject({ code: "EmailUnverified" });
    const linked = await signInWithOidc(person(["spine-reviewers"], { email: email.toUpperCase() }), roleMap);
    expect(linked.kind === "signed_in" && linked.user.id).toBe(pre.id);
    expect(await row(pre.id)).toMatchObject({ authSource: "oidc", oidcIssuer: ISSUER });
    await expect(signInWithOidc(person(["spine-reviewers"], { email }), roleMap)).rejects.toMatchObject({ code: "EmailTaken" });
    await expect(signInWithOidc(person(["spine-reviewers"], { email: "" }), roleMap)).rejects.toMatchObject({ code: "NoEmail" });
  });

  it("first sign-ins of one person at once make one account", async () => {
    // Several rounds of concurrent first sign-ins, so that one of them reads between another's commit and its own
    // second read (the account is then found by e-mail, already linked to this very subject).
    for (let round = 0; round < 5; round++) {
      const p = person(["spine-reviewers"]);
      const results = await Promise.all(Array.from({ length: 4 }, () => signInWithOidc(p, roleMap)));
      const ids = new Set(results.map((r) => (r.kind === "signed_in" ? r.user.id : null)));
      expect(ids.size).toBe(1);
      expect(ids.has(null)).toBe(false);
      expect(await db().user.count({ where: { oidcSubject: p.subject } })).toBe(1);
    }
  });
});

describe("the provider check at start, against a real OpenID Provider", () => {
  let peer: OidcPeer;
  let cfg: OidcConfig;
  beforeAll(async () => {
    peer = await startOidcPeer({ redirectUris: ["http://127.0.0.1:1/api/auth/callback/oidc"] });
    cfg = readAuthConfig({ OIDC_ISSUER: peer.issuer, OIDC_CLIENT_ID: peer.clientId, OIDC_CLIENT_SECRET: peer.clientSecret, OIDC_ROLE_ADMIN: "spine-admins" } as unknown as NodeJS.ProcessEnv).oidc!;
  });
  afterAll(() => peer?.stop());

  it("the configured provider is ready", async () => {
    expect(await checkOidcProvider(cfg)).toEqual({ ok: true });
    const lines: string[] = [];
    await checkSignIn({ OIDC_ISSUER: peer.issuer, OIDC_CLIENT_ID: "x", OIDC_CLIENT_SECRET: "y", OIDC_ROLE_ADMIN: "g", OIDC_NAME: "St. Olaf" } as unknown as NodeJS.ProcessEnv, (l) => lines.push(l), (l) => lines.push(`ERR ${l}`));
    expect(lines).toEqual([`SpineMed Review: single sign-on with St. Olaf (${peer.issuer}) is ready`]);
  });

  it("a wrong issuer (the provider answers as another one) is named", async () => {
    const other = peer.issuer.replace("127.0.0.1", "localhost");
    expect(await checkOidcProvider({ ...cfg, issuer: other })).toEqual({
      ok: false,
      code: "OidcMisconfigured",
      problem: `the provider says its issuer is "${peer.issuer}", but OIDC_ISSUER is "${other}"`,
    });
    const bad = await checkOidcProvider({ ...cfg, issuer: `${peer.issuer}/realms/nope` });
    expect(bad).toMatchObject({ ok: false, code: "OidcMisconfigured" });
    expect(bad.ok || bad.problem).toMatch(/answered 404: is OIDC_ISSUER right\?/);
  });

  it("an unreachable provider is one line in the log, not fatal", async () => {
    const closed = new URL(peer.issuer);
    closed.port = String(await freePort()); // nothing listens there
    const lines: string[] = [];
    await checkSignIn({ OIDC_ISSUER: closed.origin, OIDC_CLIENT_ID: "x", OIDC_CLIENT_SECRET: "y", OIDC_ROLE_ADMIN: "g" } as unknown as NodeJS.ProcessEnv, (l) => lines.push(l), (l) => lines.push(`ERR ${l}`));
    expect(lines).toEqual([`ERR SpineMed Review: single sign-on is not working: the provider at ${closed.origin} cannot be reached (ECONNREFUSED)`]);
  });

  it("a configuration that cannot work stops the start with one sentence", async () => {
    await expect(checkSignIn({ OIDC_ISSUER: peer.issuer } as unknown as NodeJS.ProcessEnv)).rejects.toThrow("OIDC_ISSUER is set but OIDC_CLIENT_ID is not");
  });
});
