import Link from "next/link";

export function BackLink({ href, children = "Back" }: { href: string; children?: string }) {
  return (
    <Link href={href} className="mb-6 inline-block text-ink">
      <span aria-hidden="true">‹ </span>
      {children}
    </Link>
  );
}
