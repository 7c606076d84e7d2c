import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { BookAppointmentForm } from "@/components/forms/book-appointment-form";
import { BackLink } from "@/components/ui/back-link";
import { appointmentKinds } from "@/domain/appointments";
import { appointmentKindPermission, can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getPerson } from "@/server/people/queries";
import { listMySites } from "@/server/sites/queries";
import { bookAppointmentAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Book an appointment" };

export default async function BookAppointmentPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "appointment:create")) forbidden();
  const { personId } = await params;
  const person = await forPage(getPerson({ ctx, personId, audit: false }));
  const sites = await forPage(listMySites({ ctx }));
  const kinds = appointmentKinds.filter((k) => can(ctx.user.role, appointmentKindPermission(k)));
  const kind = kinds[0];
  if (!kind) forbidden();
  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${person.givenName} ${person.familyName}`}</BackLink>
      <span className="block text-lg text-muted">
        {person.givenName} {person.familyName}, CRN {person.crn}
      </span>
      <h1 className="h1">Book an appointment</h1>
      <div className="max-w-2xl">
        <BookAppointmentForm
          action={bookAppointmentAction}
          sites={sites}
          kinds={kinds}
          initialValues={{ idempotencyKey: newIdempotencyKey(), personId: person.id, siteId: person.siteId, kind, durationMinutes: kind === "health" ? "30" : "45", clinicianAttends: kind === "health" ? "on" : "" }}
        />
      </div>
    </>
  );
}
