import { describe, expect, it } from "vitest";
import { AuthConfigError, readAuthConfig } from "./oidc-config";

const asEnv = (o: Record<string, string | undefined>) => o as unknown as NodeJS.ProcessEnv;

const base = asEnv({
  OIDC_ISSUER: "https://login.hospital.example/realms/staff",
  OIDC_CLIENT_ID: "spinemed",
  OIDC_CLIENT_SECRET: "s3cret",
  OIDC_ROLE_ADMIN: "spine-admins",
  OIDC_ROLE_ADJUDICATOR: "spine-adjudicators, Spine Leads",
  OIDC_ROLE_REVIEWER: "spine-reviewers",
});

const error = (env: Record<string, string | undefined>) => {
  try {
    readAuthConfig(asEnv(env));
  } catch (e) {
    expect(e).toBeInstanceOf(AuthConfigError);
    return (e as Error).message;
  }
  throw new Error("expected an AuthConfigError");
};

describe("sign-in settings from the environment", () => {
  it("no OIDC variables: password sign-in only", () => {
    expect(readAuthConfig(asEnv({}))).toEqual({ oidc: null, credentials: true, credentialsKeptForDemo: false });
  });

  it("reads a complete provider with defaults for scopes, claim and name", () => {
    const c = readAuthConfig(base).oidc!;
    expect(c.issuer).toBe(base.OIDC_ISSUER);
    expect(c.scopes).toBe("openid email profile");
    expect(c.rolesClaim).toBe("groups");
    expect(c.name).toBe("your hospital account");
    expect([...c.roleMap]).toEqual([
      ["spine-admins", "admin"],
      ["spine-adjudicators", "adjudicator"],
      ["Spine Leads", "adjudicator"],
      ["spine-reviewers", "reviewer"],
    ]);
  });

  it("takes scopes, claim and display name when given", () => {
    const c = readAuthConfig(asEnv({ ...base, OIDC_SCOPES: "openid,email profile groups", OIDC_ROLES_CLAIM: "realm_access.roles", OIDC_NAME: "St. Olaf Hospital" })).oidc!;
    expect(c.scopes).toBe("openid email profile groups");
    expect(c.rolesClaim).toBe("realm_access.roles");
    expect(c.name).toBe("St. Olaf Hospital");
  });

  it("names the missing or wrong variable in one sentence", () => {
    expect(error({ ...base, OIDC_ISSUER: "" })).toMatch(/OIDC_ISSUER is not/);
    expect(error({ ...base, OIDC_CLIENT_ID: "" })).toMatch(/OIDC_CLIENT_ID is not/);
    expect(error({ ...base, OIDC_CLIENT_SECRET: undefined })).toMatch(/OIDC_CLIENT_SECRET is not/);
    expect(error({ ...base, OIDC_ISSUER: "login.hospital" })).toBe('OIDC_ISSUER is not a URL: "login.hospital".');
    expect(error({ ...base, OIDC_ISSUER: "http://login.hospital.example" })).toMatch(/must use https/);
    expect(error({ ...base, OIDC_SCOPES: "email profile" })).toMatch(/OIDC_SCOPES must include "openid"/);
    expect(error({ ...base, OIDC_ROLES_CLAIM: "groups." })).toMatch(/OIDC_ROLES_CLAIM is not a claim name/);
    expect(error({ ...base, OIDC_ROLE_REVIEWER: "spine-admins" })).toBe('The group "spine-admins" is in both OIDC_ROLE_ADMIN and OIDC_ROLE_REVIEWER: give it one role.');
    expect(error({ ...base, OIDC_ROLE_ADMIN: "", OIDC_ROLE_ADJUDICATOR: " , ", OIDC_ROLE_REVIEWER: "" })).toMatch(/No group maps to a role/);
    expect(error({ AUTH_CREDENTIALS: "maybe" })).toMatch(/AUTH_CREDENTIALS must be "on" or "off"/);
  });

  it("http is allowed on loopback only (a provider on this machine, as in tests)", () => {
    expect(readAuthConfig(asEnv({ ...base, OIDC_ISSUER: "http://127.0.0.1:4000" })).oidc?.issuer).toBe("http://127.0.0.1:4000");
    expect(readAuthConfig(asEnv({ ...base, OIDC_ISSUER: "http://localhost:4000/oidc" })).oidc?.issuer).toBe("http://localhost:4000/oidc");
  });

  it("password sign-in turns off only with a provider, and stays on in demo mode", () => {
    expect(readAuthConfig(asEnv({ ...base, AUTH_CREDENTIALS: "off" })).credentials).toBe(false);
    expect(error({ AUTH_CREDENTIALS: "off" })).toMatch(/leaves no way to sign in/);
    const demo = readAuthConfig(asEnv({ ...base, AUTH_CREDENTIALS: "off", DEMO_MODE: "1" }));
    expect(demo).toMatchObject({ credentials: true, credentialsKeptForDemo: true });
    expect(readAuthConfig(asEnv({ AUTH_CREDENTIALS: "off", DEMO_MODE: "1" })).credentials).toBe(true);
  });
});
