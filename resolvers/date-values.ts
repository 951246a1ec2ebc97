// Whether a date or date-time written by a caller names a day and a time that exist. Pure.
// `Date.parse` is no judge: it rolls 2026-02-30 over into March and reads some impossible
// times; a value it accepts can still fail in the database, whose error quotes the value.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Why YYYY-MM-DD is not a day of the calendar, or undefined when it is. */
export function calendarProblem(value: string): string | undefined {
  const m = DATE.exec(value);
  if (!m) return "it is not written YYYY-MM-DD";
  return dayProblem(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Why an ISO 8601 date-time with offset is not a real moment, or undefined when it is. */
export function dateTimeProblem(value: string): string | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return "it is not written YYYY-MM-DDThh:mm[:ss[.fff]] with Z or ±hh:mm";
  const day = dayProblem(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day) return day;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? "0")];
  if (hour > 23) return `hour ${m[4]} does not exist`;
  if (minute > 59) return `minute ${m[5]} does not exist`;
  if (second > 59) return `second ${m[6]} does not exist`;
  if (m[9] !== undefined) {
    if (Number(m[10]) > 14) return `offset ${m[8]} is not a time zone`;
    if (Number(m[11]) > 59) return `offset minute ${m[11]} does not exist`;
  }
  return Number.isNaN(Date.parse(value)) ? "it is not a moment in time" : undefined;
}

function dayProblem(year: number, month: number, day: number): string | undefined {
  if (year < 1) return "year 0000 does not exist";
  if (month < 1 || month > 12) return `month ${String(month).padStart(2, "0")} does not exist`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    return `day ${String(day).padStart(2, "0")} does not exist in month ${String(month).padStart(2, "0")} of ${year}`;
  }
  return undefined;
}
