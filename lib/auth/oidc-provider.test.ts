import { describe, expect, it } from "vitest";
import { readAuthConfig } from "./oidc-config";
import { discoveryUrl, oidcProvider, sameIssuer } from "./oidc-provider";

const cfg = readAuthConfig({
  OIDC_ISSUER: "https://login.hospital.example/realms/staff/",
  OIDC_CLIENT_ID: "spinemed",
  OIDC_CLIENT_SECRET: "s3cret",
  OIDC_ROLE_ADMIN: "spine-admins",
  OIDC_NAME: "St. Olaf Hospital",
} as unknown as NodeJS.ProcessEnv).oidc!;

describe("the next-auth provider for the hospital", () => {
  it("runs the code flow with PKCE and state, and validates the id token", () => {
    const p = oidcProvider(cfg);
    expect(p).toMatchObject({ id: "oidc", name: "St. Olaf Hospital", type: "oauth", idToken: true, clientId: "spinemed", clientSecret: "s3cret" });
    expect(p.checks).toEqual(["pkce", "state"]);
    expect(p.wellKnown).toBe("https://login.hospital.example/realms/staff/.well-known/openid-configuration");
    expect(p.authorization).toEqual({ params: { scope: "openid email profile" } });
  });

  it("builds the discovery address and compares issuers with or without a final slash", () => {
    expect(discoveryUrl("https://a.example/x")).toBe("https://a.example/x/.well-known/openid-configuration");
    expect(sameIssuer("https://a.example/x/", "https://a.example/x")).toBe(true);
    expect(sameIssuer("https://a.example/y", "https://a.example/x")).toBe(false);
    expect(sameIssuer(undefined, "https://a.example/x")).toBe(false);
  });
});
