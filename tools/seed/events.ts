// The agency event stream (contract envelope, events.md) for a set of children, each agency's
// record of a child carrying that agency's variations, and the truth: which child each record is.
import type { Random } from "./random.ts";
import type { AgencyRows, ChildFacts } from "./agency-rows.ts";
import { recordAs, type RecordedSubject } from "./variations.ts";
import type { AgencyEvent, SeededAgency, TruthRecord } from "./types.ts";

/** Event source person ids live in their own number range, apart from the persisted ones, so
 * that replaying the stream into a seeded database exercises matching rather than exact links. */
const EVENT_ID_OFFSET = 5_000_000;

const PREFIX: Record<SeededAgency, string> = {
  CPIS: "CPIS-R-",
  POLICE: "MERLIN-P-",
  HEALTH: "RXX-PAS-",
  EDUCATION: "SIMS-",
  EARLY_HELP: "EHM-",
};

export function makeEvents(
  rnd: Random,
  children: ChildFacts[],
  rows: AgencyRows[],
): { events: AgencyEvent[]; truth: TruthRecord[] } {
  const events: AgencyEvent[] = [];
  const truth: TruthRecord[] = [];
  children.forEach((child, i) => {
    const r = rows[i] as AgencyRows;
    const bySource: Array<
      [SeededAgency, Array<{ type: string; occurredAt: string; payload: Record<string, unknown> }>]
    > = [
      [
        "CPIS",
        r.cpisPlans.map((p) => ({
          type: "cpis.plan.v1",
          occurredAt: `${p.startDate}T09:00:00.000Z`,
          payload: {
            planType: p.planType,
            status: p.status,
            startDate: p.startDate,
            endDate: p.endDate,
            responsibleOrganisation: { odsCode: p.organisationOdsCode, name: p.organisationName },
            contact: { phone: p.contactPhone, email: p.contactEmail },
          },
        })),
      ],
      [
        "POLICE",
        r.policeNotifications.map((n) => ({
          type: "police.merlin.v1",
          occurredAt: n.occurredAt,
          payload: {
            merlinRef: n.merlinRef,
            category: n.category,
            riskLevel: n.riskLevel,
            childPresent: n.childPresent,
            summary: n.summary,
            officer: { collarNumber: n.officerCollar, unit: n.officerUnit },
            otherPersons: n.otherPersons,
          },
        })),
      ],
      [
        "HEALTH",
        r.edAttendances.map((a) => ({
          type: "health.ed-attendance.v1",
          occurredAt: a.arrivedAt,
          payload: {
            attendanceId: a.attendanceId,
            siteOdsCode: a.siteOdsCode,
            arrivedAt: a.arrivedAt,
            ...(a.chiefComplaintSnomed ? { chiefComplaintSnomed: a.chiefComplaintSnomed } : {}),
            chiefComplaint: a.chiefComplaint,
            injury: a.injury,
            safeguardingConcern: a.safeguardingConcern,
            dischargeDestination: a.dischargeDestination,
          },
        })),
      ],
      [
        "EDUCATION",
        r.schoolAttendances.map((s) => ({
          type: "education.attendance.v1",
          occurredAt: `${s.periodEnd}T17:00:00.000Z`,
          payload: {
            schoolUrn: s.schoolUrn,
            schoolName: s.schoolName,
            periodStart: s.periodStart,
            periodEnd: s.periodEnd,
            possibleSessions: s.possibleSessions,
            attendedSessions: s.attendedSessions,
            unauthorisedAbsenceSessions: s.unauthorisedAbsenceSessions,
            suspensions: s.suspensions,
            permanentlyExcluded: s.permanentlyExcluded,
            missingEducation: s.missingEducation,
          },
        })),
      ],
      [
        "EARLY_HELP",
        r.earlyHelpEpisodes.map((e) => ({
          type: "earlyhelp.episode.v1",
          occurredAt: e.closedAt ?? e.openedAt,
          payload: {
            episodeId: e.episodeId,
            status: e.status,
            openedAt: e.openedAt,
            closedAt: e.closedAt,
            familyId: e.familyId,
            leadProfessional: e.leadProfessional,
            earlyHelpManager: e.manager,
          },
        })),
      ],
    ];
    const trueSubject: RecordedSubject = {
      givenName: child.person.givenName,
      familyName: child.person.familyName,
      dateOfBirth: child.person.dateOfBirth,
      nhsNumber: child.nhsNumber,
      postcode: child.person.postcode,
    };
    for (const [source, items] of bySource) {
      if (items.length === 0) continue;
      const sourcePersonId = `${PREFIX[source]}${EVENT_ID_OFFSET + child.index}`;
      const { subject, variations } = recordAs(rnd, source, trueSubject);
      const record: TruthRecord = {
        source,
        sourcePersonId,
        personId: child.person.id,
        eventIds: [],
        variations,
      };
      for (const item of items) {
        const eventId = rnd.uuid();
        record.eventIds.push(eventId);
        events.push({
          eventId,
          source,
          type: item.type,
          occurredAt: item.occurredAt,
          subject: {
            sourcePersonId,
            ...(subject.nhsNumber ? { nhsNumber: subject.nhsNumber } : {}),
            ...(source === "EDUCATION" && child.upn ? { upn: child.upn } : {}),
            givenName: subject.givenName,
            familyName: subject.familyName,
            dateOfBirth: subject.dateOfBirth,
            expectedDueDate: child.person.expectedDueDate,
            postcode: subject.postcode,
          },
          payload: item.payload,
        });
      }
      truth.push(record);
    }
  });
  events.sort((a, b) =>
    a.occurredAt < b.occurredAt
      ? -1
      : a.occurredAt > b.occurredAt
        ? 1
        : a.eventId < b.eventId
          ? -1
          : 1,
  );
  return { events, truth };
}
