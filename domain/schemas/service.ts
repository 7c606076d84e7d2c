import { z } from "zod";
import { commissionerTypes, serviceCategories, type CommissionerType, type ServiceCategory } from "../referrals";
import { choice, idempotencyKeyField, optionalText, text, uuidField, versionField } from "./fields";

/**
 * Who usually commissions each kind of service (DOMAIN.md "Referrals"); a hint on the form, not a
 * rule: local arrangements differ (GP, dental and optometry commissioning has moved from NHS
 * England to the ICBs, and a council may run housing options itself).
 */
export const usualCommissioners: Record<ServiceCategory, readonly CommissionerType[]> = {
  gp_primary_care: ["icb", "nhs_england"],
  talking_therapies: ["icb"],
  community_mental_health: ["icb"],
  crisis: ["icb"],
  drug_alcohol: ["local_authority"],
  stop_smoking: ["local_authority"],
  sexual_health: ["local_authority"],
  liaison_diversion: ["nhs_england_health_justice"],
  dental: ["icb", "nhs_england"],
  optometry: ["icb", "nhs_england"],
  social_care: ["local_authority"],
  housing: ["voluntary_sector", "local_authority"],
  other: ["voluntary_sector"],
};

const serviceFields = {
  name: text("the name of the service", 150),
  category: choice(serviceCategories, "the kind of service"),
  commissionerType: choice(commissionerTypes, "who commissions the service"),
  contact: optionalText(200),
  address: optionalText(300),
};

export const createServiceSchema = z.object({ idempotencyKey: idempotencyKeyField, siteId: uuidField("a site"), ...serviceFields });
export type CreateServiceInput = z.output<typeof createServiceSchema>;

/** A service stays at the site it was created for: referrals made to it belong to that site. */
export const updateServiceSchema = z.object({ serviceId: z.uuid(), version: versionField, ...serviceFields });
export type UpdateServiceInput = z.output<typeof updateServiceSchema>;

export const serviceFieldOrder = ["siteId", "name", "category", "commissionerType", "contact", "address"];

export const setServiceActiveSchema = z.object({
  serviceId: z.uuid(),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetServiceActiveInput = z.output<typeof setServiceActiveSchema>;
