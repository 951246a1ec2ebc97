// Builders for agency events in the contract's envelope (events.md), with fresh valid identifiers,
// and a way to push them through the hub's own API as each agency's system.
import { randomUUID } from "node:crypto";
import { nhsCheckDigit, upnCheckLetter } from "#identity/identifiers.ts";
import type { TestHub } from "../../support/hub.ts";
import { adapterFor, adapterForType, type AgencyName } from "#connectors/registry.ts";
import type { Db } from "#db/client.ts";
import { validateEvent } from "#ingestion/validate-event.ts";
import type { SqlTx } from "#db/sql-tx.ts";
import { upsertRows } from "#connectors/shared/upsert-rows.ts";
import type { RecordContext } from "#connectors/shared/stored-record.ts";
import { linkHouseholds } from "#household/link-households.ts";
import type { AgencyEvent } from "#ingestion/event-schema.ts";
import { resolveSubject } from "#identity/resolve-subject.ts";
import type { Resolution } from "#identity/subject.ts";

let counter = Math.floor(Math.random() * 1_000_000);

export function freshNhsNumber(): string {
  for (;;) {
    const nine = String(400_000_000 + (counter++ % 500_000_000)).padStart(9, "0");
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

export function freshUpn(): string {
  const twelve = String(801_200_000_000 + counter++).padStart(12, "0");
  return `${upnCheckLetter(twelve)}${twelve}`;
}

export interface SubjectInput {
  sourcePersonId?: string;
  nhsNumber?: string | null;
  upn?: string | null;
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  postcode?: string;
}

export function event(
  source: AgencyName,
  subject: SubjectInput,
  payload: Record<string, unknown>,
  occurredAt = new Date().toISOString(),
) {
  const s: Record<string, unknown> = {
    sourcePersonId: subject.sourcePersonId ?? `${source}-${randomUUID().slice(0, 8)}`,
    givenName: subject.givenName,
    familyName: subject.familyName,
    dateOfBirth: subject.dateOfBirth,
    postcode: subject.postcode,
  };
  if (subject.nhsNumber) s["nhsNumber"] = subject.nhsNumber;
  if (subject.upn) s["upn"] = subject.upn;
  return {
    eventId: randomUUID(),
    source,
    type: adapterFor(source).eventType,
    occurredAt,
    subject: s,
    payload,
  };
}

export const payloads = {
  cpis: (over: Record<string, unknown> = {}) => ({
    planType: "CPP",
    status: "ACTIVE",
    startDate: "2026-10-01",
    endDate: null,
    responsibleOrganisation: { odsCode: "E09000030", name: "Tower Hamlets" },
    contact: { phone: "020 7364 5601", email: "mash@towerhamlets.example" },
    ...over,
  }),
  police: (over: Record<string, unknown> = {}) => ({
    merlinRef: `MER-${randomUUID().slice(0, 8)}`,
    category: "DOMESTIC_ABUSE",
    riskLevel: "MEDIUM",
    childPresent: true,
    summary: "Police called by neighbour to a verbal argument; child present, not injured.",
    officer: { collarNumber: "1234CE", unit: "CAIT" },
    otherPersons: [
      { role: "PARENT", givenName: "Sarah", familyName: "Jones", dateOfBirth: "1993-01-30" },
    ],
    ...over,
  }),
  health: (over: Record<string, unknown> = {}) => ({
    attendanceId: `RXX-ED-${randomUUID().slice(0, 8)}`,
    siteOdsCode: "R1H12",
    arrivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    chiefComplaintSnomed: "125605004",
    chiefComplaint: "Fracture of bone",
    injury: true,
    safeguardingConcern: false,
    dischargeDestination: "HOME",
    ...over,
  }),
  education: (over: Record<string, unknown> = {}) => ({
    schoolUrn: "100000",
    schoolName: "Stepney Green Primary",
    periodStart: "2026-09-01",
    periodEnd: "2026-11-14",
    possibleSessions: 200,
    attendedSessions: 166,
    unauthorisedAbsenceSessions: 22,
    suspensions: 0,
    permanentlyExcluded: false,
    missingEducation: false,
    ...over,
  }),
  earlyHelp: (over: Record<string, unknown> = {}) => ({
    episodeId: `EH-${randomUUID().slice(0, 8)}`,
    status: "OPEN",
    openedAt: "2026-09-10T10:00:00Z",
    closedAt: null,
    familyId: `FAM-${randomUUID().slice(0, 8)}`,
    leadProfessional: { id: "lp-ayesha-khan", name: "Ayesha Khan", email: "ayesha@example.org" },
    earlyHelpManager: { id: "ehm-tom-reed", name: "Tom Reed", email: "tom@example.org" },
    ...over,
  }),
};

/** Pushes one event as the agency's own system; returns the child id the hub linked it to. */
export async function submit(t: TestHub, ev: ReturnType<typeof event>): Promise<string> {
  const token = await t.token({
    sub: `system-${ev.source}`,
    role: "AGENCY_SYSTEM",
    agency: ev.source,
  });
  const res = await t.gql<{
    submitAgencyEvent: { accepted: boolean; childId: string | null; issues: unknown[] };
  }>(
    token,
    `mutation($e: JSON!) { submitAgencyEvent(event: $e) { accepted childId issues { path message } } }`,
    { e: ev },
  );
  const r = res.data?.submitAgencyEvent;
  if (!r?.accepted || !r.childId) {
    throw new Error(`event refused: ${JSON.stringify(res.errors ?? r?.issues)}`);
  }
  return r.childId;
}

/**
 * Stores one event through the real ingestion parts (validation, identity resolution, the
 * agency's store) in one transaction, without what it causes downstream (RAG, notifications,
 * alerts): these tests are about the read side and identity, not the workflow.
 */
export async function ingest(db: Db, ev: ReturnType<typeof event>): Promise<Resolution> {
  const v = validateEvent(ev, { maxBytes: 256_000 });
  if (!v.ok) throw new Error(`invalid test event: ${JSON.stringify(v.issues)}`);
  const { event: e, body, hash } = v;
  return db.$transaction(async (tx) => {
    const row = await tx.inboundEvent.create({
      data: {
        source: e.source,
        eventId: e.eventId,
        type: e.type,
        contentHash: hash,
        occurredAt: new Date(e.occurredAt),
        via: "API",
        body: body as object,
      },
    });
    const resolution = await resolveSubject(tx, e.source, e.subject);
    await tx.inboundEvent.update({
      where: { id: row.id },
      data: { personId: resolution.personId },
    });
    await storeAgencyRecord(
      tx,
      { personId: resolution.personId, inboundEventId: row.id, occurredAt: new Date(e.occurredAt) },
      e,
    );
    return resolution;
  });
}

/** What one event says, written with ingestion's own writers: its record and household links. */
async function storeAgencyRecord(tx: SqlTx, record: RecordContext, event: AgencyEvent) {
  const adapter = adapterForType(event.type);
  if (!adapter) throw new Error(`no adapter for event type ${event.type}`);
  await upsertRows(tx, [adapter.row(record, event.payload)]);
  await linkHouseholds(tx, [{ adapter, childId: record.personId, payload: event.payload }]);
}
