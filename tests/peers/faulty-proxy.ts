// A misbehaving PACS for the tests: an HTTP proxy in front of the real Orthanc that passes everything through,
// except the WADO-RS answers for chosen instances, which it damages on purpose (garbage instead of multipart, a
// multipart body cut in the middle, a well-formed multipart whose part is not DICOM). Fault injection around the
// real peer, not a stand-in for it.
import { createServer, type Server } from "node:http";
import { freePort } from "./orthanc";

export type Fault = "garbage" | "truncate" | "not-dicom";

export interface FaultyProxy {
  url: string;
  faults: Map<string, Fault>; // SOP instance UID → fault
  stop(): Promise<void>;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const faults = new Map<string, Fault>();
  const port = await freePort();
  const server: Server = createServer(async (req, res) => {
    try {
      const headers: Record<string, string> = {};
      for (const h of ["authorization", "accept"]) if (req.headers[h]) headers[h] = String(req.headers[h]);
      const upstream = await fetch(`${target}${req.url}`, { headers });
      const body = Buffer.from(await upstream.arrayBuffer());
      const sop = /\/instances\/([0-9.]+)$/.exec(req.url ?? "")?.[1];
      const fault = sop ? faults.get(sop) : undefined;
      const type = upstream.headers.get("content-type") ?? "application/octet-stream";
      if (!fault || !upstream.ok) {
        res.writeHead(upstream.status, { "content-type": type, "content-length": body.length });
        return res.end(body);
      }
      if (fault === "garbage") {
        const html = Buffer.from("<html><body>502 Bad Gateway</body></html>");
        res.writeHead(200, { "content-type": type, "content-length": html.length });
        return res.end(html);
      }
      if (fault === "truncate") {
        // Chunked, no Content-Length: the client sees a clean end of a body that stops in the middle of the part.
        res.writeHead(200, { "content-type": type });
        return res.end(body.subarray(0, Math.floor(body.length / 2)));
      }
      const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2] ?? "x";
      const junk = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.alloc(4096, 0x41), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      res.writeHead(200, { "content-type": type, "content-length": junk.length });
      res.end(junk);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
