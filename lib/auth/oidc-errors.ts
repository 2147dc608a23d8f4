// What went wrong in a single-sign-on round trip, as a code the sign-in page turns into one sentence.
// next-auth answers every failure of the provider's callback with the same "OAuthCallback"; the error it
// logs still says which check failed (openid-client's messages), so the route collects what is logged while
// it handles one request (see withAuthErrors) and names the failure from that.
import { AsyncLocalStorage } from "node:async_hooks";

export const SSO_ERRORS = {
  OidcClientRejected: "The hospital sign-in service refused this app's client credentials (client id or secret). Ask your administrator to check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.",
  OidcTokenRejected: "The answer from the hospital sign-in service failed the security checks (its signed id token was not valid), so you were not signed in.",
  OidcUnreachable: "The hospital sign-in service cannot be reached right now. Try again in a minute, or ask your administrator.",
  OidcMisconfigured: "Single sign-on is not set up correctly (the provider's discovery document does not match OIDC_ISSUER). Ask your administrator.",
  OidcStateMismatch: "The sign-in could not be matched to the one this browser started (it took too long, or began in another tab). Start again.",
  OidcDenied: "The hospital sign-in service did not let you sign in to this app.",
  OidcFailed: "Single sign-on failed. Try again; if it keeps failing, ask your administrator.",
  NoEmail: "Your hospital account has no e-mail address; this app needs one. Ask your administrator.",
  EmailTaken: "Your e-mail address already belongs to another single-sign-on account here. Ask an admin.",
  EmailUnverified: "An account with your e-mail address exists, and the hospital sign-in service has not verified the address. Ask an admin.",
  IssuerMismatch: "The id token was issued by another provider than the one configured, so you were not signed in.",
  AccountDeactivated: "This account is deactivated. Ask an admin to reactivate it.",
  CredentialsOff: "Sign-in with e-mail and password is turned off here: use single sign-on.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

// next-auth's own codes, for a failure the route could not name more precisely.
const NEXT_AUTH_CODES: Record<string, SsoErrorCode> = {
  OAuthSignin: "OidcFailed",
  OAuthCallback: "OidcFailed",
  OAuthCreateAccount: "OidcFailed",
  OAuthAccountNotLinked: "OidcFailed",
  Callback: "OidcFailed",
  Configuration: "OidcFailed",
  AccessDenied: "OidcDenied",
};

export function ssoErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  const known = (SSO_ERRORS as Record<string, string>)[code] ?? null;
  return known ?? (NEXT_AUTH_CODES[code] ? SSO_ERRORS[NEXT_AUTH_CODES[code]] : null);
}

/** Names a failure from the error openid-client raised (as next-auth logs it, message only). */
export function classifyOidcError(error: unknown): SsoErrorCode {
  const e = error as { message?: string; code?: string; error?: string; cause?: { code?: string } } | undefined;
  const text = `${e?.error ?? ""} ${e?.code ?? ""} ${e?.cause?.code ?? ""} ${e?.message ?? String(error ?? "")}`;
  if (/invalid_client|unauthorized_client|client authentication/i.test(text)) return "OidcClientRejected";
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|socket hang up|timed out|fetch failed/i.test(text)) return "OidcUnreachable";
  if (/state (cookie )?(was )?missing|state mismatch|checks\.state|code_verifier|pkce|nonce/i.test(text)) return "OidcStateMismatch";
  if (/signature|unexpected (iss|alg)|aud(ience)? mismatch|azp|expired|\bexp\b|\bnbf\b|\biat\b|id_token|jwks|JWT|JWS|no matching key/i.test(text)) return "OidcTokenRejected";
  if (/expected 200 OK|discovery|well-known|issuer/i.test(text)) return "OidcMisconfigured";
  if (/access_denied|consent_required|login_required/i.test(text)) return "OidcDenied";
  return "OidcFailed";
}

const store = new AsyncLocalStorage<unknown[]>();

/** Runs fn, collecting the errors next-auth logs meanwhile (for this request only). */
export async function withAuthErrors<T>(fn: () => Promise<T>): Promise<{ result: T; errors: unknown[] }> {
  const errors: unknown[] = [];
  const result = await store.run(errors, fn);
  return { result, errors };
}

export function recordAuthError(error: unknown): void {
  store.getStore()?.push(error);
}

/** One line for the server log instead of a stack trace. */
export function describeAuthError(error: unknown): string {
  const e = error as { message?: string; code?: string } | undefined;
  return (e?.message ?? String(error)).split("\n")[0];
}
