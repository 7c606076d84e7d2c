/**
 * The instruments' wording and answer values (DOMAIN.md). PHQ-9, GAD-7, AUDIT and the Heaviness
 * of Smoking Index are free to use. Answer values are the scores; scoring is in scoring.ts.
 */
export type Choice = { value: number; label: string };

export const phqGadStem = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";
export const frequencyChoices: Choice[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
];

export const phq9Items = [
  "Little interest or pleasure in doing things",
  "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much",
  "Feeling tired or having little energy",
  "Poor appetite or overeating",
  "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
  "Trouble concentrating on things, such as reading the newspaper or watching television",
  "Moving or speaking so slowly that other people could have noticed, or the opposite, being so fidgety or restless that you have been moving around a lot more than usual",
  "Thoughts that you would be better off dead, or of hurting yourself in some way",
] as const;

export const gad7Items = [
  "Feeling nervous, anxious or on edge",
  "Not being able to stop or control worrying",
  "Worrying too much about different things",
  "Trouble relaxing",
  "Being so restless that it is hard to sit still",
  "Becoming easily annoyed or irritable",
  "Feeling afraid, as if something awful might happen",
] as const;

const lastYearFrequency: Choice[] = [
  { value: 0, label: "Never" },
  { value: 1, label: "Less than monthly" },
  { value: 2, label: "Monthly" },
  { value: 3, label: "Weekly" },
  { value: 4, label: "Daily or almost daily" },
];
const injuryOrConcern: Choice[] = [
  { value: 0, label: "No" },
  { value: 2, label: "Yes, but not in the last year" },
  { value: 4, label: "Yes, during the last year" },
];

/** The 10 AUDIT items; the first three are AUDIT-C (UK units). */
export const auditItems: { question: string; choices: Choice[] }[] = [
  {
    question: "How often do you have a drink containing alcohol?",
    choices: [
      { value: 0, label: "Never" },
      { value: 1, label: "Monthly or less" },
      { value: 2, label: "2 to 4 times a month" },
      { value: 3, label: "2 to 3 times a week" },
      { value: 4, label: "4 or more times a week" },
    ],
  },
  {
    question: "How many units of alcohol do you drink on a typical day when you are drinking?",
    choices: [
      { value: 0, label: "0 to 2" },
      { value: 1, label: "3 to 4" },
      { value: 2, label: "5 to 6" },
      { value: 3, label: "7 to 9" },
      { value: 4, label: "10 or more" },
    ],
  },
  { question: "How often have you had 6 or more units if female, or 8 or more if male, on a single occasion in the last year?", choices: lastYearFrequency },
  { question: "How often during the last year have you found that you were not able to stop drinking once you had started?", choices: lastYearFrequency },
  { question: "How often during the last year have you failed to do what was normally expected from you because of your drinking?", choices: lastYearFrequency },
  { question: "How often during the last year have you needed an alcoholic drink in the morning to get yourself going after a heavy drinking session?", choices: lastYearFrequency },
  { question: "How often during the last year have you had a feeling of guilt or remorse after drinking?", choices: lastYearFrequency },
  { question: "How often during the last year have you been unable to remember what happened the night before because you had been drinking?", choices: lastYearFrequency },
  { question: "Have you or somebody else been injured as a result of your drinking?", choices: injuryOrConcern },
  { question: "Has a relative or friend, doctor or other health worker been concerned about your drinking or suggested that you cut down?", choices: injuryOrConcern },
];

export const hsiTimeToFirst = [
  { value: "within_5", label: "Within 5 minutes", score: 3 },
  { value: "6_30", label: "6 to 30 minutes", score: 2 },
  { value: "31_60", label: "31 to 60 minutes", score: 1 },
  { value: "after_60", label: "After 60 minutes", score: 0 },
] as const;
export type HsiTimeToFirst = (typeof hsiTimeToFirst)[number]["value"];

export const hsiCigarettesPerDay = [
  { value: "10_or_fewer", label: "10 or fewer", score: 0 },
  { value: "11_20", label: "11 to 20", score: 1 },
  { value: "21_30", label: "21 to 30", score: 2 },
  { value: "31_or_more", label: "31 or more", score: 3 },
] as const;
export type HsiCigarettesPerDay = (typeof hsiCigarettesPerDay)[number]["value"];

export const drugSubstances = ["cannabis", "cocaine_or_crack", "heroin_or_opioids", "benzodiazepines", "amphetamines", "synthetic_cannabinoids", "other"] as const;
export type DrugSubstance = (typeof drugSubstances)[number];
export const drugSubstanceLabels: Record<DrugSubstance, string> = {
  cannabis: "Cannabis",
  cocaine_or_crack: "Cocaine or crack",
  heroin_or_opioids: "Heroin or other opioids",
  benzodiazepines: "Benzodiazepines not as prescribed",
  amphetamines: "Amphetamines",
  synthetic_cannabinoids: "Spice or other synthetic cannabinoids",
  other: "Other",
};
export const drugFrequencies = ["once_or_twice", "monthly", "weekly", "daily"] as const;
export type DrugFrequency = (typeof drugFrequencies)[number];
export const drugFrequencyLabels: Record<DrugFrequency, string> = {
  once_or_twice: "Once or twice",
  monthly: "Monthly",
  weekly: "Weekly",
  daily: "Daily or almost daily",
};

export const neurodivergentConditions = ["adhd", "autism", "learning_disability", "acquired_brain_injury", "dyslexia", "other"] as const;
export type NeurodivergentCondition = (typeof neurodivergentConditions)[number];
export const neurodivergentConditionLabels: Record<NeurodivergentCondition, string> = {
  adhd: "ADHD",
  autism: "Autism",
  learning_disability: "Learning disability",
  acquired_brain_injury: "Acquired brain injury",
  dyslexia: "Dyslexia",
  other: "Other",
};
export const conditionBases = ["self_declared", "confirmed"] as const;
export type ConditionBasis = (typeof conditionBases)[number];

export const reasonableAdjustments = ["easy_read", "longer_appointments", "reminders", "quiet_space", "support_person", "interpreter", "other"] as const;
export type ReasonableAdjustment = (typeof reasonableAdjustments)[number];
export const reasonableAdjustmentLabels: Record<ReasonableAdjustment, string> = {
  easy_read: "Easy read information",
  longer_appointments: "Longer appointments",
  reminders: "Reminders before appointments",
  quiet_space: "A quiet space",
  support_person: "A support person present",
  interpreter: "An interpreter",
  other: "Other",
};

export const selfHarmActions = ["none_needed", "same_day_review", "safety_plan", "crisis_referral"] as const;
export type SelfHarmAction = (typeof selfHarmActions)[number];
export const selfHarmActionLabels: Record<SelfHarmAction, string> = {
  none_needed: "No action needed",
  same_day_review: "Same-day clinical review",
  safety_plan: "Safety plan made",
  crisis_referral: "Crisis team referral",
};
