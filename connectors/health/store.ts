// Stores an emergency department attendance: one row per (site, attendance id), updated in place.
import type { Tx } from "#db/client.ts";
import { upsertRow } from "../shared/upsert-row.ts";
import type { RecordContext } from "../shared/stored-record.ts";
import type { EdAttendancePayload } from "./event-schema.ts";

export async function storeEdAttendance(
  tx: Tx,
  ctx: RecordContext,
  p: EdAttendancePayload,
): Promise<void> {
  await upsertRow(
    tx,
    "EdAttendance",
    [
      ["siteOdsCode", p.siteOdsCode, "text"],
      ["attendanceId", p.attendanceId, "text"],
    ],
    [
      ["personId", ctx.personId, "uuid"],
      ["arrivedAt", new Date(p.arrivedAt), "timestamptz"],
      ["chiefComplaintSnomed", p.chiefComplaintSnomed ?? null, "text"],
      ["chiefComplaint", p.chiefComplaint ?? null, "text"],
      ["injury", p.injury, "boolean"],
      ["safeguardingConcern", p.safeguardingConcern, "boolean"],
      ["dischargeDestination", p.dischargeDestination ?? null, "text"],
      ["eventId", ctx.inboundEventId, "uuid"],
    ],
    ctx,
  );
}
