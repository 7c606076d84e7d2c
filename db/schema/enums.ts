import { pgEnum } from "drizzle-orm/pg-core";
import { roles } from "@/domain/roles";
import { ethnicGroups, orderTypes, requirementKinds, sexesRegisteredAtGp } from "@/domain/people";
import { allAppointmentTypes, appointmentKinds, appointmentOutcomes } from "@/domain/appointments";

export const roleEnum = pgEnum("role", roles);
export const sexRegisteredAtGpEnum = pgEnum("sex_registered_at_gp", sexesRegisteredAtGp);
export const orderTypeEnum = pgEnum("order_type", orderTypes);
export const requirementKindEnum = pgEnum("requirement_kind", requirementKinds);
export const ethnicGroupEnum = pgEnum("ethnic_group", ethnicGroups);
export const appointmentKindEnum = pgEnum("appointment_kind", appointmentKinds);
export const appointmentTypeEnum = pgEnum("appointment_type", allAppointmentTypes);
export const appointmentOutcomeEnum = pgEnum("appointment_outcome", appointmentOutcomes);
export const auditOutcomeEnum = pgEnum("audit_outcome", ["success", "denied", "failure"]);
