// Sign-in limits and session versions against the real database.
import { describe, expect, it } from "vitest";
import { RateLimitedError } from "@/lib/errors";
import { authenticate, createUser, endSessions, resetPassword, sessionState, signInWait, updateUser } from "@/lib/users/service";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

const newUser = async (role: "admin" | "reviewer" = "reviewer", password = "correct-horse-battery") => {
  const email = `${unique("s")}@example.org`;
  return { ...(await createUser({ email, name: "Security Test", role, password }, null)), password };
};
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

describe("sign-in limits", () => {
  it("five wrong passwords by an attacker lock the account briefly, then doubling", async () => {
    const victim = await newUser();
    const attacker = ip();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await expect(authenticate(victim.email, "guess-guess", attacker, at(t0, i))).rejects.toThrow("Wrong e-mail or password.");
    // The victim, from elsewhere, a second later: refused with the wait, not for minutes.
    const refused = await authenticate(victim.email, victim.password, ip(), at(t0, 5)).catch((e) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused.message).toBe("Too many sign-in attempts. Try again in 29 seconds.");
    expect(refused.retryAfterSeconds).toBe(29);
    expect(await signInWait(victim.email, ip(), at(t0, 5))).toBe(29);
    // Once the 30 s have passed the victim signs in, and the account forgets the failures.
    expect((await authenticate(victim.email, victim.password, ip(), at(t0, 35))).id).toBe(victim.id);
    expect(await db().rateLimitBucket.findUnique({ where: { key: `login:account:${victim.email}` } })).toBeNull();

    // A guessing run keeps going: each failure past the limit doubles the wait (30, 60, 120 s…).
    const t1 = at(t0, 100);
    for (let i = 0; i < 5; i++) await expect(authenticate(victim.email, "guess-guess", attacker, at(t1, i))).rejects.toThrow("Wrong");
    await expect(authenticate(victim.email, "guess-guess", attacker, at(t1, 35))).rejects.toThrow("Wrong"); // 6th failure
    expect(await signInWait(victim.email, ip(), at(t1, 36))).toBe(59);
    const bucket = await db().rateLimitBucket.findUniqueOrThrow({ where: { key: `login:account:${victim.email}` } });
    expect(bucket.count).toBe(6);
    expect(bucket.blockedUntil?.getTime()).toBe(at(t1, 95).getTime());
  });

  it("refused attempts while blocked are not counted and do not extend the block", async () => {
    const u = await newUser();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await authenticate(u.email, "nope-nope", ip(), t0).catch(() => {});
    for (let i = 0; i < 10; i++) await expect(authenticate(u.email, "nope-nope", ip(), at(t0, 1))).rejects.toBeInstanceOf(RateLimitedError);
    const bucket = await db().rateLimitBucket.findUniqueOrThrow({ where: { key: `login:account:${u.email}` } });
    expect(bucket.count).toBe(5);
    expect(bucket.blockedUntil?.getTime()).toBe(at(t0, 30).getTime());
  });

  it("successful sign-ins do not use up the per-address budget", async () => {
    const office = ip();
    const users = await Promise.all(Array.from({ length: 3 }, () => newUser()));
    // 40 correct sign-ins from one address (past the 30-failure limit) all succeed.
    for (let i = 0; i < 40; i++) {
      const u = users[i % users.length];
      expect((await authenticate(u.email, u.password, office)).id).toBe(u.id);
    }
    const bucket = await db().rateLimitBucket.findUnique({ where: { key: `login:ip:${office}` } });
    expect(bucket?.count ?? 0).toBe(0);
  });

  it("many failures from one address block that address, whichever account it tries", async () => {
    const scanner = ip();
    const t0 = new Date();
    for (let i = 0; i < 30; i++) await authenticate(`${unique("nobody")}@example.org`, "guess-guess", scanner, t0).catch(() => {});
    const u = await newUser();
    const err = await authenticate(u.email, u.password, scanner, at(t0, 1)).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    // The same account from another address is fine: the block is the address's.
    expect((await authenticate(u.email, u.password, ip(), at(t0, 1))).id).toBe(u.id);
  });
});

describe("session versions", () => {
  it("password reset, deactivation, role change and sign-out everywhere each move the version on", async () => {
    const admin = await newUser("admin");
    const u = await newUser();
    const version = async () => (await sessionState(u.id))!.sessionVersion;
    const v0 = await version();
    await resetPassword(u.id, "a-brand-new-password", admin.id);
    expect(await version()).toBe(v0 + 1);
    await updateUser(u.id, { active: false }, admin.id);
    await updateUser(u.id, { active: true }, admin.id);
    // Reactivation does not bring an old version back.
    expect(await version()).toBe(v0 + 3);
    await updateUser(u.id, { role: "adjudicator" }, admin.id);
    expect(await version()).toBe(v0 + 4);
    await updateUser(u.id, { name: "Renamed" }, admin.id); // a name change leaves sessions alone
    expect(await version()).toBe(v0 + 4);
    await endSessions(u.id, admin.id, "sign_out_everywhere");
    expect(await version()).toBe(v0 + 5);
    const audit = await db().auditEvent.findMany({ where: { targetId: u.id, action: "user.sign_out_everywhere" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(admin.id);
  });

  it("a sign-in carries the version current at that moment", async () => {
    const u = await newUser();
    await endSessions(u.id, u.id, "sign_out");
    expect((await authenticate(u.email, u.password, ip())).sessionVersion).toBe(1);
  });
});
