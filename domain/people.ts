export const sexesRegisteredAtGp = ["female", "male", "indeterminate", "not_known"] as const;
export type SexRegisteredAtGp = (typeof sexesRegisteredAtGp)[number];
export const sexLabels: Record<SexRegisteredAtGp, string> = {
  female: "Female",
  male: "Male",
  indeterminate: "Indeterminate",
  not_known: "Not known",
};

export const orderTypes = ["community_order", "suspended_sentence_order", "licence", "post_sentence_supervision"] as const;
export type OrderType = (typeof orderTypes)[number];
export const orderTypeLabels: Record<OrderType, string> = {
  community_order: "Community order",
  suspended_sentence_order: "Suspended sentence order",
  licence: "Licence",
  post_sentence_supervision: "Post-sentence supervision",
};

export const requirementKinds = ["MHTR", "DRR", "ATR"] as const;
export type RequirementKind = (typeof requirementKinds)[number];
export const requirementLabels: Record<RequirementKind, string> = {
  MHTR: "Mental health treatment requirement (MHTR)",
  DRR: "Drug rehabilitation requirement (DRR)",
  ATR: "Alcohol treatment requirement (ATR)",
};

/** ONS 2021 census high-level ethnic groups, as used in NHS data sets. */
export const ethnicGroups = ["asian", "black", "mixed", "white", "other", "not_stated"] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];
export const ethnicGroupLabels: Record<EthnicGroup, string> = {
  asian: "Asian or Asian British",
  black: "Black, Black British, Caribbean or African",
  mixed: "Mixed or multiple ethnic groups",
  white: "White",
  other: "Other ethnic group",
  not_stated: "Not stated",
};
