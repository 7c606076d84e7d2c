/** What the dashboards say to the user when something is wrong (kept together, as domain/messages.ts does for the rest). */
export const dashboardMessages = {
  fromMissing: "Enter the start date",
  fromNotReal: "Start date must be a real date",
  fromTooEarly: "Start date must be on or after 1 January 2000",
  toMissing: "Enter the end date",
  toNotReal: "End date must be a real date",
  toInFuture: "End date must be today or in the past",
  fromAfterTo: "Start date must be the same as or before the end date",
  siteNotYours: "Choose sites you work at",
  suppressed: "Suppressed: fewer than 5, or hidden so that a figure of fewer than 5 cannot be worked out",
} as const;
