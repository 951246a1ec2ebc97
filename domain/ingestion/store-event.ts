// Writes what one validated event says, inside the event's transaction: the agency record (with
// its adapter's writer) and then the household links its adapter declares.
import type { Tx } from "#db/client.ts";
import type { RecordContext } from "#connectors/shared/stored-record.ts";
import { adapterForType } from "#connectors/registry.ts";
import { linkHousehold } from "#household/link-household.ts";
import type { AgencyEvent } from "./event-schema.ts";

export async function storeAgencyRecord(
  tx: Tx,
  record: RecordContext,
  event: AgencyEvent,
): Promise<void> {
  const adapter = adapterForType(event.type);
  if (!adapter) throw new Error(`no adapter for event type ${event.type}`);
  await adapter.store(tx, record, event.payload);
  await linkHousehold(tx, adapter, record.personId, event.payload);
}
