import { outcomeLabels, type AppointmentOutcome } from "@/domain/appointments";
import { Tag, type TagTone } from "./tag";

const tone: Record<AppointmentOutcome, TagTone> = {
  attended: "green",
  attended_late: "yellow",
  dna_acceptable: "grey",
  dna_unacceptable: "red",
  cancelled: "grey",
  rescheduled: "purple",
};

export function OutcomeTag({ outcome, startsAt, now }: { outcome: AppointmentOutcome | null; startsAt: Date; now: Date }) {
  if (outcome) return <Tag tone={tone[outcome]}>{outcomeLabels[outcome]}</Tag>;
  return startsAt.getTime() > now.getTime() ? <Tag tone="blue">Booked</Tag> : <Tag tone="yellow">Outcome needed</Tag>;
}
