import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { href, param } from "@/components/ui/href";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { auditActionLabel, auditOutcomeLabels } from "@/domain/audit-actions";
import { formatDateTime } from "@/domain/dates";
import { roleLabels } from "@/domain/roles";
import { getPersonHistory, type HistoryFilter } from "@/server/audit/person-history";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";

export const metadata: Metadata = { title: "Who has viewed or changed this record" };

const filters: { value: HistoryFilter; label: string }[] = [
  { value: "all", label: "Everything" },
  { value: "view", label: "Views" },
  { value: "change", label: "Changes" },
];

const outcomeTones = { success: "green", denied: "red", failure: "yellow" } as const;

export default async function PersonHistoryPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  const { personId } = await params;
  const sp = await searchParams;
  const requested = param(sp.show);
  const history = await forPage(
    getPersonHistory({ ctx, input: { personId, page: Number.parseInt(param(sp.page) ?? "1", 10) || 1, filter: requested === "view" || requested === "change" ? requested : "all" } }),
  );
  const { person } = history;
  const fullName = `${person.givenName} ${person.familyName}`;
  const base = `/people/${person.id}/history`;

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${fullName}`}</BackLink>
      <span className="block text-lg text-muted">CRN {person.crn}</span>
      <h1 className="h1">Who has viewed or changed this record</h1>
      <p className="mb-4 max-w-3xl">
        Every time someone opens or changes {fullName}&apos;s record, or is refused, it is recorded here. Looking at this page is recorded too.
      </p>

      <nav aria-label="Show" className="mb-6">
        <ul className="flex list-none flex-wrap gap-4">
          {filters.map((f) => (
            <li key={f.value}>
              {history.filter === f.value ? (
                <span aria-current="page" className="font-bold">
                  {f.label}
                </span>
              ) : (
                <Link href={href(base, { show: f.value === "all" ? undefined : f.value })}>{f.label}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>

      {history.total === 0 ? (
        <p className="mb-6">Nothing to show.</p>
      ) : (
        <Table
          caption={<span className="sr-only">Audit events for {fullName}, newest first</span>}
          head={
            <>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>Role</Th>
              <Th>What</Th>
              <Th>Outcome</Th>
            </>
          }
        >
          {history.entries.map((e) => (
            <tr key={e.id}>
              <Td>{formatDateTime(e.at)}</Td>
              <Td>
                {e.actorName ?? <span className="text-muted">Unknown user</span>}
                {e.actorEmail && <span className="block break-all text-sm text-muted">{e.actorEmail}</span>}
              </Td>
              <Td>{e.actorRole ? roleLabels[e.actorRole] : <span className="text-muted">Not known</span>}</Td>
              <Td>{auditActionLabel(e.action)}</Td>
              <Td>
                <Tag tone={outcomeTones[e.outcome]}>{auditOutcomeLabels[e.outcome]}</Tag>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={history.page} pageCount={history.pageCount} total={history.total} hrefFor={(page) => href(base, { show: history.filter === "all" ? undefined : history.filter, page })} />
    </>
  );
}
