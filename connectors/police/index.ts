// Police: Merlin notifications, pushed on agency.police.v1. The parents a notification names
// join the child's household (applied by domain/household).
import type { AgencyAdapter, NamedAdult } from "../shared/adapter.ts";
import {
  POLICE_EVENT_TYPE,
  policeMerlinPayload,
  type PoliceMerlinPayload,
} from "./event-schema.ts";
import { policeNotificationRow } from "./store.ts";

const parents = (p: PoliceMerlinPayload) => ({
  reference: p.merlinRef,
  adults: p.otherPersons
    .filter((o) => o.role === "PARENT")
    .map((o): NamedAdult => ({
      givenName: o.givenName,
      familyName: o.familyName,
      dateOfBirth: o.dateOfBirth ?? null,
    })),
});

export const police = {
  source: "POLICE",
  topic: "agency.police.v1",
  eventType: POLICE_EVENT_TYPE,
  payload: policeMerlinPayload,
  tables: [{ name: "PoliceNotification", personKey: ["merlinRef"] }],
  row: policeNotificationRow,
  household: { parents },
} as const satisfies AgencyAdapter<PoliceMerlinPayload>;
