// The child's unified view: each agency's section as this person may see it. A withheld field
// says why and what would lift it; the chronology is drawn as a picture.
import { useMemo, useState, type ReactNode } from "react";
import { useGqlQuery } from "../graphql/hooks.ts";
import { useCapabilities } from "../graphql/capabilities.ts";
import { childQuery } from "../graphql/operations.ts";
import { errorsOf, isForbidden } from "../graphql/errors.ts";
import type { ChronologyEntry, GqlError } from "../graphql/types.ts";
import type { Session } from "../auth/session.ts";
import { isMash } from "../auth/session.ts";
import { RagBadge } from "../components/Rag.tsx";
import { Withheld, withheldAt } from "../components/Withheld.tsx";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { childName, formatDate, formatDateTime, humanise } from "../components/format.ts";
import { Link, navigate } from "../router.tsx";
import { derivedChronology, type ChildData } from "./child-data.ts";
import { ChronologyPicture, ChronologyTable } from "./Chronology.tsx";
import { NotificationPanel } from "./NotificationPanel.tsx";
import { ConsentForm } from "./ConsentForm.tsx";

type Path = (string | number)[];

export function ChildView({
  id,
  session,
  notificationId,
}: {
  id: string;
  session: Session;
  notificationId: string | undefined;
}) {
  const caps = useCapabilities();
  const doc = useMemo(() => childQuery(caps), [caps]);
  const { data, loading, error, refetch } = useGqlQuery<{ child: ChildData | null }>(doc, {
    variables: { id },
  });
  const errors = errorsOf(error);
  const [opened, setOpened] = useState<{ entry: ChronologyEntry; key: string }>();

  if (loading && !data) return <p role="status">Loading the child&apos;s view…</p>;
  const c = data?.child;
  if (!c) {
    return (
      <>
        <h1>No record to show</h1>
        <p data-testid="no-record">
          There is no child with this reference that you may open.{" "}
          {isForbidden(errors) ? "" : errors.length ? "The hub could not answer just now." : ""}
        </p>
        {!isForbidden(errors) ? (
          <ErrorNotice errors={errors.filter((e) => e.extensions?.["code"] !== "NOT_FOUND")} />
        ) : null}
      </>
    );
  }
  const field = (label: string, value: ReactNode, path: Path): ReactNode => {
    const w = withheldAt(errors, ["child", ...path]);
    return (
      <div>
        <dt>{label}</dt>
        <dd>{w ? <Withheld error={w} role={session.role} label={label} /> : (value ?? "—")}</dd>
      </div>
    );
  };
  const section = (title: string, path: string, body: ReactNode) => {
    const w: GqlError | undefined = withheldAt(errors, ["child", path]);
    return (
      <section className="panel agency" aria-labelledby={`s-${path}`}>
        <h2 id={`s-${path}`}>{title}</h2>
        {w ? <Withheld error={w} role={session.role} label={title} /> : body}
      </section>
    );
  };
  const chronology = c.chronology ?? derivedChronology(c);
  const selectedNotification = c.notifications?.find((n) => n.id === notificationId);
  const refresh = () => void refetch();

  return (
    <>
      <h1>
        {childName(c)}{" "}
        <RagBadge rag={c.rag?.rag} label={c.rag?.screened ? "Screened" : "Proposed"} />
      </h1>
      <p className="lede">
        Born {formatDate(c.dateOfBirth ?? c.expectedDueDate)}
        {c.postcode ? `, ${c.postcode}` : ""}
        {c.nhsNumber ? `, NHS ${c.nhsNumber}` : ""}
        {c.upn ? `, UPN ${c.upn}` : ""}.{" "}
        {session.role === "MASH_MANAGER" || session.role === "AUDITOR" ? (
          <Link to={`/child/${encodeURIComponent(c.id)}/access-log`}>Who has seen this record</Link>
        ) : null}
        {session.role === "EARLY_HELP_MANAGER" ? (
          <Link to={`/child/${encodeURIComponent(c.id)}/step-up`}>
            Ask the MASH to step this family up
          </Link>
        ) : null}
      </p>
      <ErrorNotice errors={errors} />
      {selectedNotification ? (
        <NotificationPanel
          notification={selectedNotification}
          session={session}
          onChanged={refresh}
        />
      ) : null}

      <section className="panel" aria-labelledby="s-chronology">
        <h2 id="s-chronology">Chronology</h2>
        {!caps.chronology ? (
          <p className="hint">
            Drawn from the records in this view (this hub does not serve Child.chronology yet).
          </p>
        ) : null}
        <ChronologyPicture
          entries={chronology}
          selected={opened?.key}
          onOpen={(entry) => {
            const i = chronology.indexOf(entry);
            setOpened({ entry, key: `${entry.ref}-${entry.kind}-${i}` });
            if (entry.source === "MASH" && c.notifications?.some((n) => n.id === entry.ref)) {
              navigate(
                `/child/${encodeURIComponent(c.id)}?notification=${encodeURIComponent(entry.ref)}`,
              );
            } else {
              document.getElementById(`record-${entry.ref}`)?.focus();
            }
          }}
        />
        <ChronologyTable entries={chronology} />
      </section>

      <div className="sections">
        {section(
          "Rating",
          "rag",
          c.rag ? (
            <>
              <p>
                <RagBadge rag={c.rag.rag} /> {c.rag.screened ? "screened" : "proposed"}{" "}
                {formatDateTime(c.rag.assessedAt)}
              </p>
              <ul>
                {c.rag.reasons.map((r) => (
                  <li key={r.ruleId}>
                    <RagBadge rag={r.rag} /> {r.description}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No rule applies.</p>
          ),
        )}
        {section(
          "CP-IS",
          "cpis",
          c.cpis ? (
            <dl className="facts" id="record-cpis" tabIndex={-1}>
              {field("Plan", humanise(c.cpis.planType), ["cpis", "planType"])}
              {field("Status", humanise(c.cpis.status), ["cpis", "status"])}
              {field("Since", formatDate(c.cpis.startDate), ["cpis", "startDate"])}
              {field("Responsible organisation", c.cpis.responsibleOrganisation, [
                "cpis",
                "responsibleOrganisation",
              ])}
            </dl>
          ) : (
            <p>No child protection plan, looked-after status or unborn child plan.</p>
          ),
        )}
        {section(
          "Police",
          "policeNotifications",
          c.policeNotifications?.length ? (
            c.policeNotifications.map((p, i) => (
              <dl
                className="facts record"
                key={p.id}
                id={`record-${p.id}`}
                tabIndex={-1}
                data-testid="police-record"
              >
                {field("Occurred", formatDateTime(p.occurredAt), [
                  "policeNotifications",
                  i,
                  "occurredAt",
                ])}
                {field("Category", humanise(p.category), ["policeNotifications", i, "category"])}
                {field("Risk", humanise(p.riskLevel), ["policeNotifications", i, "riskLevel"])}
                {field("Child present", p.childPresent ? "Yes" : "No", [
                  "policeNotifications",
                  i,
                  "childPresent",
                ])}
                {field("Summary", p.summary, ["policeNotifications", i, "summary"])}
                {field("Officer", p.officer, ["policeNotifications", i, "officer"])}
              </dl>
            ))
          ) : (
            <p>No police notifications.</p>
          ),
        )}
        {section(
          "Health",
          "hospitalAttendances",
          <>
            {c.attendancePattern ? (
              <p>
                {c.attendancePattern.attendancesLast12Months} emergency attendances in 12 months,{" "}
                {c.attendancePattern.injuryAttendancesLast12Months} for injury
                {c.attendancePattern.lastSixAttendancesConcern
                  ? "; the pattern of the last six is a concern"
                  : ""}
                .
              </p>
            ) : null}
            {c.hospitalAttendances?.map((h, i) => (
              <dl className="facts record" key={h.id} id={`record-${h.id}`} tabIndex={-1}>
                {field("Arrived", formatDateTime(h.arrivedAt), [
                  "hospitalAttendances",
                  i,
                  "arrivedAt",
                ])}
                {field("Injury", h.injury ? "Yes" : "No", ["hospitalAttendances", i, "injury"])}
                {field("Safeguarding concern", h.safeguardingConcern ? "Yes" : "No", [
                  "hospitalAttendances",
                  i,
                  "safeguardingConcern",
                ])}
                {field("Site", h.site, ["hospitalAttendances", i, "site"])}
                {field("Chief complaint", h.chiefComplaint, [
                  "hospitalAttendances",
                  i,
                  "chiefComplaint",
                ])}
                {field(
                  "Discharge",
                  h.dischargeDestination ? humanise(h.dischargeDestination) : null,
                  ["hospitalAttendances", i, "dischargeDestination"],
                )}
              </dl>
            ))}
            {!c.hospitalAttendances?.length ? <p>No emergency department attendances.</p> : null}
          </>,
        )}
        {section(
          "Education",
          "schoolAttendance",
          c.schoolAttendance ? (
            <dl className="facts" id="record-school" tabIndex={-1}>
              {field("School", c.schoolAttendance.schoolName, ["schoolAttendance", "schoolName"])}
              {field(
                "Period",
                `${formatDate(c.schoolAttendance.periodStart)} to ${formatDate(c.schoolAttendance.periodEnd)}`,
                ["schoolAttendance", "periodStart"],
              )}
              {field(
                "Attendance",
                `${Math.round(c.schoolAttendance.attendanceRate * 1000) / 10}%`,
                ["schoolAttendance", "attendanceRate"],
              )}
              {field(
                "Flags",
                [
                  c.schoolAttendance.severeAbsence
                    ? "severe absence"
                    : c.schoolAttendance.persistentAbsence
                      ? "persistent absence"
                      : "",
                  c.schoolAttendance.missingEducation ? "missing education" : "",
                  c.schoolAttendance.permanentlyExcluded ? "permanently excluded" : "",
                ]
                  .filter(Boolean)
                  .join(", ") || "none",
                ["schoolAttendance", "persistentAbsence"],
              )}
            </dl>
          ) : (
            <p>No school attendance known.</p>
          ),
        )}
        {section(
          "Early help",
          "earlyHelp",
          c.earlyHelp ? (
            <dl className="facts" id="record-early-help" tabIndex={-1}>
              {field("Episode", `${c.earlyHelp.episodeId} (${humanise(c.earlyHelp.status)})`, [
                "earlyHelp",
                "episodeId",
              ])}
              {field("Opened", formatDateTime(c.earlyHelp.openedAt), ["earlyHelp", "openedAt"])}
              {field("Lead professional", c.earlyHelp.leadProfessional, [
                "earlyHelp",
                "leadProfessional",
              ])}
              {field("Early help manager", c.earlyHelp.earlyHelpManager, [
                "earlyHelp",
                "earlyHelpManager",
              ])}
            </dl>
          ) : (
            <p>No early help episode.</p>
          ),
        )}
        {section(
          "Household and family",
          "household",
          c.household?.length ? (
            <ul>
              {c.household.map((m) => (
                <li key={m.personId}>
                  {childName(m)} — {humanise(m.relationship)}
                  {m.dateOfBirth ? `, born ${formatDate(m.dateOfBirth)}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p>No one else known.</p>
          ),
        )}
        {section(
          "Contacts with the MASH",
          "notifications",
          c.notifications?.length ? (
            <ul>
              {c.notifications.map((n) => (
                <li key={n.id}>
                  <RagBadge rag={n.rag ?? n.proposedRag} />{" "}
                  <Link
                    to={`/child/${encodeURIComponent(c.id)}?notification=${encodeURIComponent(n.id)}`}
                  >
                    {formatDateTime(n.createdAt)} — {humanise(n.status)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>None.</p>
          ),
        )}
        {section(
          "Which agencies answered",
          "sources",
          <ul>
            {c.sources?.map((s) => (
              <li key={s.agency}>
                {s.agency}:{" "}
                {s.ok
                  ? `answered${s.asOf ? ` (as of ${formatDateTime(s.asOf)})` : ""}`
                  : `did not answer — ${s.error ?? "unknown"}`}
              </li>
            ))}
          </ul>,
        )}
      </div>
      {isMash(session.role) ? (
        <ConsentForm childId={c.id} session={session} onDone={refresh} />
      ) : null}
    </>
  );
}
