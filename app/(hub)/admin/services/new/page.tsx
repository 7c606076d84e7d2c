import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ServiceForm } from "@/components/forms/service-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listMySites } from "@/server/sites/queries";
import { createServiceAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Add a service" };

export default async function NewServicePage() {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "service:manage")) forbidden();
  const sites = await forPage(listMySites({ ctx }));
  const initialValues: Record<string, string> = sites.length === 1 && sites[0] ? { siteId: sites[0].id } : {};
  return (
    <>
      <BackLink href="/admin/services">Back to services</BackLink>
      <h1 className="h1">Add a service</h1>
      <div className="max-w-2xl">
        <ServiceForm mode="create" action={createServiceAction} sites={sites} initialValues={{ ...initialValues, idempotencyKey: newIdempotencyKey() }} />
      </div>
    </>
  );
}
