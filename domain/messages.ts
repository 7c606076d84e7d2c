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

/** Consent, GP registration and screening on the health record. */
export const healthRecordMessages = {
  notInFuture: (what: string) => `${what} must be today or in the past`,
  withdrawalBeforeConsent: "The date of withdrawal must be on or after the date consent was given",
  consentNotWithdrawable:
    "This consent cannot be withdrawn: it was refused, has already been withdrawn, or a later conversation replaced it. Reload the page to see the latest.",
  noHubCareConsent: "Nothing has been saved: this person has not consented to care from the hub. Record their consent first.",
  odsFormat: "Enter an ODS code as one letter then five digits, like A81001",
  barrierUnknown: "Select barriers from the list",
  registeredBeforeSupport: "The date registered must be on or after the date support started",
  registeredOnOnlyIfRegistered: "Leave the date registered blank unless the person is registered with a GP",
  resultBeforeAttended: "The date the result was received must be on or after the date attended",
} as const;

export const healthCheckMessages = {
  chooseAnswer: (question: string) => `Select an answer for ${question}`,
  chooseAppointment: "Select the appointment this health check belongs to, or Not linked to an appointment",
  appointmentNotLinkable: "Select one of this person's appointments from the last 14 days or today",
  smokingStatus: "Select whether they smoke now, used to smoke, or have never smoked",
  vapes: "Select whether they vape",
  hsiTimeToFirst: "Select how soon after waking they smoke their first cigarette",
  hsiCigarettesPerDay: "Select how many cigarettes they smoke a day",
  briefAdvice: "Select whether very brief advice was given",
  referralOffered: "Select whether a referral to the stop smoking service was offered",
  referralAccepted: "Select whether the referral was accepted",
  noneAndOthers: "Select None on its own, or untick it",
  drugFrequency: (substance: string) => `Select how often they used ${substance.toLowerCase()}`,
  everInjected: "Select whether they have ever injected drugs",
  injectingNow: "Select whether they inject now",
  inTreatment: "Select whether they are in drug treatment now",
  onOst: "Select whether they are on opioid substitution therapy",
  currentThoughts: "Select whether they have thoughts of suicide or self-harm now",
  recentSelfHarm: "Select whether they have self-harmed in the last 3 months",
  selfHarmAction: "Select the action taken",
  conditionBasis: (condition: string) => `Select how ${condition} is known, or Not recorded`,
  dentist: "Select whether they are registered with a dentist",
  number: (what: string) => `Enter ${what} as a number`,
  wholeNumber: (what: string) => `Enter ${what} as a whole number`,
  between: (what: string, min: number, max: number, unit: string) => `${what[0]?.toUpperCase()}${what.slice(1)} must be between ${min} and ${max}${unit}`,
  systolicAboveDiastolic: "The systolic (top) number must be higher than the diastolic (bottom) number",
  alreadyCompleted: "This health check has been completed, so its answers can no longer be changed.",
  sectionsIncomplete: (sections: string[]) => `Complete every section before finishing the health check. Not complete yet: ${sections.join(", ")}.`,
  alertAction: "Select the action taken",
  alertNoteForOther: "Enter what was done",
  alertAlreadyActioned: "An action has already been recorded for this alert.",
} as const;
