import "server-only";
// Thin route handlers: check the session and role, refuse cross-site and non-JSON mutations, check the ids in
// the path, parse the input with its zod schema, call one domain function, shape the answer. Errors meant for
// the user keep their message; anything else is logged and hidden. Every answer carries the API security
// headers and Cache-Control: no-store (answers are per user and change).
import { NextResponse } from "next/server";
import { z, type ZodType } from "zod";
import type { Role } from "@/lib/auth/roles";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertIdParams } from "./ids";
import { assertJsonBody, assertSameOrigin } from "./origin";
import { API_CSP, securityHeaders, servedOverHttps } from "./security-headers";

function zodMessage(e: z.ZodError): string {
  return e.issues[0]?.message ?? "Invalid input";
}

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof z.ZodError) {
    return NextResponse.json(
      {
        error: zodMessage(e),
        code: "invalid",
        issues: e.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
      { status: 400 },
    );
  }
  if (e instanceof AppError) {
    const headers: Record<string, string> = {};
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (e.status === 429 && retry) headers["Retry-After"] = String(retry);
    return NextResponse.json({ error: e.message, code: e.code, details: e.details }, { status: e.status, headers });
  }
  console.error(e);
  return NextResponse.json({ error: "Something went wrong on the server. Nothing was saved.", code: "internal" }, { status: 500 });
}

/** The API security headers and no-store, on any answer (a streamed image sets its own Cache-Control). */
export function secured(req: Request, original: Response): Response {
  let res = original;
  try {
    res.headers.set("X-Content-Type-Options", "nosniff");
  } catch {
    // Immutable headers (a redirect made by a library): copy the answer.
    res = new Response(original.body, { status: original.status, statusText: original.statusText, headers: new Headers(original.headers) });
  }
  for (const [k, v] of Object.entries(securityHeaders(API_CSP, servedOverHttps(req.headers)))) res.headers.set(k, v);
  if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
  return res;
}

type Ctx<P> = { params: Promise<P> };

/** A JSON mutation handler for the given roles: JSON body only (415), from the app's own pages only (403). */
export function mutation<S extends ZodType, P = Record<string, string>>(
  roles: Role[],
  schema: S,
  fn: (input: z.infer<S>, user: SessionUser, params: P) => Promise<unknown>,
) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      const user = await requireRole(...roles);
      assertJsonBody(req.headers);
      assertSameOrigin(req.headers);
      const params = await ctx.params;
      assertIdParams(params);
      let body: unknown;
      try {
        const text = await req.text();
        body = text.trim() === "" ? {} : JSON.parse(text);
      } catch {
        return secured(req, NextResponse.json({ error: "The request body is not valid JSON.", code: "invalid" }, { status: 400 }));
      }
      const input = schema.parse(body);
      const result = await fn(input, user, params);
      return secured(req, NextResponse.json(result ?? { ok: true }));
    } catch (e) {
      return secured(req, errorResponse(e));
    }
  };
}

/**
 * A raw-body upload handler for the given roles: the body is a file, not JSON, so only the origin is checked.
 */
export function upload<P = Record<string, string>>(roles: Role[], fn: (req: Request, user: SessionUser, params: P) => Promise<unknown>) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      const user = await requireRole(...roles);
      assertSameOrigin(req.headers);
      const params = await ctx.params;
      assertIdParams(params);
      const result = await fn(req, user, params);
      return secured(req, NextResponse.json(result ?? { ok: true }));
    } catch (e) {
      return secured(req, errorResponse(e));
    }
  };
}

/** A read handler for the given roles. */
export function query<P = Record<string, string>>(roles: Role[], fn: (req: Request, user: SessionUser, params: P) => Promise<unknown>) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      const user = await requireRole(...roles);
      const params = await ctx.params;
      assertIdParams(params);
      const result = await fn(req, user, params);
      return secured(req, result instanceof Response ? result : NextResponse.json(result));
    } catch (e) {
      return secured(req, errorResponse(e));
    }
  };
}
