// Response headers every page and API answer carries. Pages get a nonce-based Content Security Policy: Next.js
// reads the nonce from the request's CSP header and puts it on its own inline bootstrap scripts, and
// 'strict-dynamic' lets those scripts load the app's chunks (the viewer's cornerstone bundles included);
// no other script runs: no injected <script>, no inline event handler, no javascript: URL.
// 'wasm-unsafe-eval' lets the DICOM loader compile its WebAssembly codecs (JPEG, JPEG 2000, JPEG-LS). Their
// JavaScript glue (emscripten's embind) also builds functions from strings with new Function, so decoding a
// compressed image needs 'unsafe-eval' as well. It is on every page, not only the viewer's: a client-side
// navigation keeps the policy of the page it started from. (The loader's Web Worker build would confine eval
// to a worker with its own policy.) API answers are data, never documents: they get a policy that allows nothing.
import { isTrustedPeer, peerAddress } from "./client-address";

type HeaderSource = { get(name: string): string | null };

export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval' 'unsafe-eval'`,
    // React and the viewer set style attributes (positions, sizes); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** HTTPS as the user sees it: NEXTAUTH_URL says so, or a trusted proxy in front says the request was https. */
export function servedOverHttps(headers: HeaderSource, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NEXTAUTH_URL?.startsWith("https://")) return true;
  if (!isTrustedPeer(peerAddress(headers), env)) return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function securityHeaders(csp: string, https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
