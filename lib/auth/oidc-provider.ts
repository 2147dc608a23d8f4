import "server-only";
// The next-auth provider for the hospital's OpenID Connect server. next-auth (openid-client underneath)
// discovers the endpoints, runs the code flow with PKCE and state, and validates the id token (signature
// against the provider's published keys, issuer, audience = our client id, expiry) before any of this runs.
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { claimValues } from "./oidc-roles";
import { OIDC_PROVIDER_ID, type OidcConfig } from "./oidc-config";

/** Where the profile carries the groups claim's values, wherever they were found. */
export const GROUPS_KEY = "spinemed_groups";

export type OidcClaims = Record<string, unknown> & { sub: string; iss?: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

/** The same issuer whether or not one of them ends in a slash. */
export function sameIssuer(a: string | undefined, b: string): boolean {
  return !!a && a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

export function oidcProvider(cfg: OidcConfig): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: cfg.name,
    type: "oauth",
    wellKnown: discoveryUrl(cfg.issuer),
    authorization: { params: { scope: cfg.scopes } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    httpOptions: { timeout: 10_000 },
    userinfo: {
      // The claims of the validated id token, plus the values of the groups claim under GROUPS_KEY: from the
      // id token, or, when it has none (many providers keep groups for the userinfo endpoint), from the
      // userinfo answer for the same subject.
      async request({ tokens: raw, client }) {
        // next-auth passes openid-client's TokenSet (validated id token inside); its type says less.
        const tokens = raw as unknown as TokenSet;
        const claims = tokens.claims() as OidcClaims;
        let groups = claimValues(claims, cfg.rolesClaim);
        if (groups.length === 0 && tokens.access_token && client.issuer.metadata.userinfo_endpoint) {
          const info = (await client.userinfo(tokens)) as Record<string, unknown>; // openid-client checks info.sub === claims.sub
          groups = claimValues(info, cfg.rolesClaim);
        }
        return { ...claims, [GROUPS_KEY]: groups };
      },
    },
    profile(claims) {
      return { id: claims.sub, email: claims.email ?? null, name: claims.name ?? claims.preferred_username ?? claims.email ?? null, image: null };
    },
  };
}
