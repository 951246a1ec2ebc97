// Writes what one validated event says, inside the event's transaction: the agency record and the
// household links. One case per event type; the `never` guard keeps the switch exhaustive.
import type { Tx } from "#db/client.ts";
import type { AgencyEvent } from "./event-schema.ts";
import type { RecordContext } from "#connectors/shared/stored-record.ts";
import { storeCpisPlan } from "#connectors/cpis/store.ts";
import { storePoliceNotification } from "#connectors/police/store.ts";
import { storeEdAttendance } from "#connectors/health/store.ts";
import { storeSchoolAttendance } from "#connectors/education/store.ts";
import { storeEarlyHelpEpisode } from "#connectors/earlyhelp/store.ts";
import { linkEarlyHelpFamily } from "#household/early-help-family.ts";
import { linkPoliceParents } from "#household/police-parents.ts";

export async function storeAgencyRecord(
  tx: Tx,
  ctx: RecordContext,
  event: AgencyEvent,
): Promise<void> {
  switch (event.type) {
    case "cpis.plan.v1":
      return storeCpisPlan(tx, ctx, event.payload);
    case "police.merlin.v1":
      await storePoliceNotification(tx, ctx, event.payload);
      await linkPoliceParents(
        tx,
        ctx.personId,
        event.payload.merlinRef,
        event.payload.otherPersons,
      );
      return;
    case "health.ed-attendance.v1":
      return storeEdAttendance(tx, ctx, event.payload);
    case "education.attendance.v1":
      return storeSchoolAttendance(tx, ctx, event.payload);
    case "earlyhelp.episode.v1":
      await storeEarlyHelpEpisode(tx, ctx, event.payload);
      await linkEarlyHelpFamily(tx, ctx.personId, event.payload.familyId);
      return;
    default: {
      const never: never = event;
      throw new Error(`no store for event type ${String((never as { type: unknown }).type)}`);
    }
  }
}
