// Dates and times as people in England read them.
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dateTime.format(new Date(iso)) : "—";
export const formatDate = (iso: string | null | undefined) =>
  iso ? dateOnly.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : "—";

/** "due in 3 h 20 min" / "overdue by 1 day 2 h". */
export function dueText(dueBy: string, now = Date.now()): { overdue: boolean; text: string } {
  const ms = new Date(dueBy).getTime() - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const parts =
    days > 0
      ? [`${days} day${days === 1 ? "" : "s"}`, `${hours} h`]
      : hours > 0
        ? [`${hours} h`, `${minutes} min`]
        : [`${minutes} min`];
  return ms < 0
    ? { overdue: true, text: `Overdue by ${parts.join(" ")}` }
    : { overdue: false, text: `Due in ${parts.join(" ")}` };
}

export const humanise = (code: string) =>
  code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ");

export const childName = (
  c: { givenName: string | null; familyName: string | null } | null | undefined,
) =>
  c ? [c.givenName, c.familyName].filter(Boolean).join(" ") || "Name withheld" : "Unknown child";
