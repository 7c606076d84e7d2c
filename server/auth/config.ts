import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "../env";
import { getDb } from "../db";
import { clientAddressFrom } from "./client-address";
import { consumeSignInTicket } from "./sign-in-flow";
import { startSession } from "./sessions";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    role?: string;
  }
  interface Session {
    sessionVersion?: number;
    /** The user_sessions row (server/auth/sessions.ts) that must still be good on every request. */
    sessionId?: string;
    user: { id: string } & DefaultSession["user"];
  }
}

// The only credential is a ticket from a finished sign-in (server/auth/sign-in-flow.ts): password,
// then a second factor where it applies. A ticket is spent on first use.
const credentialsSchema = z.object({ ticket: z.string().min(32).max(100) });

/**
 * The token carries the user id, role and session version. Role and sites are re-read from the
 * database on every request (server/context.ts), so a change takes effect at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { ticket: {} },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await consumeSignInTicket(await getDb(), parsed.data.ticket, clientAddressFrom(request.headers));
        return user && { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        // A new server-side session per sign-in: the cookie names it, the database decides if it is still good.
        token.sid = await startSession(await getDb(), user.id);
        token.uid = user.id;
        token.sv = user.sessionVersion;
        // Informational only: every request re-reads the role from the database.
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sv === "number") session.sessionVersion = token.sv;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
});
