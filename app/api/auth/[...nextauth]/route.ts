import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientAddress } from "@/lib/http/client-address";
import { secured } from "@/lib/http/route";
import { signInWait, tooManyAttempts } from "@/lib/users/service";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes (they check their own CSRF token). A sign-in while the account or address is
// blocked is answered 429 with Retry-After, in the shape next-auth's client reads its error from.
async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  const credentials = req.method === "POST" && params.nextauth?.join("/") === "callback/credentials";
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
