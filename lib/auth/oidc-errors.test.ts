import { describe, expect, it } from "vitest";
import { classifyOidcError, ssoErrorMessage, withAuthErrors, recordAuthError } from "./oidc-errors";

describe("naming a single-sign-on failure", () => {
  it("from openid-client's messages", () => {
    expect(classifyOidcError(new Error("invalid_client (client authentication failed)"))).toBe("OidcClientRejected");
    expect(classifyOidcError(new Error("failed to validate JWT signature"))).toBe("OidcTokenRejected");
    expect(classifyOidcError(new Error("unexpected iss value, expected http://a, got: http://b"))).toBe("OidcTokenRejected");
    expect(classifyOidcError(new Error("aud mismatch, expected app, got: other"))).toBe("OidcTokenRejected");
    expect(classifyOidcError(new Error("JWT expired, now 1700000000, exp 1600000000"))).toBe("OidcTokenRejected");
    expect(classifyOidcError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }))).toBe("OidcUnreachable");
    expect(classifyOidcError(new Error("outgoing request timed out after 10000ms"))).toBe("OidcUnreachable");
    expect(classifyOidcError(new Error("State cookie was missing."))).toBe("OidcStateMismatch");
    expect(classifyOidcError(new Error("expected 200 OK, got: 404 Not Found"))).toBe("OidcMisconfigured");
    expect(classifyOidcError(new Error("something else"))).toBe("OidcFailed");
  });

  it("shows known codes only", () => {
    expect(ssoErrorMessage("OidcClientRejected")).toMatch(/client credentials/);
    expect(ssoErrorMessage("<script>alert(1)</script>")).toBeNull();
    expect(ssoErrorMessage(undefined)).toBeNull();
  });

  it("collects what is logged during one request only", async () => {
    recordAuthError(new Error("outside")); // no request: dropped
    const { result, errors } = await withAuthErrors(async () => {
      await new Promise((r) => setTimeout(r, 5));
      recordAuthError(new Error("inside"));
      return 7;
    });
    expect(result).toBe(7);
    expect(errors.map((e) => (e as Error).message)).toEqual(["inside"]);
  });
});

describe("next-auth's generic codes", () => {
  it("still get a sentence", () => {
    expect(ssoErrorMessage("OAuthCallback")).toMatch(/Single sign-on failed/);
    expect(ssoErrorMessage("AccessDenied")).toMatch(/did not let you sign in/);
  });
});
