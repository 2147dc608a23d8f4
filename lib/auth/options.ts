import "server-only";
// next-auth configuration: e-mail + password, JWT sessions. A token carries the user's id and the session
// version it was issued under; every read of it checks the database: a user deactivated, or whose version
// moved on (password reset, role change, deactivation, sign-out, "sign out everywhere"), has no session, and
// the name and role come from the database, never from the token.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clientAddress, headerSource } from "@/lib/http/client-address";
import { signInSchema } from "@/lib/users/schemas";
import { authenticate, endSessions, SignInError } from "@/lib/users/service";
import type { Role } from "./roles";
import { decodeSessionToken, encodeSessionToken } from "./jwt";
import { authSecret } from "./secret";

/** Thrown while reading a token that no longer opens a session; next-auth then clears the cookie. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your e-mail and password.");
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, clientAddress(headerSource(req?.headers)));
            return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion ?? 0 };
          } catch (e) {
            if (e instanceof SignInError || e instanceof AppError) throw new Error(e.message);
            console.error("sign-in failed:", e);
            throw new Error("Sign-in is unavailable right now. Try again in a minute.");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.role = (user as { role?: Role }).role;
          return token;
        }
        const uid = typeof token.uid === "string" ? token.uid : null;
        const now = uid ? await db().user.findUnique({ where: { id: uid }, select: { email: true, name: true, role: true, active: true, sessionVersion: true } }) : null;
        if (!now || !now.active || now.sessionVersion !== token.sv) throw new SessionEnded("this session has ended");
        token.email = now.email;
        token.name = now.name;
        token.role = now.role as Role;
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.uid as string;
          (session.user as { role?: Role }).role = token.role as Role;
          session.user.name = token.name;
          session.user.email = token.email;
        }
        return session;
      },
    },
    events: {
      // Signing out ends the session for good: a copy of the token (a stolen cookie, another tab's) stops
      // working too. Sessions live in signed tokens, so this ends every session of the user.
      async signOut({ token }) {
        const uid = typeof token?.uid === "string" ? token.uid : null;
        if (uid) await endSessions(uid, uid, "sign_out").catch((e) => console.error("sign-out could not end the session:", e));
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is an expected answer (401), not a server error.
        const err = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
        if (code === "JWT_SESSION_ERROR" && (err as Error | undefined)?.name === "SessionEnded") return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}
