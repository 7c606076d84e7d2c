import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { healthChecks } from "@/db/schema";
import { neurodivergenceFrom, type NeurodivergenceGroup } from "@/domain/dashboard/fairness";

/**
 * The neurodivergence group of a health check's answers, by the fingerprint of their neurodiversity
 * section (health_checks.neurodiversity_key, migration 0014). The person facts rollup carries each
 * check's fingerprint instead of the section itself; a dashboard asks here for the groups of the
 * fingerprints it meets. Each distinct section is read from health_checks and classified
 * (domain/dashboard/fairness.ts) once per process: a fingerprint stands for one text, so its group
 * never changes, and few distinct answers occur.
 *
 * A fingerprint that health_checks no longer holds (the check deleted with its person since the
 * rollup's last refresh) reads as "unknown", and is not remembered: the next refresh drops it.
 */
export async function neurodivergenceByKey(db: Executor, keys: Iterable<string | null>): Promise<(key: string | null) => NeurodivergenceGroup> {
  // This call's keys, each with its group where one is remembered.
  const groups = new Map<string, NeurodivergenceGroup | undefined>();
  for (const key of keys) if (key !== null && !groups.has(key)) groups.set(key, remembered.get(key));
  const missing = [...groups].flatMap(([key, group]) => (group === undefined ? [key] : []));
  for (let i = 0; i < missing.length; i += BATCH) {
    const rows = await db
      .selectDistinctOn([healthChecks.neurodiversityKey], { key: healthChecks.neurodiversityKey, answer: sql<string>`${healthChecks.neurodiversity}::text` })
      .from(healthChecks)
      .where(inArray(healthChecks.neurodiversityKey, missing.slice(i, i + BATCH)));
    for (const { key, answer } of rows) {
      if (key === null) continue;
      const group = neurodivergenceOfSection(JSON.parse(answer) as unknown);
      groups.set(key, group);
      remember(key, group);
    }
  }
  return (key) => (key === null ? WITHOUT_SECTION : (groups.get(key) ?? "unknown"));
}

/**
 * The group of a fingerprint already classified in this process (null: a check without the
 * section), or undefined when it has to be looked up with neurodivergenceByKey.
 */
export function rememberedNeurodivergence(key: string | null): NeurodivergenceGroup | undefined {
  return key === null ? WITHOUT_SECTION : remembered.get(key);
}

/**
 * The group a completed check's neurodiversity section records: the one rule of
 * domain/dashboard/fairness.ts, for a section read on its own (null or undefined: the check has none).
 */
export function neurodivergenceOfSection(section: unknown): NeurodivergenceGroup {
  return neurodivergenceFrom(section === null || section === undefined ? {} : { neurodiversity: section });
}

/** A completed check with no neurodiversity section at all (md5 of nothing is null). */
const WITHOUT_SECTION = neurodivergenceOfSection(null);
/** Keys per query: well inside the 65,535 parameters a statement may have. */
const BATCH = 5_000;
/** More distinct answers than this (free text makes them distinct) and the oldest are forgotten. */
const MAX_REMEMBERED = 100_000;
const remembered = new Map<string, NeurodivergenceGroup>();

function remember(key: string, group: NeurodivergenceGroup): void {
  if (remembered.size >= MAX_REMEMBERED) {
    const oldest = remembered.keys().next();
    if (!oldest.done) remembered.delete(oldest.value);
  }
  remembered.set(key, group);
}
