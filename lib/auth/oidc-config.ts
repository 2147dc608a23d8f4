// Single sign-on settings, read from the environment. Pure: no I/O, so start-up, the sign-in page and the
// next-auth options read the same answer, and a mistake is reported as one sentence naming the variable.
import { isDemoMode } from "@/lib/demo/accounts";
import { ROLES, type Role } from "./roles";

/** next-auth's provider id: the callback the provider must allow is `${NEXTAUTH_URL}/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Shown as "Sign in with <name>". */
  name: string;
  /** Where the groups or roles are in the claims; dots walk into objects (`realm_access.roles`). */
  rolesClaim: string;
  /** Claim value → role, e.g. `spine-admins` → admin. */
  roleMap: Map<string, Role>;
}

export interface AuthConfig {
  oidc: OidcConfig | null;
  /** E-mail and password sign-in (always on in demo mode). */
  credentials: boolean;
  /** Set when AUTH_CREDENTIALS=off was ignored because of demo mode. */
  credentialsKeptForDemo: boolean;
}

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}

const ROLE_VARS: Record<Role, string> = {
  admin: "OIDC_ROLE_ADMIN",
  adjudicator: "OIDC_ROLE_ADJUDICATOR",
  reviewer: "OIDC_ROLE_REVIEWER",
};

const OFF = new Set(["off", "0", "false", "no"]);
const ON = new Set(["on", "1", "true", "yes", ""]);

/** Reads the sign-in settings; throws AuthConfigError with one sentence when they cannot work. */
export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const oidc = readOidc(env);
  const raw = (env.AUTH_CREDENTIALS ?? "").trim().toLowerCase();
  if (!OFF.has(raw) && !ON.has(raw)) throw new AuthConfigError(`AUTH_CREDENTIALS must be "on" or "off", not "${env.AUTH_CREDENTIALS}".`);
  const wantsOff = OFF.has(raw);
  const demo = isDemoMode(env);
  if (wantsOff && !demo && !oidc) {
    throw new AuthConfigError("AUTH_CREDENTIALS=off leaves no way to sign in: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.");
  }
  return { oidc, credentials: !wantsOff || demo, credentialsKeptForDemo: wantsOff && demo };
}

function readOidc(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim() ?? "";
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? "";
  const clientSecret = env.OIDC_CLIENT_SECRET ?? "";
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer) throw new AuthConfigError("OIDC_CLIENT_ID is set but OIDC_ISSUER is not: set the provider's issuer URL.");
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new AuthConfigError(`OIDC_ISSUER is not a URL: "${issuer}".`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new AuthConfigError(`OIDC_ISSUER must use https (http only on this machine's loopback): "${issuer}".`);
  }
  if (url.search || url.hash) throw new AuthConfigError(`OIDC_ISSUER must not carry a query or fragment: "${issuer}".`);
  if (!clientId) throw new AuthConfigError("OIDC_ISSUER is set but OIDC_CLIENT_ID is not: set the client id registered at the provider.");
  if (!clientSecret) throw new AuthConfigError("OIDC_ISSUER is set but OIDC_CLIENT_SECRET is not: set the client secret registered at the provider.");

  const scopes = (env.OIDC_SCOPES?.trim() || "openid email profile").split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes("openid")) throw new AuthConfigError(`OIDC_SCOPES must include "openid": "${env.OIDC_SCOPES}".`);
  const rolesClaim = env.OIDC_ROLES_CLAIM?.trim() || "groups";
  if (!/^[\w:/.-]+$/.test(rolesClaim) || rolesClaim.startsWith(".") || rolesClaim.endsWith(".")) {
    throw new AuthConfigError(`OIDC_ROLES_CLAIM is not a claim name: "${env.OIDC_ROLES_CLAIM}".`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: scopes.join(" "),
    name: env.OIDC_NAME?.trim() || "your hospital account",
    rolesClaim,
    roleMap: readRoleMap(env),
  };
}

function readRoleMap(env: NodeJS.ProcessEnv): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const role of ROLES) {
    const name = ROLE_VARS[role];
    for (const value of splitList(env[name])) {
      const already = map.get(value);
      if (already && already !== role) {
        throw new AuthConfigError(`The group "${value}" is in both ${ROLE_VARS[already]} and ${name}: give it one role.`);
      }
      map.set(value, role);
    }
  }
  if (map.size === 0) {
    throw new AuthConfigError("No group maps to a role: set at least OIDC_ROLE_ADMIN (and OIDC_ROLE_ADJUDICATOR, OIDC_ROLE_REVIEWER) to the provider's group names.");
  }
  return map;
}

/** Comma-separated values; a value may contain spaces (group display names) but not commas. */
function splitList(raw: string | undefined): string[] {
  return (raw ?? "").split(",").map((v) => v.trim()).filter(Boolean);
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
