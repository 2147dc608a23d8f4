import "server-only";
// Thin route handlers: parse the input with its zod schema, check the role, call one domain function,
// shape the answer. Errors meant for the user keep their message; anything else is logged and hidden.
import { NextResponse } from "next/server";
import { z, type ZodType } from "zod";
import type { Role } from "@/lib/auth/roles";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof z.ZodError) {
    return NextResponse.json(
      {
        error: e.issues[0]?.message ?? "Invalid input",
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

type Ctx<P> = { params: Promise<P> };

/** A JSON mutation handler for the given roles. */
export function mutation<S extends ZodType, P = Record<string, string>>(
  roles: Role[],
  schema: S,
  fn: (input: z.infer<S>, user: SessionUser, params: P) => Promise<unknown>,
) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      const user = await requireRole(...roles);
      let body: unknown;
      try {
        body = await req.json();
      } catch {
        body = {};
      }
      const input = schema.parse(body);
      const result = await fn(input, user, await ctx.params);
      return NextResponse.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** A read handler for the given roles. */
export function query<P = Record<string, string>>(roles: Role[], fn: (req: Request, user: SessionUser, params: P) => Promise<unknown>) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      const user = await requireRole(...roles);
      const result = await fn(req, user, await ctx.params);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
