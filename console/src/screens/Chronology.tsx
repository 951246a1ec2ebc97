// The chronology as a picture: one lane per agency (and the MASH's own steps) over time, each
// record a marker whose shape and colour give its rating, and a text label in the table beside
// it. Markers are keyboard-focusable; Enter, Space or a click opens the record.
import { useMemo, useState, type KeyboardEvent } from "react";
import type { ChronologyEntry, Rag } from "../graphql/types.ts";
import { RAG_COLOUR } from "../components/Rag.tsx";
import { formatDate, formatDateTime, humanise } from "../components/format.ts";

const LANES = ["CPIS", "POLICE", "HEALTH", "EDUCATION", "EARLY_HELP", "MASH"] as const;
const LANE_LABEL: Record<string, string> = {
  CPIS: "CP-IS",
  POLICE: "Police",
  HEALTH: "Health",
  EDUCATION: "Education",
  EARLY_HELP: "Early help",
  MASH: "MASH",
};
const W = 1000;
const LEFT = 110;
const RIGHT = 24;
const LANE_H = 46;
const TOP = 16;
const AXIS = 34;

function Marker({ rag, x, y }: { rag: Rag | null; x: number; y: number }) {
  const fill = rag ? RAG_COLOUR[rag] : "#505a5f";
  const common = { className: "marker", fill, stroke: "#0b0c0c", strokeWidth: 1.5 };
  if (rag === "RED")
    return <polygon {...common} points={`${x},${y - 10} ${x + 10},${y + 8} ${x - 10},${y + 8}`} />;
  if (rag === "AMBER")
    return (
      <polygon {...common} points={`${x},${y - 10} ${x + 10},${y} ${x},${y + 10} ${x - 10},${y}`} />
    );
  if (rag === "GREEN") return <circle {...common} cx={x} cy={y} r={9} />;
  return <rect {...common} x={x - 7} y={y - 7} width={14} height={14} />;
}

export function ChronologyPicture({
  entries,
  onOpen,
  selected,
}: {
  entries: ChronologyEntry[];
  onOpen: (e: ChronologyEntry) => void;
  selected: string | undefined;
}) {
  const lanes = useMemo(() => {
    const present = new Set(entries.map((e) => e.source));
    return [
      ...LANES.filter((l) => present.has(l)),
      ...[...present].filter((s) => !(LANES as readonly string[]).includes(s)),
    ];
  }, [entries]);
  const [hover, setHover] = useState<string>();
  if (entries.length === 0) return <p>Nothing is recorded about this child yet.</p>;
  const times = entries.map((e) => new Date(e.at).getTime());
  const min = Math.min(...times);
  const max = Math.max(...times, Date.now());
  const span = Math.max(max - min, 86_400_000);
  const start = min - span * 0.03;
  const end = max + span * 0.03;
  const x = (t: number) => LEFT + ((t - start) / (end - start)) * (W - LEFT - RIGHT);
  const height = TOP + lanes.length * LANE_H + AXIS;
  const ticks = Array.from({ length: 6 }, (_, i) => start + ((end - start) * i) / 5);
  const open = (e: ChronologyEntry) => onOpen(e);
  const onKey = (ev: KeyboardEvent, e: ChronologyEntry) => {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      open(e);
    }
  };
  return (
    <div className="chronology">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="group"
        aria-label={`Chronology picture: ${entries.length} records in ${lanes.length} lanes, oldest on the left`}
        data-testid="chronology-picture"
      >
        {lanes.map((lane, i) => {
          const y = TOP + i * LANE_H + LANE_H / 2;
          return (
            <g key={lane}>
              <rect
                x={0}
                y={TOP + i * LANE_H}
                width={W}
                height={LANE_H}
                fill={i % 2 ? "#f3f2f1" : "#ffffff"}
              />
              <text x={8} y={y + 5} className="lane-label">
                {LANE_LABEL[lane] ?? humanise(lane)}
              </text>
              <line x1={LEFT} x2={W - RIGHT} y1={y} y2={y} stroke="#b1b4b6" />
            </g>
          );
        })}
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={x(t)}
              x2={x(t)}
              y1={TOP}
              y2={TOP + lanes.length * LANE_H}
              stroke="#d8d8d8"
              strokeDasharray="3 3"
            />
            <text x={x(t)} y={height - 10} textAnchor="middle" className="axis-label">
              {formatDate(new Date(t).toISOString())}
            </text>
          </g>
        ))}
        {entries.map((e, i) => {
          const lane = lanes.indexOf(e.source);
          const cx = x(new Date(e.at).getTime());
          const cy = TOP + lane * LANE_H + LANE_H / 2;
          const key = `${e.ref}-${e.kind}-${i}`;
          const label = `${LANE_LABEL[e.source] ?? e.source}: ${humanise(e.kind)}, ${formatDateTime(e.at)}${e.rag ? `, rated ${e.rag}` : ""}. Open the record.`;
          return (
            <g
              key={key}
              tabIndex={0}
              role="button"
              aria-label={label}
              aria-pressed={selected === key}
              className={`entry${selected === key ? " selected" : ""}`}
              onClick={() => open({ ...e, ref: e.ref })}
              onKeyDown={(ev) => onKey(ev, e)}
              onMouseEnter={() => setHover(key)}
              onMouseLeave={() => setHover(undefined)}
              data-testid="chronology-entry"
              data-key={key}
            >
              <title>{label}</title>
              <circle cx={cx} cy={cy} r={16} fill="transparent" />
              <Marker rag={e.rag} x={cx} y={cy} />
              {hover === key || selected === key ? (
                <circle cx={cx} cy={cy} r={14} fill="none" stroke="#0b0c0c" strokeWidth={2} />
              ) : null}
            </g>
          );
        })}
      </svg>
      <p className="legend">
        <span aria-hidden="true">▲</span> RED <span aria-hidden="true">◆</span> AMBER{" "}
        <span aria-hidden="true">●</span> GREEN <span aria-hidden="true">■</span> not rated. Select
        a marker to open its record.
      </p>
    </div>
  );
}

export function ChronologyTable({ entries }: { entries: ChronologyEntry[] }) {
  return (
    <details className="chronology-table">
      <summary>The chronology as a table</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Source</th>
              <th scope="col">What</th>
              <th scope="col">Rating</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.ref}-${i}`}>
                <td>{formatDateTime(e.at)}</td>
                <td>{LANE_LABEL[e.source] ?? e.source}</td>
                <td>{humanise(e.kind)}</td>
                <td>{e.rag ?? "—"}</td>
                <td>{e.summary ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
