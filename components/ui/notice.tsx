import type { ReactNode } from "react";

/** A success or information banner after an action (GOV.UK notification banner). */
export function Notice({ title, children, tone = "success" }: { title: string; children?: ReactNode; tone?: "success" | "info" }) {
  const border = tone === "success" ? "border-ok" : "border-brand";
  const head = tone === "success" ? "bg-ok" : "bg-brand";
  return (
    <div role="status" className={`mb-8 border-4 ${border} bg-white`}>
      <p className={`${head} px-4 py-1 font-semibold text-white`}>{tone === "success" ? "Success" : "Important"}</p>
      <div className="px-4 py-3">
        <p className="text-lg font-bold">{title}</p>
        {children}
      </div>
    </div>
  );
}
