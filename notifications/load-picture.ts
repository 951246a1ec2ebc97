// Reads one child's whole current picture through the caller's transaction and maps the rows to
// the plain facts the rules read (rag/types.ts). Rows do not leave this file.
import type { Tx } from "../db/client.ts";
import type { ChildPicture } from "../rag/index.ts";

export interface LoadedPicture {
  picture: ChildPicture;
  hasOpenEarlyHelp: boolean;
  /** Ids of the records stored (or last updated) by the given inbound event. */
  recordIdsFromEvent: Set<string>;
}

export async function loadPicture(
  tx: Tx,
  personId: string,
  inboundEventId?: string,
): Promise<LoadedPicture> {
  const [person, plans, police, ed, school, earlyHelp] = await Promise.all([
    tx.person.findUnique({ where: { id: personId }, select: { dateOfBirth: true } }),
    tx.cpisPlan.findMany({
      where: { personId },
      select: { id: true, eventId: true, planType: true, status: true },
    }),
    tx.policeNotification.findMany({
      where: { personId },
      select: {
        id: true,
        eventId: true,
        occurredAt: true,
        category: true,
        riskLevel: true,
        childPresent: true,
      },
      orderBy: { occurredAt: "asc" },
    }),
    tx.edAttendance.findMany({
      where: { personId },
      select: { id: true, eventId: true, arrivedAt: true, injury: true, safeguardingConcern: true },
      orderBy: { arrivedAt: "asc" },
    }),
    tx.schoolAttendance.findMany({
      where: { personId },
      select: {
        id: true,
        periodStart: true,
        periodEnd: true,
        possibleSessions: true,
        attendedSessions: true,
        missingEducation: true,
        permanentlyExcluded: true,
        eventId: true,
      },
    }),
    tx.earlyHelpEpisode.findMany({
      where: { personId },
      select: { id: true, eventId: true, status: true, openedAt: true },
    }),
  ]);
  const picture: ChildPicture = {
    dateOfBirth: person?.dateOfBirth ?? null,
    cpisPlans: plans,
    police,
    edAttendances: ed,
    schoolAttendances: school,
    earlyHelpEpisodes: earlyHelp,
  };
  const recordIdsFromEvent = new Set(
    [...plans, ...police, ...ed, ...school, ...earlyHelp]
      .filter((r) => inboundEventId !== undefined && r.eventId === inboundEventId)
      .map((r) => r.id),
  );
  return {
    picture,
    hasOpenEarlyHelp: earlyHelp.some((e) => e.status === "OPEN"),
    recordIdsFromEvent,
  };
}
