import type { ReactNode } from "react";

const tones = {
  grey: "bg-[#dbe0e3] text-[#212b32]",
  blue: "bg-[#d6e5f7] text-[#003087]",
  green: "bg-[#cce5d8] text-[#00401e]",
  red: "bg-[#f7d4d1] text-[#6b140e]",
  yellow: "bg-[#fff59d] text-[#212b32]",
  purple: "bg-[#e0d6f0] text-[#330072]",
} as const;
export type TagTone = keyof typeof tones;

export function Tag({ tone = "grey", children }: { tone?: TagTone; children: ReactNode }) {
  return <strong className={`inline-block px-2 py-0.5 text-sm font-semibold ${tones[tone]}`}>{children}</strong>;
}
