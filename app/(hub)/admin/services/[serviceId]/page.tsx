import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ServiceForm } from "@/components/forms/service-form";
import { ServiceStatusForm } from "@/components/forms/service-status-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getService } from "@/server/services/queries";
import { setServiceActiveAction, updateServiceAction } from "./actions";

export const metadata: Metadata = { title: "Service" };

export default async function ServicePage({ params, searchParams }: { params: Promise<{ serviceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "service:manage")) forbidden();
  const { serviceId } = await params;
  const sp = await searchParams;
  const service = await forPage(getService({ ctx, serviceId }));

  return (
    <>
      <BackLink href="/admin/services">Back to services</BackLink>
      {param(sp.created) && <Notice title={`${service.name} has been added`} />}
      {param(sp.updated) && <Notice title="Service saved" />}
      {param(sp.deactivated) && <Notice title="Service deactivated"><p>It is no longer offered for new referrals.</p></Notice>}
      {param(sp.reactivated) && <Notice title="Service reactivated" />}
      <span className="block text-lg text-muted">{service.siteName}</span>
      <h1 className="h1">{service.name}</h1>
      <p className="mb-6 flex flex-wrap items-center gap-2">
        {service.active ? <Tag tone="green">Active</Tag> : <Tag tone="grey">Deactivated</Tag>}
        <span className="text-muted">Last changed {formatDateTime(service.updatedAt)}</span>
      </p>

      <section aria-labelledby="details-heading" className="max-w-2xl">
        <h2 id="details-heading" className="h2">
          Details
        </h2>
        <ServiceForm
          key={service.version}
          mode="edit"
          action={updateServiceAction}
          initialValues={{
            serviceId: service.id,
            version: String(service.version),
            name: service.name,
            category: service.category,
            commissionerType: service.commissionerType,
            contact: service.contact ?? "",
            address: service.address ?? "",
          }}
        />
      </section>

      <section aria-labelledby="status-heading" className="mt-8 max-w-2xl">
        <h2 id="status-heading" className="h2">
          Referrals
        </h2>
        <ServiceStatusForm key={String(service.active)} action={setServiceActiveAction} serviceId={service.id} active={service.active} name={service.name} />
      </section>
    </>
  );
}
