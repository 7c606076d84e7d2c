import { z } from "zod";
import { isValidCrn, normaliseCrn } from "../crn";
import { messages } from "../messages";
import { isValidNhsNumber, normaliseNhsNumber } from "../nhs-number";
import { ethnicGroups, orderTypes, sexesRegisteredAtGp } from "../people";
import { checkbox, choice, combineDateParts, dateOfBirthField, idempotencyKeyField, optionalText, optionalUuid, text, uuidField, versionField } from "./fields";

const personFields = {
  givenName: text("given name"),
  familyName: text("family name"),
  dateOfBirth: dateOfBirthField,
  crn: z.preprocess((v) => (typeof v === "string" ? normaliseCrn(v) : ""), z.string().min(1, messages.required("a CRN")).refine(isValidCrn, messages.crnFormat)),
  nhsNumber: z
    .preprocess((v) => (typeof v === "string" ? normaliseNhsNumber(v) : ""), z.string())
    .superRefine((v, ctx) => {
      if (v === "") return;
      if (!/^\d{10}$/.test(v)) ctx.addIssue({ code: "custom", message: messages.nhsFormat });
      else if (!isValidNhsNumber(v)) ctx.addIssue({ code: "custom", message: messages.nhsCheckDigit });
    })
    .transform((v) => (v === "" ? null : v)),
  sexRegisteredAtGp: choice(sexesRegisteredAtGp, "the sex registered at the GP practice"),
  genderIdentity: optionalText(100),
  ethnicGroup: choice(ethnicGroups, "an ethnic group, or Not stated"),
  orderType: choice(orderTypes, "the order or licence type"),
  siteId: uuidField("a site"),
  assignedOfficerId: optionalUuid,
  requirementMHTR: checkbox,
  requirementDRR: checkbox,
  requirementATR: checkbox,
};

export const createPersonSchema = z.preprocess(combineDateParts(["dateOfBirth"]), z.object({ ...personFields, idempotencyKey: idempotencyKeyField }));
export type CreatePersonInput = z.output<typeof createPersonSchema>;

export const updatePersonSchema = z.preprocess(
  combineDateParts(["dateOfBirth"]),
  z.object({ ...personFields, personId: z.uuid(), version: versionField }),
);
export type UpdatePersonInput = z.output<typeof updatePersonSchema>;

/** Field order on the form, for the error summary. */
export const personFieldOrder = [
  "givenName",
  "familyName",
  "dateOfBirth",
  "crn",
  "nhsNumber",
  "sexRegisteredAtGp",
  "genderIdentity",
  "ethnicGroup",
  "orderType",
  "siteId",
  "assignedOfficerId",
];
