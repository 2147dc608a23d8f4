// Cross-site request forgery defence for the state-changing routes. A page on another port of the same host
// is "same-site", so SameSite=Lax cookies go along with its form posts; what a browser cannot forge is the
// Origin header (or, for old browsers, the Referer), nor the Content-Type of a form (only text/plain,
// urlencoded and multipart can be sent without a CORS preflight).
import { AppError, ForbiddenError } from "@/lib/errors";
import { isTrustedPeer, peerAddress } from "./client-address";

type HeaderSource = { get(name: string): string | null };

/**
 * The app's own origin: NEXTAUTH_URL's when it is set (the one address users open). Otherwise the Host the
 * request was sent to, which a browser always sets to the real target, so a page elsewhere cannot make it
 * match its own Origin. X-Forwarded-Host and -Proto count only when they come from a trusted proxy.
 */
export function expectedOrigins(headers: HeaderSource, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.NEXTAUTH_URL) {
    try {
      return [new URL(env.NEXTAUTH_URL).origin];
    } catch {
      // A malformed NEXTAUTH_URL is reported at start-up by next-auth; fall through to the request's host.
    }
  }
  const trusted = isTrustedPeer(peerAddress(headers), env);
  const host = (trusted ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined) || headers.get("host");
  if (!host) return [];
  const proto = trusted ? headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  // Without a trusted proxy saying which scheme the user saw, accept either for this very host.
  return proto ? [`${proto}://${host}`] : [`http://${host}`, `https://${host}`];
}

function originOf(value: string | null): string | null {
  if (!value || value === "null") return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Throws 403 unless the request's Origin (or, failing that, its Referer) is the app's own origin. */
export function assertSameOrigin(headers: HeaderSource, env: NodeJS.ProcessEnv = process.env): void {
  const origin = headers.get("origin");
  const from = origin !== null ? originOf(origin) : originOf(headers.get("referer"));
  if (!from) throw new ForbiddenError("Refused: the request does not say which site it comes from (no Origin or Referer header).");
  const expected = expectedOrigins(headers, env);
  if (!expected.includes(from)) {
    // Naming the app's address helps someone who opened it under another name (localhost vs 127.0.0.1).
    throw new ForbiddenError(`Refused: a request from ${from.slice(0, 200)} may not change anything here (this app is at ${expected[0] ?? "an unknown address"}).`);
  }
}

/** Throws 415 unless the body is declared as JSON. */
export function assertJsonBody(headers: HeaderSource): void {
  const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("Send the request body as JSON (Content-Type: application/json).", 415, "unsupported_media_type");
  }
}
