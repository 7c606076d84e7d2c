"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { setServiceActiveSchema } from "@/domain/schemas/service";

/**
 * One button: take the service off the referral form, or put it back. The page redirects back to
 * itself afterwards, so give it a key that changes with `active` to start afresh.
 */
export function ServiceStatusForm({ action, serviceId, active, name }: { action: ServerFormAction; serviceId: string; active: boolean; name: string }) {
  const wanted = String(!active);
  const { state, formAction, pending, formRef, onSubmit, errorLinks } = useServerForm(setServiceActiveSchema, action, { serviceId, active: wanted });

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(["active"], { active: "service-status-button" })} formError={state.formError}>
      <input type="hidden" name="serviceId" defaultValue={serviceId} />
      <input type="hidden" name="active" defaultValue={wanted} />
      <p className="mb-4">
        {active
          ? `Deactivating stops clinicians choosing ${name} for new referrals. Referrals already made to it are kept.`
          : `${name} is not offered for new referrals. Reactivating offers it again.`}
      </p>
      <div id="service-status-button" tabIndex={-1}>
        <SubmitButton pending={pending} className={active ? "btn-warning" : "btn-secondary"}>
          {active ? "Deactivate service" : "Reactivate service"}
        </SubmitButton>
      </div>
    </FormShell>
  );
}
