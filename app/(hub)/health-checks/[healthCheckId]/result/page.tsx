import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList, type SummaryRow } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { appointmentTypeLabels } from "@/domain/appointments";
import { formatDateTime } from "@/domain/dates";
import { alertActionLabels, alertKindLabels } from "@/domain/health";
import { conditionAnswerLabels, dentistAnswerLabels, selectedSubstances, smokingStatusLabels } from "@/domain/health-check";
import { can } from "@/domain/permissions";
import {
  drugFrequencyLabels,
  drugSubstanceLabels,
  frequencyChoices,
  hsiCigarettesPerDay,
  hsiTimeToFirst,
  neurodivergentConditionLabels,
  neurodivergentConditions,
  reasonableAdjustmentLabels,
  selfHarmActionLabels,
  type ReasonableAdjustment,
} from "@/domain/questionnaires";
import { conditionKey, drugFrequencyKey } from "@/domain/schemas/health-check";
import { auditCMeaning, bandMeaning, bmiBand } from "@/domain/scoring";
import { requireCtx } from "@/server/context";
import { getHealthCheck } from "@/server/health-checks/queries";
import { forPage } from "@/server/page-guard";

export const metadata: Metadata = { title: "Health check result" };

const notAnswered = <span className="text-muted">Not answered</span>;
const yesNo = (v: boolean | null): ReactNode => (v === null ? notAnswered : v ? "Yes" : "No");

function Score({ score, meaning }: { score: number | null; meaning: string | null }) {
  if (score === null) return notAnswered;
  return (
    <>
      <span className="font-bold">{score}</span>
      {meaning && <span className="block">{meaning}</span>}
    </>
  );
}

function Section({ id, title, rows }: { id: string; title: string; rows: SummaryRow[] }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`} className="h2">
        {title}
      </h2>
      <SummaryList rows={rows} />
    </section>
  );
}

export default async function HealthCheckResultPage({
  params,
  searchParams,
}: {
  params: Promise<{ healthCheckId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { healthCheckId } = await params;
  const sp = await searchParams;
  const check = await forPage(getHealthCheck({ ctx, healthCheckId, view: "result" }));
  if (check.status !== "completed") redirect(`/health-checks/${check.id}`);
  const { answers, scores } = check;
  const { smoking, drugs, self_harm: selfHarm, neurodiversity, physical, mood } = answers;
  const canAction = can(ctx.user.role, "health:write");

  const used = selectedSubstances(drugs);
  const conditions = neurodivergentConditions.flatMap((c) => {
    const basis = neurodiversity[conditionKey(c)];
    if (basis !== "self_declared" && basis !== "confirmed") return [];
    const name = c === "other" && neurodiversity.conditionOther ? `Other: ${neurodiversity.conditionOther}` : neurodivergentConditionLabels[c];
    return [`${name} (${conditionAnswerLabels[basis].toLowerCase()})`];
  });
  const adjustments = (neurodiversity.adjustments ?? []).filter((a): a is ReasonableAdjustment => a !== "none");
  const item9Label = frequencyChoices.find((c) => c.value === mood.phq9)?.label;

  return (
    <>
      <BackLink href={`/people/${check.personId}`}>{`Back to ${check.personName}`}</BackLink>
      {param(sp.completed) && <Notice title="Health check completed" />}
      <span className="block text-lg text-muted">
        {check.personName}, CRN {check.crn}
      </span>
      <h1 className="h1">Health check result</h1>

      {check.alerts.length > 0 && (
        <section aria-labelledby="alerts-heading" className="mb-6 border-l-8 border-danger bg-white p-5">
          <h2 id="alerts-heading" className="h2">
            Alerts
          </h2>
          <ul className="list-none space-y-4">
            {check.alerts.map((a) => (
              <li key={a.id}>
                <p className="mb-1 font-semibold">{alertKindLabels[a.kind]}</p>
                <p className="mb-1">
                  Raised {formatDateTime(a.raisedAt)}.{" "}
                  {a.actionedAt && a.action ? (
                    <>
                      <Tag tone="green">Actioned</Tag> {alertActionLabels[a.action]}, {formatDateTime(a.actionedAt)}.
                    </>
                  ) : (
                    <Tag tone="red">Action needed</Tag>
                  )}
                </p>
                <Link href={`/alerts/${a.id}`}>{!a.actionedAt && canAction ? "Record the action taken" : "View the alert"}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="card">
        <SummaryList
          rows={[
            { key: "Completed", value: check.completedAt ? `${formatDateTime(check.completedAt)}${check.completedByName ? ` by ${check.completedByName}` : ""}` : notAnswered },
            { key: "Started", value: `${formatDateTime(check.startedAt)} by ${check.startedByName}` },
            {
              key: "Appointment",
              value: check.appointment ? (
                <Link href={`/appointments/${check.appointment.id}`}>
                  {appointmentTypeLabels[check.appointment.type]}, {formatDateTime(check.appointment.startsAt)}
                </Link>
              ) : (
                <span className="text-muted">Not linked to an appointment</span>
              ),
            },
            { key: "Site", value: check.siteName },
          ]}
        />
      </div>

      <Section
        id="smoking"
        title="Smoking and vaping"
        rows={[
          { key: "Smoking", value: scores.smokingStatus ? smokingStatusLabels[scores.smokingStatus] : notAnswered },
          { key: "Vapes", value: yesNo(scores.vapes) },
          ...(smoking.status === "current"
            ? [
                { key: "Heaviness of Smoking Index", value: <Score score={scores.hsiScore} meaning={scores.hsiBand && bandMeaning.hsi[scores.hsiBand]} /> },
                { key: "First cigarette after waking", value: hsiTimeToFirst.find((o) => o.value === smoking.hsiTimeToFirst)?.label ?? notAnswered },
                { key: "Cigarettes a day", value: hsiCigarettesPerDay.find((o) => o.value === smoking.hsiCigarettesPerDay)?.label ?? notAnswered },
                { key: "Very brief advice given", value: yesNo(smoking.briefAdvice) },
                { key: "Stop smoking referral", value: smoking.referralOffered ? `Offered, ${smoking.referralAccepted ? "accepted" : "not accepted"}` : smoking.referralOffered === false ? "Not offered" : notAnswered },
              ]
            : []),
        ]}
      />

      <Section
        id="alcohol"
        title="Alcohol"
        rows={[
          { key: "AUDIT-C", value: <Score score={scores.auditCScore} meaning={scores.auditCPositive === null ? null : auditCMeaning(scores.auditCPositive)} /> },
          {
            key: "AUDIT",
            value: scores.auditCPositive ? <Score score={scores.auditScore} meaning={scores.auditBand && bandMeaning.audit[scores.auditBand]} /> : <span className="text-muted">Not needed: AUDIT-C under 5</span>,
          },
        ]}
      />

      <Section
        id="drugs"
        title="Drug use (last 3 months)"
        rows={[
          {
            key: "Drugs used",
            value:
              drugs.substances === null ? (
                notAnswered
              ) : used.length === 0 ? (
                "None"
              ) : (
                <ul className="list-none">
                  {used.map((s) => {
                    const frequency = drugs[drugFrequencyKey(s)];
                    return (
                      <li key={s}>
                        {s === "other" && drugs.otherSubstance ? `Other: ${drugs.otherSubstance}` : drugSubstanceLabels[s]}
                        {frequency && <span className="text-muted">, {drugFrequencyLabels[frequency].toLowerCase()}</span>}
                      </li>
                    );
                  })}
                </ul>
              ),
          },
          { key: "Ever injected", value: yesNo(drugs.everInjected) },
          ...(drugs.everInjected ? [{ key: "Injecting now", value: yesNo(drugs.injectingNow) }] : []),
          { key: "In drug treatment now", value: yesNo(drugs.inTreatment) },
          { key: "On opioid substitution therapy", value: yesNo(drugs.onOst) },
        ]}
      />

      <Section
        id="mood"
        title="Mood and anxiety"
        rows={[
          { key: "PHQ-9 (depression)", value: <Score score={scores.phq9Score} meaning={scores.phq9Band && bandMeaning.phq9[scores.phq9Band]} /> },
          {
            key: "PHQ-9 question 9",
            value: (
              <>
                {item9Label ?? notAnswered}
                {(mood.phq9 ?? 0) > 0 && <span className="block font-semibold">Above 0: same-day clinical review needed</span>}
              </>
            ),
          },
          {
            key: "GAD-7 (anxiety)",
            value: (
              <>
                <Score score={scores.gad7Score} meaning={scores.gad7Band && bandMeaning.gad7[scores.gad7Band]} />
                {scores.gad7Score !== null && scores.gad7Score >= 10 && <span className="block font-semibold">10 or more: further assessment</span>}
              </>
            ),
          },
        ]}
      />

      <Section
        id="self-harm"
        title="Self-harm and suicide"
        rows={[
          { key: "Thoughts of suicide or self-harm now", value: yesNo(selfHarm.currentThoughts) },
          { key: "Self-harm in the last 3 months", value: yesNo(selfHarm.recentSelfHarm) },
          { key: "Action taken", value: selfHarm.action ? selfHarmActionLabels[selfHarm.action] : notAnswered },
          ...(selfHarm.note ? [{ key: "Note", value: <span className="whitespace-pre-line">{selfHarm.note}</span> }] : []),
        ]}
      />

      <Section
        id="neurodiversity"
        title="Neurodivergence, disability and adjustments"
        rows={[
          { key: "Conditions", value: conditions.length ? <ul className="list-none">{conditions.map((c) => <li key={c}>{c}</li>)}</ul> : "None recorded" },
          {
            key: "Reasonable adjustments",
            value:
              neurodiversity.adjustments === null ? (
                notAnswered
              ) : adjustments.length === 0 ? (
                "None needed"
              ) : (
                <ul className="list-none">
                  {adjustments.map((a) => (
                    <li key={a}>{a === "other" && neurodiversity.adjustmentsOther ? `Other: ${neurodiversity.adjustmentsOther}` : reasonableAdjustmentLabels[a]}</li>
                  ))}
                </ul>
              ),
          },
        ]}
      />

      <Section
        id="physical"
        title="Physical health"
        rows={[
          { key: "Height", value: physical.heightCm === null ? notAnswered : `${physical.heightCm} cm` },
          { key: "Weight", value: physical.weightKg === null ? notAnswered : `${physical.weightKg} kg` },
          { key: "BMI", value: <Score score={scores.bmi} meaning={scores.bmi === null ? null : bandMeaning.bmi[bmiBand(scores.bmi)]} /> },
          { key: "Blood pressure", value: physical.systolic !== null && physical.diastolic !== null ? `${physical.systolic}/${physical.diastolic} mmHg` : notAnswered },
          { key: "Long-term conditions", value: physical.longTermConditions ? <span className="whitespace-pre-line">{physical.longTermConditions}</span> : "None recorded" },
          { key: "A&E attendances in the last 12 months", value: physical.aeAttendances === null ? notAnswered : String(physical.aeAttendances) },
          { key: "Registered with a dentist", value: physical.dentist ? dentistAnswerLabels[physical.dentist] : notAnswered },
        ]}
      />
    </>
  );
}
