import NextAuth from "next-auth";
import { OIDC_PROVIDER_ID, readAuthConfig } from "@/lib/auth/oidc-config";
import { classifyOidcError, SSO_ERRORS, withAuthErrors } from "@/lib/auth/oidc-errors";
import { authOptions } from "@/lib/auth/options";
import { clientAddress } from "@/lib/http/client-address";
import { secured } from "@/lib/http/route";
import { signInWait, tooManyAttempts } from "@/lib/users/service";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes (they check their own CSRF token). A sign-in while the account or address is
// blocked is answered 429 with Retry-After, in the shape next-auth's client reads its error from.
async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  const action = params.nextauth?.join("/") ?? "";
  // Turned off means refused here too, not only hidden on the page.
  if (/^(signin|callback)\/credentials$/.test(action) && !readAuthConfig().credentials) return credentialsOff(req);
  if (action === `signin/${OIDC_PROVIDER_ID}` || action === `callback/${OIDC_PROVIDER_ID}`) return singleSignOn(req, params);
  const credentials = req.method === "POST" && action === "callback/credentials";
  if (!credentials) return secured(req, await NextAuth(req as never, { params } as never, authOptions()));
  const form = await req.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "");
  const address = clientAddress(req.headers);
  if (email) {
    const wait = await signInWait(email, address);
    if (wait > 0) return blocked(req, wait);
  }
  const res = await NextAuth(req as never, { params } as never, authOptions());
  if (email && res.status !== 200) {
    // Refused inside the sign-in check (another attempt of the same burst set the block meanwhile).
    const data = (await res.clone().json().catch(() => null)) as { url?: string } | null;
    const error = data?.url ? new URL(data.url, req.url).searchParams.get("error") : null;
    if (error?.startsWith("Too many sign-in attempts")) return blocked(req, Math.max(1, await signInWait(email, address)));
  }
  return secured(req, res);
}

function blocked(req: Request, wait: number): Response {
  const url = new URL("/login", process.env.NEXTAUTH_URL || req.url);
  url.searchParams.set("error", tooManyAttempts(wait).message);
  return secured(req, Response.json({ url: url.toString(), error: tooManyAttempts(wait).message }, { status: 429, headers: { "Retry-After": String(wait) } }));
}

export { handler as GET, handler as POST };

function credentialsOff(req: Request): Response {
  const url = new URL("/login", process.env.NEXTAUTH_URL || req.url);
  url.searchParams.set("error", "CredentialsOff");
  return secured(req, Response.json({ url: url.toString(), error: SSO_ERRORS.CredentialsOff }, { status: 403 }));
}

/**
 * Starting and finishing a single sign-on. next-auth sends every failure to the sign-in page as one generic
 * code; here the error it logged names the failure (wrong client secret, invalid id token, provider away),
 * so the page can say what happened.
 */
async function singleSignOn(req: Request, params: { nextauth: string[] }): Promise<Response> {
  const { result: res, errors } = await withAuthErrors(() => NextAuth(req as never, { params } as never, authOptions()) as Promise<Response>);
  if (errors.length === 0) return secured(req, res);
  const code = classifyOidcError(errors[errors.length - 1]);
  const url = new URL("/login", process.env.NEXTAUTH_URL || req.url);
  url.searchParams.set("error", code);
  const location = res.headers.get("Location");
  if (location) {
    const out = new Response(null, { status: 302, headers: new Headers(res.headers) });
    out.headers.set("Location", url.toString());
    return secured(req, out);
  }
  // The client's signIn() asked for JSON: it follows `url`.
  const headers = new Headers(res.headers);
  headers.delete("Content-Length");
  return secured(req, new Response(JSON.stringify({ url: url.toString() }), { status: res.status, headers }));
}
