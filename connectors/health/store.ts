// An emergency department attendance as its row: one per (site, attendance id), updated in place.
import type { RowWrite } from "../shared/upsert-row.ts";
import type { RecordContext } from "../shared/stored-record.ts";
import type { EdAttendancePayload } from "./event-schema.ts";

export function edAttendanceRow(ctx: RecordContext, p: EdAttendancePayload): RowWrite {
  return {
    table: "EdAttendance",
    key: [
      ["siteOdsCode", p.siteOdsCode, "text"],
      ["attendanceId", p.attendanceId, "text"],
    ],
    data: [
      ["personId", ctx.personId, "uuid"],
      ["arrivedAt", new Date(p.arrivedAt), "timestamptz"],
      ["chiefComplaintSnomed", p.chiefComplaintSnomed ?? null, "text"],
      ["chiefComplaint", p.chiefComplaint ?? null, "text"],
      ["injury", p.injury, "boolean"],
      ["safeguardingConcern", p.safeguardingConcern, "boolean"],
      ["dischargeDestination", p.dischargeDestination ?? null, "text"],
      ["eventId", ctx.inboundEventId, "uuid"],
    ],
  };
}
