import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PersonForm } from "@/components/forms/person-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getPerson, type PersonDetails } from "@/server/people/queries";
import { listMySites, listOfficers } from "@/server/sites/queries";
import { updatePersonAction } from "./actions";

export const metadata: Metadata = { title: "Change a person's details" };

function toFormValues(p: PersonDetails): Record<string, string> {
  const [year = "", month = "", day = ""] = p.dateOfBirth.split("-");
  const values: Record<string, string> = {
    personId: p.id,
    version: String(p.version),
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirthDay: String(Number(day)),
    dateOfBirthMonth: String(Number(month)),
    dateOfBirthYear: year,
    crn: p.crn,
    nhsNumber: p.nhsNumber ?? "",
    sexRegisteredAtGp: p.sexRegisteredAtGp,
    genderIdentity: p.genderIdentity ?? "",
    ethnicGroup: p.ethnicGroup,
    orderType: p.orderType,
    siteId: p.siteId,
    assignedOfficerId: p.assignedOfficerId ?? "",
  };
  for (const r of p.requirements) values[`requirement${r.kind}`] = "on";
  return values;
}

export default async function EditPersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "person:update")) forbidden();
  const { personId } = await params;
  const person = await forPage(getPerson({ ctx, personId }));
  const [sites, officers] = await Promise.all([forPage(listMySites({ ctx })), forPage(listOfficers({ ctx }))]);
  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${person.givenName} ${person.familyName}`}</BackLink>
      <h1 className="h1">Change details for {person.givenName} {person.familyName}</h1>
      <div className="max-w-2xl">
        <PersonForm mode="edit" action={updatePersonAction} sites={sites} officers={officers} initialValues={toFormValues(person)} />
      </div>
    </>
  );
}
