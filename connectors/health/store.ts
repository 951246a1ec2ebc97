// Stores an emergency department attendance: one row per (site, attendance id), updated in place.
import type { Tx } from "../../db/client.ts";
import type { RecordContext } from "../../ingestion/stored-record.ts";
import type { EdAttendancePayload } from "./event-schema.ts";

export async function storeEdAttendance(
  tx: Tx,
  ctx: RecordContext,
  p: EdAttendancePayload,
): Promise<void> {
  const data = {
    personId: ctx.personId,
    arrivedAt: new Date(p.arrivedAt),
    chiefComplaintSnomed: p.chiefComplaintSnomed ?? null,
    chiefComplaint: p.chiefComplaint ?? null,
    injury: p.injury,
    safeguardingConcern: p.safeguardingConcern,
    dischargeDestination: p.dischargeDestination ?? null,
    eventId: ctx.inboundEventId,
  };
  await tx.edAttendance.upsert({
    where: {
      siteOdsCode_attendanceId: { siteOdsCode: p.siteOdsCode, attendanceId: p.attendanceId },
    },
    create: { siteOdsCode: p.siteOdsCode, attendanceId: p.attendanceId, ...data },
    update: data,
  });
}
