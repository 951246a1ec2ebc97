// Writes what one validated event says inside the caller's transaction, with ingestion's own
// writers: the agency record and the household links its adapter declares. (Tests that build a
// picture record by record use it; ingestion itself writes a batch's at once, ingest-batch.ts.)
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import { upsertRows } from "#connectors/shared/upsert-rows.ts";
import type { RecordContext } from "#connectors/shared/stored-record.ts";
import { adapterForType } from "#connectors/registry.ts";
import { linkHouseholds } from "#household/link-households.ts";
import type { AgencyEvent } from "./event-schema.ts";

export async function storeAgencyRecord(
  tx: Tx,
  record: RecordContext,
  event: AgencyEvent,
): Promise<void> {
  const adapter = adapterForType(event.type);
  if (!adapter) throw new Error(`no adapter for event type ${event.type}`);
  await upsertRows(tx, [adapter.row(record, event.payload)]);
  await linkHouseholds(tx, [{ adapter, childId: record.personId, payload: event.payload }]);
}
