import "server-only";
// DICOMweb endpoints as admins configure them, and the client for one. The row never holds a secret: it names the
// environment variable that does, read when a client is made (so every instance needs the same variable).
import { appendAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { DicomWebClient, type DicomWebAuth } from "./client";
import { DicomWebError } from "./errors";
import type { EndpointInput } from "./schemas";

export interface EndpointView {
  id: string;
  name: string;
  baseUrl: string;
  authKind: "none" | "basic" | "bearer";
  username: string | null;
  secretEnv: string | null;
  /** Whether the named variable is set on this instance (its value is never shown). */
  secretPresent: boolean;
  proxy: boolean;
  timeoutSeconds: number;
  maxInstanceMB: number;
  maxInstanceBytes: number;
}

type Row = { id: string; name: string; baseUrl: string; authKind: string; username: string | null; secretEnv: string | null; proxy: boolean; timeoutMs: number; maxInstanceBytes: number };

function view(r: Row): EndpointView {
  return {
    id: r.id, name: r.name, baseUrl: r.baseUrl, authKind: r.authKind as EndpointView["authKind"], username: r.username, secretEnv: r.secretEnv,
    secretPresent: !!r.secretEnv && !!process.env[r.secretEnv], proxy: r.proxy, timeoutSeconds: Math.round(r.timeoutMs / 1000),
    maxInstanceMB: Math.round((r.maxInstanceBytes / 1024 / 1024) * 100) / 100, maxInstanceBytes: r.maxInstanceBytes,
  };
}

function data(input: EndpointInput) {
  return {
    name: input.name, baseUrl: input.baseUrl.replace(/\/+$/, ""), authKind: input.authKind,
    username: input.authKind === "basic" ? (input.username ?? null) : null, secretEnv: input.authKind === "none" ? null : (input.secretEnv ?? null),
    proxy: input.proxy, timeoutMs: input.timeoutSeconds * 1000, maxInstanceBytes: Math.round(input.maxInstanceMB * 1024 * 1024),
  };
}

export async function listEndpoints(): Promise<EndpointView[]> {
  return (await db().dicomWebEndpoint.findMany({ orderBy: { name: "asc" } })).map(view);
}

export async function getEndpoint(id: string): Promise<EndpointView> {
  const r = await db().dicomWebEndpoint.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("No such PACS endpoint.");
  return view(r);
}

export async function endpointByName(name: string): Promise<EndpointView | null> {
  const r = await db().dicomWebEndpoint.findUnique({ where: { name } });
  return r ? view(r) : null;
}

const taken = (name: string) => new ConflictError(`A PACS endpoint named ${name} already exists.`);

export async function createEndpoint(input: EndpointInput, actorId: string | null): Promise<EndpointView> {
  try {
    return await db().$transaction(async (tx) => {
      const r = await tx.dicomWebEndpoint.create({ data: data(input) });
      await appendAudit(tx, { actorId, action: "pacs.endpoint_create", targetType: "pacs_endpoint", targetId: r.id, after: data(input) });
      return view(r);
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw taken(input.name);
    throw e;
  }
}

export async function updateEndpoint(id: string, input: EndpointInput, actorId: string): Promise<EndpointView> {
  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.dicomWebEndpoint.findUnique({ where: { id } });
      if (!before) throw new NotFoundError("No such PACS endpoint.");
      const r = await tx.dicomWebEndpoint.update({ where: { id }, data: data(input) });
      const { id: _id, createdAt: _c, updatedAt: _u, ...old } = before;
      await appendAudit(tx, { actorId, action: "pacs.endpoint_update", targetType: "pacs_endpoint", targetId: id, before: old, after: data(input) });
      return view(r);
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw taken(input.name);
    throw e;
  }
}

export async function deleteEndpoint(id: string, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.dicomWebEndpoint.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("No such PACS endpoint.");
    const used = await tx.image.count({ where: { pacsEndpointId: id, proxied: true } });
    if (used > 0) throw new ConflictError(`${used} images are shown from ${before.name} in proxy mode; the endpoint stays.`);
    await tx.dicomWebEndpoint.delete({ where: { id } });
    await appendAudit(tx, { actorId, action: "pacs.endpoint_delete", targetType: "pacs_endpoint", targetId: id, before: { name: before.name, baseUrl: before.baseUrl } });
  });
}

/** The client of an endpoint, with its secret from the environment. */
export function clientFor(e: Pick<EndpointView, "name" | "baseUrl" | "authKind" | "username" | "secretEnv" | "timeoutSeconds" | "maxInstanceBytes">): DicomWebClient {
  let auth: DicomWebAuth = { kind: "none" };
  if (e.authKind !== "none") {
    const secret = e.secretEnv ? process.env[e.secretEnv] : undefined;
    if (!secret) {
      throw new DicomWebError("config", `The PACS "${e.name}" needs its ${e.authKind === "basic" ? "password" : "token"} in the environment variable ${e.secretEnv ?? "(none named)"}, which is not set on this server.`);
    }
    auth = e.authKind === "basic" ? { kind: "basic", username: e.username ?? "", password: secret } : { kind: "bearer", token: secret };
  }
  return new DicomWebClient({
    name: e.name, baseUrl: e.baseUrl, auth, timeoutMs: e.timeoutSeconds * 1000, maxInstanceBytes: e.maxInstanceBytes,
    secretSource: e.secretEnv ? `the secret in the environment variable ${e.secretEnv}` : undefined,
  });
}
