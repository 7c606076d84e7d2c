import type { ReactNode } from "react";
import { SessionTimeoutWarning } from "@/components/session/session-timeout-warning";
import { ServiceHeader, type NavItem } from "@/components/ui/service-header";
import { can } from "@/domain/permissions";
import { roleLabels } from "@/domain/roles";
import { msUntil, sessionPolicy } from "@/server/auth/sessions";
import { getSessionState, requireCtx } from "@/server/context";
import { signOutAction } from "../(auth)/actions";
import { sessionStatusAction, staySignedInAction } from "./session-actions";

// Every page here reads the session and the database per request: never pre-rendered at build.
export const dynamic = "force-dynamic";

export default async function HubLayout({ children }: { children: ReactNode }) {
  // The layout only decides what to show; every page and action checks access itself.
  const { user } = await requireCtx();
  // Same request, so this is the session requireCtx just checked (cached), not a second lookup.
  const session = (await getSessionState())?.session;
  const nav: NavItem[] = [];
  if (can(user.role, "caseload:read")) nav.push({ href: "/caseload", label: "Caseload" });
  if (can(user.role, "appointment:read")) nav.push({ href: "/appointments", label: "Appointments" });
  if (can(user.role, "health:read")) nav.push({ href: "/worklist", label: "Worklist" });
  if (can(user.role, "referral:read")) nav.push({ href: "/referrals", label: "Referrals" });
  if (can(user.role, "referral-status:read")) nav.push({ href: "/referrals/caseload", label: "Referrals" });
  if (can(user.role, "person:create")) nav.push({ href: "/people/new", label: "Add a person" });
  if (can(user.role, "dashboard:read")) nav.push({ href: "/dashboards", label: "Dashboards" });
  if (can(user.role, "user:manage")) nav.push({ href: "/admin/users", label: "Users" });
  if (can(user.role, "service:manage")) nav.push({ href: "/admin/services", label: "Services" });
  if (can(user.role, "user:manage")) nav.push({ href: "/admin/audit", label: "Audit trail" });
  // Every role: change password and two-factor sign-in.
  nav.push({ href: "/account", label: "Your account" });
  return (
    <>
      <ServiceHeader
        nav={nav}
        userLabel={`${user.name} (${roleLabels[user.role]})`}
        signOut={
          <form action={signOutAction}>
            <button type="submit" className="cursor-pointer text-white underline">
              Sign out
            </button>
          </form>
        }
      />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        {children}
      </main>
      {session && (
        <SessionTimeoutWarning
          expiresInMs={msUntil(session.idleExpiresAt)}
          warnBeforeMs={sessionPolicy.warnBeforeMs}
          idleMinutes={sessionPolicy.idleMs / 60_000}
          staySignedIn={staySignedInAction}
          checkStatus={sessionStatusAction}
          signOut={signOutAction}
        />
      )}
    </>
  );
}
