import "server-only";
// next-auth configuration: e-mail + password, JWT sessions that carry the user's id and role.
// The role in the token is only for display; every server check reads the user again (lib/auth/session).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/errors";
import { signInSchema } from "@/lib/users/schemas";
import { authenticate, SignInError } from "@/lib/users/service";
import type { Role } from "./roles";
import { authSecret } from "./secret";

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = typeof fwd === "string" ? fwd.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "direct";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your e-mail and password.");
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, clientAddress(req?.headers));
            return { id: user.id, email: user.email, name: user.name, role: user.role };
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
          token.role = (user as { role?: Role }).role;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.uid as string;
          (session.user as { role?: Role }).role = token.role as Role;
        }
        return session;
      },
    },
  };
}
