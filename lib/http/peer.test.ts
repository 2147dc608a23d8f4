import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER } from "./client-address";
import { installPeerAddressHeader } from "./peer";

describe("the socket address header", () => {
  it("is written from the socket on arrival, whatever the client sent under that name or as X-Forwarded-For", async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // twice is harmless
    const seen: Record<string, string | string[] | undefined>[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ ...req.headers });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.77" } });
      expect(await res.text()).toBe("ok");
    } finally {
      server.close();
    }
    expect(seen[0][PEER_HEADER]).toBe("127.0.0.1");
    const headers = new Headers(seen[0] as Record<string, string>);
    // Not a trusted proxy: the forwarded address is ignored, the client is the socket's address.
    expect(clientAddress(headers, {} as NodeJS.ProcessEnv)).toBe("127.0.0.1");
    expect(clientAddress(headers, { TRUSTED_PROXIES: "127.0.0.1" } as unknown as NodeJS.ProcessEnv)).toBe("203.0.113.77");
  });
});
