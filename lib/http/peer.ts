// Records each request's socket address in PEER_HEADER as the request arrives, before Next.js or any
// handler sees it. Route handlers receive a Web Request without the socket, and the X-Forwarded-For that
// Next.js fills in keeps whatever the client sent; this header is the one address a client cannot choose
// (a client-sent header of the same name is overwritten). Installed once per server process.
import http from "node:http";
import https from "node:https";
import { PEER_HEADER } from "./client-address";

const INSTALLED = Symbol.for("spinemed.peerAddressHeader");

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

function patch(proto: { emit: Emit } & Record<symbol, unknown>) {
  if (proto[INSTALLED]) return;
  const original = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stamp(args[0] as http.IncomingMessage);
    return original.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}

export function stamp(req: http.IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
}

export function installPeerAddressHeader(): void {
  patch(http.Server.prototype as unknown as { emit: Emit } & Record<symbol, unknown>);
  patch(https.Server.prototype as unknown as { emit: Emit } & Record<symbol, unknown>);
}
