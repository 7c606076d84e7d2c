import Link from "next/link";
import type { ReactNode } from "react";

export type NavItem = { href: string; label: string };

/** A plain service header: the service name, who is signed in, the role's navigation and sign out. */
export function ServiceHeader({ nav, userLabel, signOut }: { nav: NavItem[]; userLabel?: string; signOut?: ReactNode }) {
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-white no-underline hover:text-white">
          <span aria-hidden="true" className="mr-2 inline-block border-2 border-white px-1 text-sm">
            PHH
          </span>
          Probation Health Hub
        </Link>
        {userLabel && (
          <div className="flex items-center gap-4 text-sm">
            <span>{userLabel}</span>
            {signOut}
          </div>
        )}
      </div>
      {nav.length > 0 && (
        <nav aria-label="Main" className="bg-brand-dark">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-6 px-4 py-2">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="font-semibold text-white hover:text-white">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
