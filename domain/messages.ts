/** Every message a user reads when something is wrong, in one place (STYLE.md 14). */
export const messages = {
  required: (what: string) => `Enter ${what}`,
  choose: (what: string) => `Select ${what}`,
  crnFormat: "Enter a CRN as one capital letter then six digits, like X123456",
  crnTaken: "A person with this CRN already exists",
  nhsFormat: "Enter an NHS number with 10 digits, like 999 123 4567",
  nhsCheckDigit: "Enter a valid NHS number: this one fails the check digit, so it may be mistyped",
  nhsTaken: "A person with this NHS number already exists",
  dobReal: "Date of birth must be a real date",
  dobPast: "Date of birth must be in the past",
  dobPlausible: "Date of birth must be for someone aged 16 to 110",
  dateReal: "Date must be a real date",
  timeFormat: "Enter a time as hours and minutes on the 24-hour clock, like 14:30",
  timeNotExists: "That time does not exist in the UK: the clocks go forward at 1am",
  siteNotYours: "Select a site you work at",
  officerNotAtSite: "Select an officer who works at this site",
  emailFormat: "Enter an email address in the correct format, like name@example.nhs.uk",
  emailTaken: "A user with this email address already exists",
  passwordLength: "Password must be between 12 and 128 characters",
  signInFailed: "Enter a correct email address and password",
  conflict:
    "This record changed since you opened it. Your changes have not been saved: reload the page to see the latest details, then make your changes again.",
  notFound: "Page not found",
  forbidden: "You do not have permission to do that",
  unexpected: "Sorry, there is a problem with the service. Try again later.",
  outcomeAlready: "An outcome has already been recorded for this appointment",
  outcomeFuture: "You cannot record attendance for an appointment that has not started yet",
} as const;

export const appointmentMessages = {
  inPast: "The appointment must be in the future",
  tooFar: "The appointment must be within the next 2 years",
} as const;

export const userMessages = {
  chooseSites: "Select at least one site",
  sitesNotYours: "Select only sites you work at",
  cannotDisableSelf: "You cannot disable your own account: ask another administrator",
  cannotChangeOwnAccess: "You cannot change your own role or sites: ask another administrator",
} as const;

export const healthMessages = {
  noHubCareConsent: "This person has not consented to care from the hub. Record their consent before starting a health check.",
  noSharingConsent: "This person has not agreed to share health information with probation.",
} as const;
