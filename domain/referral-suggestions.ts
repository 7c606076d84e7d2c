/**
 * Referrals worth considering, from the latest completed health check's scores and the GP
 * registration status (DOMAIN.md bands). A prompt for the clinician, never a decision: the
 * clinician chooses the service, writes the reason and agrees it with the person.
 */
import type { GpStatus } from "./health";
import type { HealthCheckScores } from "./health-check";
import type { ReferralUrgency, ServiceCategory } from "./referrals";

export type SuggestionStrength = "recommended" | "consider";

export type ReferralSuggestion = {
  category: ServiceCategory;
  /** Why, in the clinician's words, ready to go in the referral's reason. */
  reason: string;
  strength: SuggestionStrength;
  urgency: ReferralUrgency;
};

type Finding = ReferralSuggestion;

const urgencyRank: Record<ReferralUrgency, number> = { routine: 0, soon: 1, urgent: 2 };
const strengthRank: Record<SuggestionStrength, number> = { consider: 0, recommended: 1 };

/** Order on screen: the most urgent first (a crisis before a stop smoking referral). */
const categoryOrder: ServiceCategory[] = ["crisis", "community_mental_health", "talking_therapies", "drug_alcohol", "stop_smoking", "gp_primary_care"];

function findings(scores: HealthCheckScores | null, gpStatus: GpStatus | null): Finding[] {
  const out: Finding[] = [];
  if (scores) {
    const { auditScore, smokingStatus, hsiScore, phq9Score, phq9Item9, gad7Score } = scores;

    if (phq9Item9 !== null && phq9Item9 > 0) {
      const reason = `PHQ-9 question 9 scored ${phq9Item9}: thoughts of being better off dead or of self-harm; needs same-day clinical review`;
      out.push({ category: "crisis", reason, strength: "recommended", urgency: "urgent" });
      out.push({ category: "community_mental_health", reason, strength: "consider", urgency: "urgent" });
    }
    if (phq9Score !== null && phq9Score >= 20) {
      out.push({ category: "community_mental_health", reason: `PHQ-9 ${phq9Score}: severe depression; prompt referral to mental health services`, strength: "recommended", urgency: "soon" });
    }
    const mood: string[] = [];
    if (phq9Score !== null && phq9Score >= 10) mood.push(`PHQ-9 ${phq9Score} (10 or more: depression, moderate or worse)`);
    if (gad7Score !== null && gad7Score >= 10) mood.push(`GAD-7 ${gad7Score} (10 or more: anxiety needing further assessment)`);
    if (mood.length) out.push({ category: "talking_therapies", reason: mood.join("; "), strength: "recommended", urgency: "routine" });

    if (auditScore !== null && auditScore >= 20) {
      out.push({ category: "drug_alcohol", reason: `AUDIT ${auditScore} (20+): possible dependence; consider a specialist referral`, strength: "recommended", urgency: "soon" });
    } else if (auditScore !== null && auditScore >= 16) {
      out.push({ category: "drug_alcohol", reason: `AUDIT ${auditScore} (16 to 19): higher risk; brief advice and follow-up, consider a referral`, strength: "consider", urgency: "routine" });
    }

    if (smokingStatus === "current") {
      const hsi = hsiScore === null ? "" : ` (Heaviness of Smoking Index ${hsiScore})`;
      out.push({ category: "stop_smoking", reason: `Smokes now${hsi}: very brief advice given; offer a referral to the local stop smoking service`, strength: "recommended", urgency: "routine" });
    }
  }
  if (gpStatus === "not_registered") {
    out.push({ category: "gp_primary_care", reason: "Not registered with a GP: support registration with a local practice", strength: "recommended", urgency: "routine" });
  } else if (gpStatus === "unknown") {
    out.push({ category: "gp_primary_care", reason: "GP registration not known: check, and support registration if needed", strength: "consider", urgency: "routine" });
  }
  return out;
}

/**
 * One suggestion per service category: where two findings point to the same category their
 * reasons are joined and the stronger, more urgent of the two is kept.
 */
export function suggestReferrals({ scores, gpStatus }: { scores: HealthCheckScores | null; gpStatus: GpStatus | null }): ReferralSuggestion[] {
  const byCategory = new Map<ServiceCategory, ReferralSuggestion>();
  for (const f of findings(scores, gpStatus)) {
    const seen = byCategory.get(f.category);
    if (!seen) {
      byCategory.set(f.category, { ...f });
      continue;
    }
    byCategory.set(f.category, {
      category: f.category,
      reason: `${seen.reason}. ${f.reason}`,
      strength: strengthRank[f.strength] > strengthRank[seen.strength] ? f.strength : seen.strength,
      urgency: urgencyRank[f.urgency] > urgencyRank[seen.urgency] ? f.urgency : seen.urgency,
    });
  }
  return categoryOrder.flatMap((c) => {
    const s = byCategory.get(c);
    return s ? [s] : [];
  });
}
