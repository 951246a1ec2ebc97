// The one shape of SchoolAttendance rows, for a pushed education.attendance.v1 event and a
// pulled MIS answer alike: one row per (child, school, period), updated in place.
import type { SqlTx } from "#db/sql-tx.ts";
import type { RowWrite } from "../shared/upsert-row.ts";
import { upsertRows } from "../shared/upsert-rows.ts";
import { dateOnly, type RecordContext } from "../shared/stored-record.ts";
import type { SchoolAttendancePayload } from "./event-schema.ts";
import type { PulledSchoolAttendance } from "./mapping.ts";

export interface SchoolAttendanceRow extends PulledSchoolAttendance {
  personId: string;
  origin: "PUSH" | "PULL";
  fetchedAt: Date;
}

/** `event`: the inbound event that brought the row (pushed only). */
export function schoolAttendanceRow(row: SchoolAttendanceRow, event?: RecordContext): RowWrite {
  return {
    table: "SchoolAttendance",
    key: [
      ["personId", row.personId, "uuid"],
      ["schoolUrn", row.schoolUrn, "text"],
      ["periodStart", dateOnly(row.periodStart), "date"],
      ["periodEnd", dateOnly(row.periodEnd), "date"],
    ],
    data: [
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
  };
}

export function pushedAttendanceRow(record: RecordContext, p: SchoolAttendancePayload): RowWrite {
  const row: SchoolAttendanceRow = {
    ...p,
    schoolName: p.schoolName ?? null,
    personId: record.personId,
    origin: "PUSH",
    fetchedAt: new Date(),
  };
  return schoolAttendanceRow(row, record);
}

export async function storePulledAttendance(
  tx: SqlTx,
  personId: string,
  rows: readonly PulledSchoolAttendance[],
  fetchedAt: Date,
) {
  for (const row of rows) {
    await upsertRows(tx, [schoolAttendanceRow({ ...row, personId, origin: "PULL", fetchedAt })]);
  }
}
