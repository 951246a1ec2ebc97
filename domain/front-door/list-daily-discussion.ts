// dailyDiscussion(date) (front-door.md "The daily discussion meeting"; seed 004 section 3): the
// agenda of the meeting held on a working day. On it: every contact whose next actions came to
// include DAILY_DISCUSSION_MEETING since the working day before (screened AMBER, or a decision
// or a meeting that set it; an action with a due time is on the agenda of that day instead), and
// every contact whose discussion was recorded for that date. Recorded items carry what the
// meeting decided. MASH roles see the whole agenda; an early help manager sees the items about
// families whose open episode names them.
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { isMashRole } from "#auth/viewer.ts";
import { forbidden } from "#errors/domain-error.ts";
import { calendarDate } from "./fields.ts";
import { mapDailyDiscussion } from "./map-rows.ts";
import { parseInput } from "./parse-input.ts";
import type { DailyDiscussionItemView } from "./types.ts";
import {
  fromLondon,
  isWorkingDay,
  nextDate,
  type WorkingCalendar,
} from "#notifications/london-time.ts";
import { z } from "zod";

export const DAILY_DISCUSSION_MEETING = "DAILY_DISCUSSION_MEETING";

/**
 * [from, to): the instants whose next working day is `date` in the partnership's calendar (the
 * one its timescales use); none when `date` is not a working day.
 */
export function agendaWindow(
  calendar: WorkingCalendar,
  date: string,
): { from: Date; to: Date } | undefined {
  if (!isWorkingDay(calendar, date)) return undefined;
  let start = nextDate(date, -1);
  for (let i = 0; !isWorkingDay(calendar, start); i++) {
    if (i > 366) return undefined;
    start = nextDate(start, -1);
  }
  return { from: fromLondon(start, 0), to: fromLondon(date, 0) };
}

export async function listDailyDiscussion(
  db: Db,
  calendar: WorkingCalendar,
  viewer: Viewer,
  raw: unknown,
): Promise<DailyDiscussionItemView[]> {
  if (!isMashRole(viewer.role) && viewer.role !== "EARLY_HELP_MANAGER") {
    throw forbidden("Only MASH staff and early help managers see the daily discussion meeting");
  }
  const { date } = parseInput(z.object({ date: calendarDate }), raw);
  const window = agendaWindow(calendar, date);
  const dayStart = fromLondon(date, 0);
  const dayEnd = fromLondon(nextDate(date), 0);
  const families =
    viewer.role === "EARLY_HELP_MANAGER"
      ? { person: { earlyHelpEpisodes: { some: { status: "OPEN", managerId: viewer.sub } } } }
      : {};

  const [recorded, screened, actions] = await Promise.all([
    db.dailyDiscussion.findMany({
      where: { date: new Date(`${date}T00:00:00Z`), notification: families },
      include: { actions: true, notification: { select: { personId: true, createdAt: true } } },
    }),
    window
      ? db.mashNotification.findMany({
          where: {
            ...families,
            nextActions: { has: DAILY_DISCUSSION_MEETING },
            screenedAt: { gte: window.from, lt: window.to },
          },
          select: { id: true, personId: true, createdAt: true },
        })
      : [],
    db.nextAction.findMany({
      where: {
        action: DAILY_DISCUSSION_MEETING,
        notification: families,
        OR: [
          { dueBy: { gte: dayStart, lt: dayEnd } },
          ...(window ? [{ dueBy: null, createdAt: { gte: window.from, lt: window.to } }] : []),
        ],
      },
      select: { notification: { select: { id: true, personId: true, createdAt: true } } },
    }),
  ]);

  const items = new Map<string, { item: DailyDiscussionItemView; createdAt: Date }>();
  for (const r of recorded) {
    items.set(r.notificationId, {
      item: mapDailyDiscussion(r, r.notification.personId),
      createdAt: r.notification.createdAt,
    });
  }
  const pending = [...screened, ...actions.map((a) => a.notification)];
  for (const n of pending) {
    if (items.has(n.id)) continue;
    items.set(n.id, {
      item: {
        childId: n.personId,
        id: `agenda:${date}:${n.id}`,
        date,
        notificationId: n.id,
        livedExperienceFromChild: null,
        livedExperienceInferred: null,
        decision: null,
        actions: [],
        reviewOn: null,
        recorded: false,
        recordedBy: null,
      },
      createdAt: n.createdAt,
    });
  }
  return [...items.values()]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((x) => x.item);
}
