// The one shape of CpisPlan rows, for a pushed cpis.plan.v1 event and a pulled FHIR answer
// alike: one row per (child, plan type, start date), updated in place.
import type { SqlTx } from "#db/sql-tx.ts";
import type { RowWrite } from "../shared/upsert-row.ts";
import { upsertRows } from "../shared/upsert-rows.ts";
import { dateOnly, optionalDateOnly, type RecordContext } from "../shared/stored-record.ts";
import type { CpisPlanPayload } from "./event-schema.ts";
import type { PulledCpisPlan } from "./mapping.ts";

export interface CpisPlanRow extends PulledCpisPlan {
  personId: string;
  /** Only a pushed event carries an e-mail; a pull (undefined) leaves the stored one as it is. */
  contactEmail?: string | null;
  origin: "PUSH" | "PULL";
  fetchedAt: Date;
}

/** `event`: the inbound event that brought the row (pushed only). */
export function cpisPlanRow(row: CpisPlanRow, event?: RecordContext): RowWrite {
  return {
    table: "CpisPlan",
    key: [
      ["personId", row.personId, "uuid"],
      ["planType", row.planType, "text"],
      ["startDate", dateOnly(row.startDate), "date"],
    ],
    data: [
      ["status", row.status, "text"],
      ["endDate", optionalDateOnly(row.endDate), "date"],
      ["organisationOdsCode", row.organisationOdsCode, "text"],
      ["organisationName", row.organisationName, "text"],
      ["contactPhone", row.contactPhone, "text"],
      ["contactEmail", row.contactEmail, "text"],
      ["eventId", event?.inboundEventId, "uuid"],
      ["origin", row.origin, "text"],
      ["fetchedAt", row.fetchedAt, "timestamptz"],
    ],
  };
}

export function pushedPlanRow(record: RecordContext, p: CpisPlanPayload): RowWrite {
  const row: CpisPlanRow = {
    personId: record.personId,
    planType: p.planType,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate ?? null,
    organisationOdsCode: p.responsibleOrganisation.odsCode,
    organisationName: p.responsibleOrganisation.name,
    contactPhone: p.contact?.phone ?? null,
    contactEmail: p.contact?.email ?? null,
    origin: "PUSH",
    fetchedAt: new Date(),
  };
  return cpisPlanRow(row, record);
}

export async function storePulledPlans(
  tx: SqlTx,
  personId: string,
  plans: readonly PulledCpisPlan[],
  fetchedAt: Date,
) {
  for (const plan of plans) {
    await upsertRows(tx, [cpisPlanRow({ ...plan, personId, origin: "PULL", fetchedAt })]);
  }
}
