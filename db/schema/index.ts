export * from "./enums";
export * from "./sites";
export * from "./users";
export * from "./people";
export * from "./appointments";
export * from "./audit";
export * from "./health";
export * from "./referrals";
