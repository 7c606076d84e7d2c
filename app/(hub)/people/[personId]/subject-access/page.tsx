import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { formatDateTime } from "@/domain/dates";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getSubjectAccessReport } from "@/server/subject-access/gather";
import { PrintButton } from "./_components/print-button";
import { fieldLabel, RecordValue } from "./_components/record-value";

export const metadata: Metadata = { title: "Subject access report" };

// On paper: no service header, navigation or links to other pages; sections may break across pages, records not.
const printCss = `@media print {
  header, nav, .print\\:hidden { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  .sar-record { break-inside: avoid; }
  a[href]::after { content: none; }
}`;

export default async function SubjectAccessPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx();
  const { personId } = await params;
  const report = await forPage(getSubjectAccessReport({ ctx, input: { personId, purpose: "view" } }));
  const { person } = report;
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <style>{printCss}</style>
      <div className="print:hidden">
        <BackLink href={`/people/${person.id}`}>{`Back to ${fullName}`}</BackLink>
      </div>
      <span className="block text-lg text-muted">CRN {person.crn}</span>
      <h1 className="h1">Subject access report: {fullName}</h1>
      <p className="mb-2">Everything the Probation Health Hub holds about {fullName}, as of {formatDateTime(new Date(report.generatedAt))}.</p>
      <p className="mb-4 max-w-3xl text-muted">
        Before handing this over, check it for information about other people (for example what someone else said) that may need to be removed, as the
        subject access guidance asks.
      </p>
      <div className="mb-8 flex flex-wrap gap-4 print:hidden">
        <PrintButton />
        <a href={`/people/${person.id}/subject-access/export`} className="btn-secondary" download>
          Download JSON
        </a>
      </div>

      <nav aria-label="Sections" className="mb-8 print:hidden">
        <h2 className="h3">Contents</h2>
        <ul className="list-disc pl-6">
          {report.sections.map((s) => (
            <li key={s.key}>
              <a href={`#${s.key}`}>
                {s.title} ({s.records.length})
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {report.sections.map((section) => (
        <section key={section.key} id={section.key} aria-labelledby={`${section.key}-heading`} className="mb-8">
          <h2 id={`${section.key}-heading`} className="h2">
            {section.title}
          </h2>
          {section.records.length === 0 ? (
            <p>None held.</p>
          ) : (
            <ol className="list-none space-y-4">
              {section.records.map((record, i) => (
                <li key={i} className="sar-record border border-line p-3">
                  <h3 className="sr-only">
                    {section.title}, record {i + 1} of {section.records.length}
                  </h3>
                  <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[14rem_1fr]">
                    {Object.entries(record).map(([key, value]) => (
                      <div key={key} className="contents">
                        <dt className="font-semibold">{fieldLabel(key)}</dt>
                        <dd>
                          <RecordValue value={value} staff={report.staff} />
                        </dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </>
  );
}
