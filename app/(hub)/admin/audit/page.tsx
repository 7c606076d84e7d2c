import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { DateInput } from "@/components/ui/date-input";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Select, TextInput } from "@/components/ui/field";
import { href, param } from "@/components/ui/href";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { auditActionLabel, auditActions, auditOutcomeLabels } from "@/domain/audit-actions";
import { auditOutcomes, auditSearchParams, parseAuditSearch, type AuditSearchErrors } from "@/domain/audit-search";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { roleLabels } from "@/domain/roles";
import { AUDIT_EXPORT_CAP, searchAuditEvents, type AuditSearchResult } from "@/server/audit/search";
import { requireCtx } from "@/server/context";
import { ValidationError } from "@/server/errors";
import { forPage } from "@/server/page-guard";

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }): Promise<Metadata> {
  const { errors } = parseAuditSearch(await searchParams);
  return { title: Object.keys(errors).length ? "Error: Audit trail" : "Audit trail" };
}

const outcomeTones = { success: "green", denied: "red", failure: "yellow" } as const;
const actionOptions = Object.keys(auditActions)
  .sort()
  .map((a) => ({ value: a, label: `${auditActionLabel(a)} (${a})` }));
const fieldHref: Record<keyof AuditSearchErrors, string> = { user: "#user", person: "#person", action: "#action", outcome: "#outcome", from: "#fromDay", to: "#toDay" };

export default async function AuditSearchPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "user:manage")) forbidden();
  const sp = await searchParams;
  const parsed = parseAuditSearch(sp);
  const errors: AuditSearchErrors = { ...parsed.errors };
  let result: AuditSearchResult | null = null;
  if (Object.keys(errors).length === 0) {
    try {
      result = await forPage(searchAuditEvents({ ctx, input: { query: parsed.query, page: Number.parseInt(param(sp.page) ?? "1", 10) || 1 } }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
  }
  const params = auditSearchParams(parsed.fields);
  const { fields } = parsed;
  // An action that is not in the list (a new one) still shows as chosen.
  const options = fields.action && !auditActions[fields.action] ? [...actionOptions, { value: fields.action, label: fields.action }] : actionOptions;

  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ href: fieldHref[field as keyof AuditSearchErrors], message }))} />
      <h1 className="h1">Audit trail</h1>
      <p className="mb-6 max-w-3xl">
        Every view and change of a record, every sign-in and every refusal at your sites. People are shown by id and CRN only. Searching and downloading are
        recorded too.
      </p>

      <form method="get" action="/admin/audit" className="card" role="search" aria-label="Audit trail" noValidate>
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextInput id="user" name="user" label="User's email address" defaultValue={fields.user} error={errors.user} spellCheck={false} autoComplete="off" />
          <TextInput id="person" name="person" label="Person" hint="CRN, NHS number or id" defaultValue={fields.person} error={errors.person} spellCheck={false} autoComplete="off" />
          <Select id="action" name="action" label="Action" options={options} placeholder="Any action" defaultValue={fields.action} error={errors.action} />
          <Select id="outcome" name="outcome" label="Outcome" options={auditOutcomes.map((o) => ({ value: o, label: auditOutcomeLabels[o] }))} placeholder="Any outcome" defaultValue={fields.outcome} error={errors.outcome} />
        </div>
        <p className="mb-4 text-muted">Dates are UK dates, both included. For example, 1 3 2026 to 31 3 2026.</p>
        <div className="flex flex-wrap gap-x-10">
          <DateInput name="from" legend="From" error={errors.from} values={fields.from} />
          <DateInput name="to" legend="To" error={errors.to} values={fields.to} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            Search
          </button>
          {parsed.searched && <Link href="/admin/audit">Clear the search</Link>}
        </div>
      </form>

      {result && (
        <section aria-labelledby="results-heading">
          <div className="flex flex-wrap items-baseline justify-between gap-4">
            <h2 id="results-heading" className="h2">
              {result.total === 1 ? "1 event" : `${result.total} events`}
            </h2>
            {result.total > 0 && (
              <a href={href("/admin/audit/export", params)} className="btn-secondary" download>
                Download CSV
              </a>
            )}
          </div>
          {result.total > AUDIT_EXPORT_CAP && (
            <p className="mb-4 font-semibold">
              The download holds the newest {AUDIT_EXPORT_CAP.toLocaleString("en-GB")} of these events. Narrow the search (dates, user or action) to download the rest.
            </p>
          )}
          {result.total === 0 ? (
            <p className="mb-6">No events match.</p>
          ) : (
            <Table
              caption={<span className="sr-only">Audit events, newest first</span>}
              head={
                <>
                  <Th>When</Th>
                  <Th>User</Th>
                  <Th>What</Th>
                  <Th>Outcome</Th>
                  <Th>Person</Th>
                  <Th>Record</Th>
                </>
              }
            >
              {result.rows.map((r) => (
                <tr key={r.id}>
                  <Td>{formatDateTime(r.at)}</Td>
                  <Td className="break-all">
                    {r.actorEmail ?? <span className="text-muted">None</span>}
                    {r.actorRole && <span className="block text-sm text-muted">{roleLabels[r.actorRole]}</span>}
                    {r.ip && <span className="block text-sm text-muted">{r.ip}</span>}
                  </Td>
                  <Td>
                    {auditActionLabel(r.action)}
                    <span className="block font-mono text-sm text-muted">{r.action}</span>
                  </Td>
                  <Td>
                    <Tag tone={outcomeTones[r.outcome]}>{auditOutcomeLabels[r.outcome]}</Tag>
                    {r.reason && <span className="block text-sm text-muted">{r.reason}</span>}
                  </Td>
                  <Td className="break-all">
                    {r.personId ? (
                      <>
                        {r.personCrn && <span className="block font-mono">{r.personCrn}</span>}
                        <span className="block font-mono text-sm text-muted">{r.personId}</span>
                      </>
                    ) : (
                      <span className="text-muted">None</span>
                    )}
                  </Td>
                  <Td className="break-all">{r.entityType ? `${r.entityType} ${r.entityId ?? ""}` : <span className="text-muted">None</span>}</Td>
                </tr>
              ))}
            </Table>
          )}
          <Pagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={(page) => href("/admin/audit", { ...params, page })} />
        </section>
      )}
    </>
  );
}
