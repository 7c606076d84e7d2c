"use client";
import type { InputHTMLAttributes } from "react";
import { Checkbox, Radios } from "@/components/ui/choices";
import type { FormState } from "@/domain/form-state";
import { roleLabels, roles, type Role } from "@/domain/roles";

const roleHints: Record<Role, string> = {
  clinician: "Health checks, referrals and health appointments. Sees the health records of people at their sites.",
  probation_officer: "Caseload and probation appointments. Sees only health status, and only where the person agreed to share it.",
  pilot_manager: "Dashboards for their sites, with small numbers hidden. Sees no named records.",
  administrator: "Manages users at their sites. Sees no health records.",
};

type Registered = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue" | "defaultChecked" | "checked"> & { name: string };

export function RoleRadios({ defaultValue, error, ...registered }: Registered & { defaultValue?: string; error?: string }) {
  return (
    <Radios
      legend="Role"
      hint="What the user does decides what they can see."
      options={roles.map((r) => ({ value: r, label: roleLabels[r], hint: roleHints[r] }))}
      defaultValue={defaultValue}
      error={error}
      {...registered}
    />
  );
}

/**
 * Site checkboxes, all named `siteIds`. The first carries the id `siteIds` the error summary links to.
 * Which are ticked is passed in rather than left to react-hook-form, which cannot read the
 * comma-joined list the server echoes (see checkedSiteIds).
 */
export function SiteCheckboxes({
  sites,
  tickedIds,
  error,
  hint,
  ...registered
}: Registered & { sites: { id: string; name: string }[]; tickedIds: string[]; error?: string; hint?: string }) {
  const describedBy = [hint ? "siteIds-hint" : "", error ? "siteIds-error" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-1 font-semibold">Sites</legend>
        <div id="siteIds-hint" className="mb-2 text-muted">
          {hint ?? "Select all that apply. The user sees only the people and records at these sites."}
        </div>
        {error && (
          <p id="siteIds-error" className="mb-2 font-semibold text-danger">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        {sites.map((s, i) => (
          <Checkbox key={s.id} id={i === 0 ? "siteIds" : `siteIds-${s.id}`} label={s.name} value={s.id} defaultChecked={tickedIds.includes(s.id)} {...registered} />
        ))}
      </fieldset>
    </div>
  );
}

/**
 * The sites to show ticked: what the server echoed once it has answered (repeated keys come back
 * comma-joined; none ticked means no key at all), otherwise the form's starting values.
 */
export function checkedSiteIds(state: FormState, initial: string | undefined): string[] {
  const answered = Boolean(state.formError) || Object.keys(state.fieldErrors).length > 0;
  const list = answered ? state.values.siteIds : initial;
  return list ? list.split(",").filter(Boolean) : [];
}

/** Starting values for react-hook-form without `siteIds`, so it reads the ticked boxes from the page. */
export function withoutSiteIds(values: Record<string, string>): Record<string, string> {
  const rest = { ...values };
  delete rest.siteIds;
  return rest;
}
