import { Tag, type TagTone } from "@/components/ui/tag";
import type { ConsentState } from "@/domain/consent";

const tags: Record<ConsentState, { label: string; tone: TagTone }> = {
  given: { label: "Given", tone: "green" },
  refused: { label: "Refused", tone: "red" },
  withdrawn: { label: "Withdrawn", tone: "yellow" },
  not_asked: { label: "Not asked", tone: "grey" },
};

export function ConsentStateTag({ state }: { state: ConsentState }) {
  return <Tag tone={tags[state].tone}>{tags[state].label}</Tag>;
}
