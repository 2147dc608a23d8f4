// The address a request comes from, for per-address limits and the HTTPS check. The socket's address is the
// only one a client cannot choose; X-Forwarded-For is believed only hop by hop from the right while each hop
// is a proxy listed in TRUSTED_PROXIES (comma-separated IPs or CIDRs): the right-most untrusted hop is the
// client. Next.js does not hand the socket to route handlers, so the server writes it into PEER_HEADER on
// arrival (lib/http/peer.ts, installed by instrumentation.ts), replacing anything a client sent under that name.
import { BlockList, isIP } from "node:net";

export const PEER_HEADER = "x-spinemed-peer-address";

type HeaderSource = { get(name: string): string | null };

/** ::ffff:10.0.0.1 → 10.0.0.1; brackets and zone ids off; anything that is not an IP → null. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  return isIP(a) ? a.toLowerCase() : null;
}

let cached: { spec: string; list: BlockList; problems: string[] } | undefined;

/** TRUSTED_PROXIES as a block list; entries that are neither an IP nor a CIDR are reported, not ignored silently. */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): { list: BlockList; problems: string[] } {
  const spec = env.TRUSTED_PROXIES ?? "";
  if (cached?.spec === spec) return cached;
  const list = new BlockList();
  const problems: string[] = [];
  for (const entry of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits, extra] = entry.split("/");
    const ip = normaliseAddress(addr);
    const type = ip && isIP(ip) === 6 ? "ipv6" : "ipv4";
    const prefix = bits === undefined ? (type === "ipv6" ? 128 : 32) : Number(bits);
    if (!ip || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (type === "ipv6" ? 128 : 32)) {
      problems.push(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
      continue;
    }
    list.addSubnet(ip, prefix, type);
  }
  cached = { spec, list, problems };
  return cached;
}

export function isTrustedPeer(address: string | null, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!address) return false;
  const ip = normaliseAddress(address);
  if (!ip) return false;
  return trustedProxies(env).list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/** The socket address the server recorded, or null when the request did not come through the server's socket. */
export function peerAddress(headers: HeaderSource): string | null {
  return normaliseAddress(headers.get(PEER_HEADER));
}

/**
 * The client's address: the socket's, unless that is a trusted proxy, in which case X-Forwarded-For is read
 * from the right, skipping trusted hops. "unknown" when the server recorded no socket address (every such
 * request then shares one bucket: stricter, never looser).
 */
export function clientAddress(headers: HeaderSource, env: NodeJS.ProcessEnv = process.env): string {
  const peer = peerAddress(headers);
  if (!peer) return "unknown";
  if (!isTrustedPeer(peer, env)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (!hop) break; // a garbled entry: stop at the last address we could trust
    client = hop;
    if (!isTrustedPeer(hop, env)) break;
  }
  return client;
}

/** Plain header objects (next-auth hands authorize() one) in the shape clientAddress reads. */
export function headerSource(headers: Record<string, unknown> | undefined): HeaderSource {
  return {
    get(name: string) {
      const v = headers?.[name.toLowerCase()];
      return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : null;
    },
  };
}
