// The one writer of SchoolAttendance rows, for a pushed education.attendance.v1 event and a
// pulled MIS answer alike: one row per (child, school, period), updated in place.
import type { Tx } from "#db/client.ts";
import { upsertRow } from "../shared/upsert-row.ts";
import { dateOnly, type RecordContext } from "../shared/stored-record.ts";
import type { SchoolAttendancePayload } from "./event-schema.ts";
import type { PulledSchoolAttendance } from "./mapping.ts";

export interface SchoolAttendanceRow extends PulledSchoolAttendance {
  personId: string;
  origin: "PUSH" | "PULL";
  fetchedAt: Date;
}

/** `event`: the inbound event that brought the row (pushed only), linked to the child as well. */
export async function writeSchoolAttendance(
  tx: Tx,
  row: SchoolAttendanceRow,
  event?: RecordContext,
) {
  await upsertRow(
    tx,
    "SchoolAttendance",
    [
      ["personId", row.personId, "uuid"],
      ["schoolUrn", row.schoolUrn, "text"],
      ["periodStart", dateOnly(row.periodStart), "date"],
      ["periodEnd", dateOnly(row.periodEnd), "date"],
    ],
    [
      ["schoolName", row.schoolName, "text"],
      ["possibleSessions", row.possibleSessions, "int"],
      ["attendedSessions", row.attendedSessions, "int"],
      ["unauthorisedAbsenceSessions", row.unauthorisedAbsenceSessions, "int"],
      ["suspensions", row.suspensions, "int"],
      ["permanentlyExcluded", row.permanentlyExcluded, "boolean"],
      ["missingEducation", row.missingEducation, "boolean"],
      ["eventId", event?.inboundEventId, "uuid"],
      ["origin", row.origin, "text"],
      ["fetchedAt", row.fetchedAt, "timestamptz"],
    ],
    event,
  );
}

export async function storePushedAttendance(
  tx: Tx,
  record: RecordContext,
  p: SchoolAttendancePayload,
) {
  const row: SchoolAttendanceRow = {
    ...p,
    schoolName: p.schoolName ?? null,
    personId: record.personId,
    origin: "PUSH",
    fetchedAt: new Date(),
  };
  await writeSchoolAttendance(tx, row, record);
}

export async function storePulledAttendance(
  tx: Tx,
  personId: string,
  rows: readonly PulledSchoolAttendance[],
  fetchedAt: Date,
) {
  for (const row of rows) {
    await writeSchoolAttendance(tx, { ...row, personId, origin: "PULL", fetchedAt });
  }
}
