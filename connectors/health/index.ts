// Health: emergency department attendances, pushed on agency.health.v1.
import type { AgencyAdapter } from "../shared/adapter.ts";
import {
  HEALTH_EVENT_TYPE,
  edAttendancePayload,
  type EdAttendancePayload,
} from "./event-schema.ts";
import { edAttendanceRow } from "./store.ts";

export const health = {
  source: "HEALTH",
  topic: "agency.health.v1",
  eventType: HEALTH_EVENT_TYPE,
  payload: edAttendancePayload,
  notInFuture: ["arrivedAt"],
  tables: [{ name: "EdAttendance" }],
  row: edAttendanceRow,
} as const satisfies AgencyAdapter<EdAttendancePayload>;
