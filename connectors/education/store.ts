// Stores a school attendance return: one row per (child, school, period), updated in place.
import type { Tx } from "#db/client.ts";
import { upsertRow } from "../shared/upsert-row.ts";
import { dateOnly, type RecordContext } from "../shared/stored-record.ts";
import type { SchoolAttendancePayload } from "./event-schema.ts";

export async function storeSchoolAttendance(
  tx: Tx,
  ctx: RecordContext,
  p: SchoolAttendancePayload,
): Promise<void> {
  await upsertRow(
    tx,
    "SchoolAttendance",
    [
      ["personId", ctx.personId, "uuid"],
      ["schoolUrn", p.schoolUrn, "text"],
      ["periodStart", dateOnly(p.periodStart), "date"],
      ["periodEnd", dateOnly(p.periodEnd), "date"],
    ],
    [
      ["schoolName", p.schoolName ?? null, "text"],
      ["possibleSessions", p.possibleSessions, "int"],
      ["attendedSessions", p.attendedSessions, "int"],
      ["unauthorisedAbsenceSessions", p.unauthorisedAbsenceSessions, "int"],
      ["suspensions", p.suspensions, "int"],
      ["permanentlyExcluded", p.permanentlyExcluded, "boolean"],
      ["missingEducation", p.missingEducation, "boolean"],
      ["eventId", ctx.inboundEventId, "uuid"],
      ["origin", "PUSH", "text"],
      ["fetchedAt", new Date(), "timestamptz"],
    ],
    ctx,
  );
}
