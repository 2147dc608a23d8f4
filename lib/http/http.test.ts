import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { clientAddress, normaliseAddress, PEER_HEADER, trustedProxies } from "./client-address";
import { assertIdParams, isWellFormedId } from "./ids";
import { assertJsonBody, assertSameOrigin, expectedOrigins } from "./origin";
import { limitParam } from "./params";
import { pageCsp, securityHeaders, servedOverHttps } from "./security-headers";
import { uploadPathProblem } from "./upload-path";

const h = (o: Record<string, string>) => new Headers(o);
const env = (o: Record<string, string> = {}) => ({ ...o }) as NodeJS.ProcessEnv;

describe("ids", () => {
  it("accepts the app's ids and refuses hostile ones", () => {
    expect(isWellFormedId(newId())).toBe(true);
    expect(isWellFormedId("cmx4hgv4k0002kt7db6xfa413")).toBe(true); // Prisma cuid()
    expect(isWellFormedId("a".repeat(24))).toBe(true); // upload id
    for (const bad of ["a".repeat(8000), "x", "", "../etc", "CMX4HGV4K0002KT7DB6XFA413", "c0mx4hg76x0000a7ol3%"]) expect(isWellFormedId(bad)).toBe(false);
    expect(() => assertIdParams({ id: "a".repeat(8000) })).toThrow("not a valid id");
    expect(() => assertIdParams({ id: newId() })).not.toThrow();
  });
});

describe("same-origin checks", () => {
  const app = env({ NEXTAUTH_URL: "http://127.0.0.1:3000" });
  it("NEXTAUTH_URL is the app's origin when set", () => {
    expect(expectedOrigins(h({ host: "evil.example" }), app)).toEqual(["http://127.0.0.1:3000"]);
    expect(() => assertSameOrigin(h({ origin: "http://127.0.0.1:3000" }), app)).not.toThrow();
    // Another port of the same host is another origin.
    expect(() => assertSameOrigin(h({ origin: "http://127.0.0.1:4000" }), app)).toThrow(/from http:\/\/127.0.0.1:4000/);
  });
  it("falls back to the Referer, and refuses a request that names neither", () => {
    expect(() => assertSameOrigin(h({ referer: "http://127.0.0.1:3000/admin/users" }), app)).not.toThrow();
    expect(() => assertSameOrigin(h({ referer: "http://127.0.0.1:4000/x" }), app)).toThrow();
    expect(() => assertSameOrigin(h({}), app)).toThrow(/no Origin or Referer/);
    expect(() => assertSameOrigin(h({ origin: "null" }), app)).toThrow();
  });
  it("without NEXTAUTH_URL, the request's own Host; forwarded host only from a trusted proxy", () => {
    expect(expectedOrigins(h({ host: "review.local:8080" }), env())).toEqual(["http://review.local:8080", "https://review.local:8080"]);
    const spoofed = h({ host: "review.local", "x-forwarded-host": "evil.example", [PEER_HEADER]: "203.0.113.9" });
    expect(expectedOrigins(spoofed, env({ TRUSTED_PROXIES: "10.0.0.0/8" }))).toEqual(["http://review.local", "https://review.local"]);
    const proxied = h({ host: "app:3000", "x-forwarded-host": "review.example.org", "x-forwarded-proto": "https", [PEER_HEADER]: "10.1.2.3" });
    expect(expectedOrigins(proxied, env({ TRUSTED_PROXIES: "10.0.0.0/8" }))).toEqual(["https://review.example.org"]);
  });
  it("mutations must declare a JSON body", () => {
    expect(() => assertJsonBody(h({ "content-type": "application/json; charset=utf-8" }))).not.toThrow();
    for (const t of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(() => assertJsonBody(h({ "content-type": t }))).toThrow(/Content-Type: application\/json/);
    }
    expect(() => assertJsonBody(h({}))).toThrow();
  });
});

describe("client address", () => {
  it("is the socket's address; X-Forwarded-For from an untrusted client is ignored", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "1.2.3.4" }), env())).toBe("198.51.100.7");
    expect(clientAddress(h({ [PEER_HEADER]: "::ffff:127.0.0.1" }), env())).toBe("127.0.0.1");
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4" }), env())).toBe("unknown");
  });
  it("behind trusted proxies, the right-most untrusted hop", () => {
    const e = env({ TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.5" });
    // The client wrote a fake first entry; the proxies appended the real ones.
    const headers = h({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.50, 192.168.1.5" });
    expect(clientAddress(headers, e)).toBe("203.0.113.50");
    expect(clientAddress(h({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "10.0.0.3" }), e)).toBe("10.0.0.3");
    expect(clientAddress(h({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "garbage, 10.0.0.9" }), e)).toBe("10.0.0.9");
  });
  it("reports TRUSTED_PROXIES entries it cannot read", () => {
    expect(trustedProxies(env({ TRUSTED_PROXIES: "10.0.0.0/8,fd00::/8,proxy.local,10.0.0.0/40" })).problems).toEqual([
      'TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range',
      'TRUSTED_PROXIES: "10.0.0.0/40" is not an IP address or CIDR range',
    ]);
    expect(normaliseAddress("[::1]:443")).toBe("::1");
    expect(normaliseAddress("10.0.0.1:5000")).toBe("10.0.0.1");
  });
});

describe("security headers", () => {
  it("a nonce CSP: only the app's own scripts, WebAssembly for the DICOM codecs", () => {
    const csp = pageCsp("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval' 'unsafe-eval'");
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it("HSTS only over HTTPS", () => {
    expect(securityHeaders("x", false)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("x", true)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(servedOverHttps(h({}), env({ NEXTAUTH_URL: "https://review.example.org" }))).toBe(true);
    expect(servedOverHttps(h({ "x-forwarded-proto": "https", [PEER_HEADER]: "203.0.113.1" }), env())).toBe(false);
    expect(servedOverHttps(h({ "x-forwarded-proto": "https", [PEER_HEADER]: "10.0.0.1" }), env({ TRUSTED_PROXIES: "10.0.0.1" }))).toBe(true);
  });
});

describe("parameters and paths", () => {
  it("limit: each mistake has its own message", () => {
    const limit = limitParam(2000, 500);
    const msg = (v: unknown) => limit.safeParse(v).error?.issues[0]?.message;
    expect(msg("-5")).toBe("limit must be at least 1");
    expect(msg("abc")).toBe("limit must be a number");
    expect(msg("2.5")).toBe("limit must be a whole number");
    expect(msg("5000")).toBe("limit must be at most 2000");
    expect(limit.parse(undefined)).toBe(500);
  });
  it("upload paths: names over 255 bytes are named as the problem", () => {
    expect(uploadPathProblem("study/series/slice-1.dcm")).toBeNull();
    expect(uploadPathProblem(`study/${"a".repeat(300)}.dcm`)).toMatch(/longer than 255 bytes \(304 bytes/);
    expect(uploadPathProblem(`${"é".repeat(130)}.dcm`)).toMatch(/longer than 255 bytes/); // 264 bytes in UTF-8
  });
});
