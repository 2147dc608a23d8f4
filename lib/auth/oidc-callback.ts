import "server-only";
// The last step of a single sign-on, after next-auth validated the id token: the app's account for it.
import type { OidcConfig } from "./oidc-config";
import { GROUPS_KEY, sameIssuer, type OidcClaims } from "./oidc-provider";
import { OidcSignInRefused, signInWithOidc } from "./oidc-sign-in";
import type { Role } from "./roles";

export type SignedInUser = { id: string; email?: string | null; name?: string | null; role?: Role; sessionVersion?: number };

/**
 * After next-auth validated the id token: the account it names, with the role from the groups claim. The
 * user object next-auth hands on to the jwt callback becomes the app's user (its id, role, session version).
 * Returns true, or the page to send the browser to instead of a session.
 */
export async function oidcSignIn(cfg: OidcConfig, user: SignedInUser, claims: OidcClaims | undefined): Promise<true | string> {
  if (!claims?.sub) return "/login?error=OidcFailed";
  // openid-client checked iss against the discovery document; this checks that document is the configured one.
  if (!sameIssuer(claims.iss, cfg.issuer)) return "/login?error=IssuerMismatch";
  try {
    const result = await signInWithOidc(
      {
        issuer: cfg.issuer,
        subject: claims.sub,
        email: typeof claims.email === "string" ? claims.email : "",
        emailVerified: claims.email_verified !== false,
        name: typeof claims.name === "string" ? claims.name : typeof claims.preferred_username === "string" ? claims.preferred_username : "",
        groups: Array.isArray(claims[GROUPS_KEY]) ? (claims[GROUPS_KEY] as string[]) : [],
      },
      cfg.roleMap,
    );
    if (result.kind === "waiting") return "/waiting";
    if (result.kind === "deactivated") return "/login?error=AccountDeactivated";
    Object.assign(user, { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role, sessionVersion: result.user.sessionVersion });
    return true;
  } catch (e) {
    if (e instanceof OidcSignInRefused) return `/login?error=${e.code}`;
    console.error("single sign-on: could not record the sign-in:", e);
    return "/login?error=OidcFailed";
  }
}
