import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, RateLimitedError, ValidationError } from "@/lib/errors";
import { authenticate, createUser, resetPassword, updateUser } from "@/lib/users/service";
import { createUserSchema } from "@/lib/users/schemas";
import { withDatabase, unique } from "./setup";

const db = withDatabase();

const newUser = async (role: "admin" | "reviewer" = "reviewer", password = "correct-horse-battery") => {
  const email = `${unique("u")}@example.org`;
  return { ...(await createUser({ email, name: "Test User", role, password }, null)), password };
};

describe("users", () => {
  it("stores a scrypt hash, never the password", async () => {
    const u = await newUser();
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.passwordHash).not.toContain(u.password);
  });

  it("refuses a duplicate e-mail with a clear message and writes nothing", async () => {
    const u = await newUser();
    const before = await db().user.count();
    // Case does not make a new account, whether or not the caller went through the schema.
    await expect(createUser({ email: u.email.toUpperCase(), name: "Again", role: "reviewer", password: "another-password" }, null)).rejects.toThrow(
      `A user with the e-mail ${u.email} already exists.`,
    );
    const parsed = createUserSchema.parse({ email: ` ${u.email.toUpperCase()} `, name: "Again", role: "reviewer", password: "another-password" });
    await expect(createUser(parsed, null)).rejects.toBeInstanceOf(ConflictError);
    expect(await db().user.count()).toBe(before);
  });

  it("signs in with the right password only, and not once deactivated", async () => {
    const admin = await newUser("admin");
    const u = await newUser();
    await expect(authenticate(u.email, "wrong-password", "10.0.0.1")).rejects.toThrow("Wrong e-mail or password.");
    expect((await authenticate(u.email, u.password, "10.0.0.1")).id).toBe(u.id);
    await updateUser(u.id, { active: false }, admin.id);
    await expect(authenticate(u.email, u.password, "10.0.0.1")).rejects.toThrow("This account is deactivated");
  });

  it("an unknown e-mail gets the same answer as a wrong password", async () => {
    await expect(authenticate("nobody-here@example.org", "whatever-password", "10.0.0.2")).rejects.toThrow("Wrong e-mail or password.");
  });

  it("rate-limits repeated attempts on one account, in the database", async () => {
    const u = await newUser();
    for (let i = 0; i < 5; i++) await expect(authenticate(u.email, "nope-nope", "10.0.0.3")).rejects.toThrow("Wrong e-mail");
    const err = await authenticate(u.email, u.password, "10.0.0.3").catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.message).toMatch(/Too many sign-in attempts\. Try again in \d+/);
    // The refused attempt is not counted: the five failures are, and they set a block.
    const bucket = await db().rateLimitBucket.findUnique({ where: { key: `login:account:${u.email}` } });
    expect(bucket?.count).toBe(5);
    expect(bucket?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it("resets a password", async () => {
    const admin = await newUser("admin");
    const u = await newUser();
    await resetPassword(u.id, "a-brand-new-password", admin.id);
    await expect(authenticate(u.email, u.password, "10.0.0.4")).rejects.toThrow("Wrong e-mail");
    expect((await authenticate(u.email, "a-brand-new-password", "10.0.0.4")).id).toBe(u.id);
  });

  it("an admin cannot deactivate themself, and the last active admin stays", async () => {
    const admin = await newUser("admin");
    await expect(updateUser(admin.id, { active: false }, admin.id)).rejects.toBeInstanceOf(ForbiddenError);
    // Deactivate every other admin, then try to demote the last one through another admin account.
    const others = await db().user.findMany({ where: { role: "admin", active: true, NOT: { id: admin.id } } });
    for (const o of others) await db().user.update({ where: { id: o.id }, data: { active: false } });
    const reviewer = await newUser();
    await expect(updateUser(admin.id, { role: "reviewer" }, reviewer.id)).rejects.toBeInstanceOf(ValidationError);
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });

  it("audits every change, without password hashes", async () => {
    const admin = await newUser("admin");
    const u = await newUser();
    await updateUser(u.id, { role: "adjudicator" }, admin.id);
    await resetPassword(u.id, "yet-another-password", admin.id);
    const events = await db().auditEvent.findMany({ where: { targetType: "user", targetId: u.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["user.create", "user.update", "user.password_reset"]);
    expect(events[1].before).toEqual({ role: "reviewer" });
    expect(events[1].after).toEqual({ role: "adjudicator" });
    expect(JSON.stringify(events)).not.toContain("scrypt$");
  });
});
