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
  submissionReused: "This form has already been used. Open the page again to start a new one.",
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

/** The services directory and treatment requirements (MHTR, DRR, ATR) with their court reviews. */
export const requirementMessages = {
  serviceNameTaken: "A service with this name already exists at this site",
  lengthMonths: "Enter the length of the requirement as a whole number of months, from 1 to 36",
  suitableNeeded: "Select whether the assessment found treatment suitable",
  assessedOnNeeded: "Enter the date of the suitability assessment",
  suitableMismatch: "The answer does not match the status: suitable goes with Assessed as suitable, not suitable with Assessed as not suitable",
  orderedButUnsuitable: "An order needs an assessment that found treatment suitable: record that assessment, or change the status",
  madeOnNeeded: "Enter the date the order was made",
  madeOnTooEarly: "Leave the date the order was made blank until the court makes it, or select Order made or a later status",
  lengthNeeded: "Enter the length of the requirement in months",
  providerNeeded: "Enter the named treatment provider: the court needs treatment arranged with a named provider",
  startedOnNeeded: "Enter the date treatment started",
  startedOnTooEarly: "Leave the date treatment started blank, or select Treatment started or a later status",
  completedOnNeeded: "Enter the date the requirement was completed",
  breachedOnNeeded: "Enter the date of the breach",
  endedOnTooEarly: "Leave the date completed or breached blank unless the status is Completed or Breached",
  assessedAfterOrder: "The suitability assessment must be on or before the date the order was made",
  startedBeforeOrder: "The date treatment started must be on or after the date the order was made",
  endedBeforeOrder: "The date completed or breached must be on or after the date the order was made",
  endedBeforeStart: "The date completed or breached must be on or after the date treatment started",
  alreadyOpen: (kind: string) => `This person already has a ${kind} that has not ended: update that one instead`,
  reviewNeedsOrder: "Record the date the order was made before recording a court review",
  reviewBeforeOrder: "The date of the review must be on or after the date the order was made",
  reviewAfterEnd: "The date of the review must be on or before the date the requirement was completed or breached",
  reviewDuplicate: "A court review on this date has already been recorded",
} as const;

/** Referrals, their worklists, and probation's "please see" requests. */
export const referralMessages = {
  chooseService: "Select the service to refer to",
  serviceNotAvailable: "Select an active service at this person's site",
  serviceInactive: "This service is no longer taking referrals. Close this draft and make a new referral to another service.",
  urgency: "Select how urgent the referral is",
  personAgreed: "Select whether the person agreed to this referral",
  agreeBeforeSending: "The person must agree to the referral before it is sent. Save it as a draft instead, or record that they agreed.",
  healthCheckNotLinkable: "The referral can only come from one of this person's completed health checks. Start again from the person's page.",
  chooseEvent: "Select what has happened",
  rejectionReason: "Enter why the service rejected the referral",
  closureReason: "Select why the referral is being closed",
  closureNoteForOther: "Enter why the referral is being closed",
  appointmentTooFar: "The first appointment must be within the next 2 years",
  noFirstAppointment: "No first appointment is linked to this referral. Reload the page to see the latest.",
  seeRequestReason: "Select why you are asking the hub to see this person",
  seeRequestOutcome: "Select whether the hub has seen the person or is closing the request",
  seeRequestHandled: "This request has already been dealt with. Reload the page to see the latest.",
} as const;

/** Sign-in protection, passwords and two-factor sign-in. */
export const authMessages = {
  // One message for a wrong password, an unknown email and a throttled account or address: the
  // answer must not say which.
  signInRefused:
    "Enter a correct email address and password. If you have tried several times, wait 15 minutes and try again, or ask your administrator for help.",
  passwordCommon: "Choose a password that is harder to guess: this one is on a list of common passwords",
  passwordSameAsEmail: "Choose a password that is not your email address",
  passwordsDiffer: "Enter the same new password twice",
  currentPasswordWrong: "Enter your current password correctly",
  newPasswordSame: "Choose a new password that is different from your current one",
  codeFormat: "Enter the 6-digit code from your authenticator app, or a 10-character recovery code",
  codeWrong: "Enter a correct code: the code may have expired, or it has already been used",
  enrolCodeFormat: "Enter the 6-digit code shown in your authenticator app",
  tooManyCodes: "Too many wrong codes. Wait 15 minutes and try again, or ask your administrator for help.",
  challengeExpired: "Your sign-in has timed out. Sign in again.",
} as const;

/** Session timeouts: what a user reads when their session has ended. */
export const sessionMessages = {
  // Shown on a form submitted after the session ended; what was typed stays in the form.
  sessionEnded: "Your session has ended. Sign in again in a new tab, then come back and submit again.",
  signedOutIdle: (minutes: number) => `You were signed out after ${minutes} minutes without activity`,
  signedOutAbsolute: (hours: number) => `You were signed out because you had been signed in for ${hours} hours`,
} as const;
