// The rules' picture of every generated child, straight from the dataset (no database): for the
// tests that check each rule fires at a plausible rate. The hub reads the same from PostgreSQL
// (domain/notifications/load-picture.ts); the family here is the generated household.
import type { ChildPicture, HouseholdPlanFact } from "#rag/index.ts";
import type { Dataset } from "./types.ts";

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const byTimeThenId =
  <T extends { id: string }>(t: (x: T) => number) =>
  (a: T, b: T) =>
    t(a) - t(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function datasetPictures(d: Dataset): Map<string, ChildPicture> {
  const r = d.rows;
  const pictures = new Map<string, ChildPicture>();
  for (const p of r.persons.filter((x) => x.isChild)) {
    pictures.set(p.id, {
      dateOfBirth: p.dateOfBirth ? day(p.dateOfBirth) : null,
      cpisPlans: [],
      police: [],
      edAttendances: [],
      schoolAttendances: [],
      earlyHelpEpisodes: [],
      householdPlans: [],
      referrals: [],
    });
  }
  const of = (personId: string) => pictures.get(personId);
  for (const x of r.cpisPlans) {
    of(x.personId)?.cpisPlans.push({
      id: x.id,
      planType: x.planType,
      status: x.status,
      startDate: day(x.startDate),
      endDate: x.endDate ? day(x.endDate) : null,
    });
  }
  for (const x of r.policeNotifications) {
    of(x.personId)?.police.push({
      id: x.id,
      occurredAt: new Date(x.occurredAt),
      category: x.category,
      riskLevel: x.riskLevel,
      childPresent: x.childPresent,
    });
  }
  for (const x of r.edAttendances) {
    of(x.personId)?.edAttendances.push({
      id: x.id,
      arrivedAt: new Date(x.arrivedAt),
      injury: x.injury,
      safeguardingConcern: x.safeguardingConcern,
      chiefComplaintSnomed: x.chiefComplaintSnomed,
    });
  }
  for (const x of r.schoolAttendances) {
    of(x.personId)?.schoolAttendances.push({
      id: x.id,
      periodStart: day(x.periodStart),
      periodEnd: day(x.periodEnd),
      possibleSessions: x.possibleSessions,
      attendedSessions: x.attendedSessions,
      missingEducation: x.missingEducation,
      permanentlyExcluded: x.permanentlyExcluded,
    });
  }
  for (const x of r.earlyHelpEpisodes) {
    of(x.personId)?.earlyHelpEpisodes.push({
      id: x.id,
      status: x.status,
      openedAt: new Date(x.openedAt),
    });
  }
  // the other children of each household, and their plans
  const children = new Map<string, string[]>();
  for (const m of r.householdMembers.filter((x) => x.relationship !== "PARENT")) {
    children.set(m.householdId, [...(children.get(m.householdId) ?? []), m.personId]);
  }
  for (const members of children.values()) {
    for (const id of members) {
      const plans: HouseholdPlanFact[] = members
        .filter((other) => other !== id)
        .flatMap((other) => (of(other)?.cpisPlans ?? []).map((p) => ({ ...p, personId: other })));
      of(id)?.householdPlans?.push(...plans);
    }
  }
  for (const p of pictures.values()) {
    p.police.sort(byTimeThenId((x) => x.occurredAt.getTime()));
    p.edAttendances.sort(byTimeThenId((x) => x.arrivedAt.getTime()));
  }
  return pictures;
}
