import "server-only";
// Is the configured provider there, and is it the one configured? Asked at start (one line in the log) and
// by the sign-in page (a message instead of a button that would fail), never fatal: password sign-in and
// the rest of the app keep working while the provider is away.
import { discoveryUrl, sameIssuer } from "./oidc-provider";
import type { OidcConfig } from "./oidc-config";

export type OidcHealth = { ok: true } | { ok: false; code: "OidcUnreachable" | "OidcMisconfigured"; problem: string };

export async function checkOidcProvider(cfg: OidcConfig, timeoutMs = 5000): Promise<OidcHealth> {
  const url = discoveryUrl(cfg.issuer);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: "application/json" }, redirect: "error" });
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    const why = err.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message ?? "no answer");
    return { ok: false, code: "OidcUnreachable", problem: `the provider at ${cfg.issuer} cannot be reached (${why})` };
  }
  if (!res.ok) return { ok: false, code: "OidcMisconfigured", problem: `${url} answered ${res.status}: is OIDC_ISSUER right?` };
  let doc: Record<string, unknown>;
  try {
    doc = (await res.json()) as Record<string, unknown>;
  } catch {
    return { ok: false, code: "OidcMisconfigured", problem: `${url} did not answer with a JSON discovery document: is OIDC_ISSUER right?` };
  }
  if (!sameIssuer(typeof doc.issuer === "string" ? doc.issuer : undefined, cfg.issuer)) {
    return { ok: false, code: "OidcMisconfigured", problem: `the provider says its issuer is "${String(doc.issuer)}", but OIDC_ISSUER is "${cfg.issuer}"` };
  }
  for (const key of ["authorization_endpoint", "token_endpoint", "jwks_uri"]) {
    if (typeof doc[key] !== "string") return { ok: false, code: "OidcMisconfigured", problem: `the provider's discovery document has no ${key}` };
  }
  const pkce = doc.code_challenge_methods_supported;
  if (Array.isArray(pkce) && !pkce.includes("S256")) {
    return { ok: false, code: "OidcMisconfigured", problem: "the provider does not support PKCE with S256, which this app requires" };
  }
  return { ok: true };
}

// The sign-in page asks often; the provider is asked at most every 30 s (a failure is re-checked sooner).
let cached: { at: number; key: string; health: OidcHealth } | undefined;

export async function oidcHealth(cfg: OidcConfig, now = Date.now()): Promise<OidcHealth> {
  const key = `${cfg.issuer}|${cfg.clientId}`;
  const ttl = cached?.health.ok ? 30_000 : 5_000;
  if (cached && cached.key === key && now - cached.at < ttl) return cached.health;
  const health = await checkOidcProvider(cfg, 2500);
  cached = { at: now, key, health };
  return health;
}
