import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "./jwt";

const secret = "a-test-secret-of-enough-length-0123456789";

describe("session token encoding", () => {
  it("reads tokens next-auth's default encoder wrote, and the other way round", async () => {
    const theirs = await encode({ token: { uid: "u1", sv: 3 }, secret });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject({ uid: "u1", sv: 3 });
    const ours = await encodeSessionToken({ token: { uid: "u2", sv: 0 }, secret });
    expect(await decode({ token: ours, secret })).toMatchObject({ uid: "u2", sv: 0 });
  });

  it("refuses a token made with another secret or salt, and a tampered one", async () => {
    const ours = await encodeSessionToken({ token: { uid: "u3" }, secret });
    await expect(decodeSessionToken({ token: ours, secret: `${secret}x` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: ours, secret, salt: "other" })).rejects.toThrow();
    const parts = ours.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
  });

  it("sets an expiry maxAge seconds ahead and refuses an expired token", async () => {
    const t = await encodeSessionToken({ token: { uid: "u4" }, secret, maxAge: 60 });
    const payload = await decodeSessionToken({ token: t, secret });
    expect((payload!.exp as number) - (payload!.iat as number)).toBe(60);
    const old = await encodeSessionToken({ token: { uid: "u5" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: old, secret })).rejects.toThrow();
  });
});
