// Management information as charts (Recharts), each with its figures as a table too. From the
// hub's mashPerformance (MASH managers and auditors: counts only, no child named); while the hub
// does not serve it, MASH managers see the queue's own counts instead.
import { useId, useMemo, useState } from "react";
import { useGqlQuery } from "../graphql/hooks.ts";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useCapabilities } from "../graphql/capabilities.ts";
import { MASH_PERFORMANCE, queueQuery } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Notification } from "../graphql/types.ts";
import { ErrorNotice, NotServedYet } from "../components/Unavailable.tsx";
import { RAG_COLOUR } from "../components/Rag.tsx";
import { humanise } from "../components/format.ts";
import { TextInput } from "../components/forms.tsx";

interface CountBy {
  key: string;
  count: number;
}
interface ShareBy {
  key: string;
  share: number;
  of: number;
}
interface Performance {
  contactsByKind: CountBy[];
  contactsByReferrerRole: CountBy[];
  decisionsByOutcome: CountBy[];
  noFurtherActionShareByReferrerRole: ShareBy[];
  withinTimescaleShareByRag: ShareBy[];
  medianHoursToDecision: number | null;
  escalationsRaised: number;
  escalationsResolved: number;
  escalationsThatChangedDecision: number;
  overdueOpenNow: number;
}

const BLUE = "#1d70b8";
const colourOf = (key: string) =>
  key in RAG_COLOUR ? RAG_COLOUR[key as keyof typeof RAG_COLOUR] : BLUE;

function Chart({
  title,
  rows,
  unit = "",
  percent = false,
}: {
  title: string;
  rows: { key: string; value: number; note?: string }[];
  unit?: string;
  percent?: boolean;
}) {
  const id = useId();
  const data = rows.map((r) => ({
    name: humanise(r.key),
    key: r.key,
    value: percent ? Math.round(r.value * 1000) / 10 : r.value,
  }));
  return (
    <figure className="chart panel" aria-labelledby={id} data-testid="chart">
      <figcaption id={id}>
        <h2>{title}</h2>
      </figcaption>
      {data.length === 0 ? (
        <p>No figures for this period.</p>
      ) : (
        <>
          <div className="chart-box" aria-hidden="true">
            <ResponsiveContainer width="100%" height={Math.max(160, 44 * data.length + 40)}>
              <BarChart
                data={data}
                layout="vertical"
                margin={{ left: 16, right: 48, top: 8, bottom: 8 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis
                  type="number"
                  allowDecimals={false}
                  domain={percent ? [0, 100] : [0, "auto"]}
                  tick={{ fill: "#0b0c0c" }}
                />
                <YAxis type="category" dataKey="name" width={190} tick={{ fill: "#0b0c0c" }} />
                <Tooltip formatter={(v) => `${String(v)}${percent ? "%" : unit}`} />
                <Bar dataKey="value" isAnimationActive={false}>
                  {data.map((d) => (
                    <Cell key={d.key} fill={colourOf(d.key)} />
                  ))}
                  <LabelList
                    dataKey="value"
                    position="right"
                    fill="#0b0c0c"
                    formatter={(v: unknown) => `${String(v)}${percent ? "%" : unit}`}
                  />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="chart-data">
            <caption className="visually-hidden">{title}: the figures</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">{percent ? "Share" : "Count"}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <th scope="row">{data[i]!.name}</th>
                  <td>
                    {data[i]!.value}
                    {percent ? "%" : unit}
                    {r.note ? ` ${r.note}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export default function Figures() {
  const caps = useCapabilities();
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(isoDay(new Date()));
  return (
    <>
      <h1>Figures</h1>
      <div className="grid-2 period">
        <TextInput label="From" type="date" value={from} onChange={setFrom} />
        <TextInput label="To" type="date" value={to} onChange={setTo} />
      </div>
      {caps.mashPerformance ? (
        <PerformanceCharts from={from} to={to} />
      ) : (
        <>
          <NotServedYet
            operation="mashPerformance"
            what="The management information for a period"
          />
          <QueueCharts />
        </>
      )}
    </>
  );
}

function PerformanceCharts({ from, to }: { from: string; to: string }) {
  const { data, error, loading } = useGqlQuery<{ mashPerformance: Performance }>(MASH_PERFORMANCE, {
    variables: { from, to },
  });
  const p = data?.mashPerformance;
  return (
    <>
      <ErrorNotice errors={errorsOf(error)} />
      {loading && !p ? <p role="status">Loading figures…</p> : null}
      {p ? (
        <>
          <dl className="big-numbers">
            <div>
              <dt>Overdue and open now</dt>
              <dd>{p.overdueOpenNow}</dd>
            </div>
            <div>
              <dt>Median hours to decision</dt>
              <dd>{p.medianHoursToDecision === null ? "—" : p.medianHoursToDecision.toFixed(1)}</dd>
            </div>
            <div>
              <dt>Escalations raised / resolved / changed the decision</dt>
              <dd>
                {p.escalationsRaised} / {p.escalationsResolved} / {p.escalationsThatChangedDecision}
              </dd>
            </div>
          </dl>
          <div className="charts">
            <Chart
              title="Contacts by kind"
              rows={p.contactsByKind.map((c) => ({ key: c.key, value: c.count }))}
            />
            <Chart
              title="Decisions by outcome"
              rows={p.decisionsByOutcome.map((c) => ({ key: c.key, value: c.count }))}
            />
            <Chart
              title="Decided within timescale, by rating"
              percent
              rows={p.withinTimescaleShareByRag.map((s) => ({
                key: s.key,
                value: s.share,
                note: `of ${s.of}`,
              }))}
            />
            <Chart
              title="Contacts by referrer"
              rows={p.contactsByReferrerRole.map((c) => ({ key: c.key, value: c.count }))}
            />
            <Chart
              title="No further action, by referrer"
              percent
              rows={p.noFurtherActionShareByReferrerRole.map((s) => ({
                key: s.key,
                value: s.share,
                note: `of ${s.of}`,
              }))}
            />
          </div>
        </>
      ) : null}
    </>
  );
}

function QueueCharts() {
  const caps = useCapabilities();
  const doc = useMemo(() => queueQuery(caps), [caps]);
  const { data, error } = useGqlQuery<{ notifications: { edges: Notification[] } }>(doc, {
    variables: { filter: null, first: 100 },
  });
  const rows = data?.notifications.edges ?? [];
  const count = (f: (n: Notification) => string) => {
    const m = new Map<string, number>();
    for (const n of rows) m.set(f(n), (m.get(f(n)) ?? 0) + 1);
    return [...m].map(([key, value]) => ({ key, value }));
  };
  if (errorsOf(error).some((e) => e.extensions?.["code"] === "FORBIDDEN")) return null;
  if (!data && !error) return <p role="status">Loading figures…</p>;
  return (
    <>
      <h2>From the current contacts</h2>
      <ErrorNotice errors={errorsOf(error)} />
      <div className="charts">
        <Chart title="Contacts by rating" rows={count((n) => n.rag ?? n.proposedRag)} />
        <Chart title="Contacts by status" rows={count((n) => n.status)} />
      </div>
    </>
  );
}
