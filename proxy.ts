// Runs before every page and API route (not the static chunks, not the raw-body upload routes: the proxy
// would buffer their bodies). It refuses paths that cannot name anything before any handler runs, and sets
// the security headers (lib/http/security-headers), with a fresh CSP nonce per page request.
import { NextResponse, type NextRequest } from "next/server";
import { isWellFormedId, isWellFormedIdOrExternalId } from "@/lib/http/ids";
import { API_CSP, pageCsp, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";

// Pages whose last segment names a row: a malformed one gets the 404 page without touching the database.
const ID_PAGES: [RegExp, (segment: string) => boolean][] = [
  [/^\/review\/([^/]+)\/?$/, isWellFormedId],
  [/^\/cases\/([^/]+)\/?$/, isWellFormedIdOrExternalId], // a case is also found by its external id
];

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function notFoundPage(request: NextRequest): NextResponse {
  // A path no route matches: Next.js renders app/not-found.tsx with status 404.
  return NextResponse.rewrite(new URL("/_refused-path", request.url));
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const https = servedOverHttps(request.headers);
  const isApi = pathname.startsWith("/api/");

  if (!decodable(pathname)) {
    const res = isApi
      ? NextResponse.json({ error: "The address has malformed percent-encoding.", code: "invalid" }, { status: 400 })
      : notFoundPage(request);
    for (const [k, v] of Object.entries(securityHeaders(isApi ? API_CSP : pageCsp(nonce()), https))) res.headers.set(k, v);
    if (isApi) res.headers.set("Cache-Control", "no-store");
    return res;
  }

  if (isApi) {
    const res = NextResponse.next();
    for (const [k, v] of Object.entries(securityHeaders(API_CSP, https))) res.headers.set(k, v);
    return res;
  }

  const n = nonce();
  const csp = pageCsp(n);
  const badId = ID_PAGES.some(([re, ok]) => {
    const m = re.exec(pathname);
    return m !== null && !ok(decodeURIComponent(m[1]));
  });
  const requestHeaders = new Headers(request.headers);
  // Next.js takes the nonce from the request's CSP header and puts it on the scripts it renders.
  requestHeaders.set("x-nonce", n);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = badId
    ? NextResponse.rewrite(new URL("/_refused-path", request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(securityHeaders(csp, https))) res.headers.set(k, v);
  return res;
}

function nonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|api/admin/imports/uploads/).*)",
    },
  ],
};
