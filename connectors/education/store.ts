// Stores a school attendance return: one row per (child, school, period), updated in place.
import type { Tx } from "../../db/client.ts";
import { dateOnly, type RecordContext } from "../../ingestion/stored-record.ts";
import type { SchoolAttendancePayload } from "./event-schema.ts";

export async function storeSchoolAttendance(
  tx: Tx,
  ctx: RecordContext,
  p: SchoolAttendancePayload,
): Promise<void> {
  const key = {
    personId: ctx.personId,
    schoolUrn: p.schoolUrn,
    periodStart: dateOnly(p.periodStart),
    periodEnd: dateOnly(p.periodEnd),
  };
  const data = {
    schoolName: p.schoolName ?? null,
    possibleSessions: p.possibleSessions,
    attendedSessions: p.attendedSessions,
    unauthorisedAbsenceSessions: p.unauthorisedAbsenceSessions,
    suspensions: p.suspensions,
    permanentlyExcluded: p.permanentlyExcluded,
    missingEducation: p.missingEducation,
    eventId: ctx.inboundEventId,
    origin: "PUSH",
    fetchedAt: new Date(),
  };
  await tx.schoolAttendance.upsert({
    where: { personId_schoolUrn_periodStart_periodEnd: key },
    create: { ...key, ...data },
    update: data,
  });
}
