// recordDailyDiscussion: the MASH manager who chairs the meeting records what it decided about
// one contact: the child's lived experience as presented (what came from the child kept apart
// from what is inferred, seed 004), the decision, actions with owners and due dates, and a
// review date. Once per contact per meeting date; part of the child's chronology.
import type { ActionAudit } from "./record-action.ts";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { conflict, forbidden, notFound } from "#errors/domain-error.ts";
import { announce } from "./announce.ts";
import { calendarDate, id, nextActionList, optionalText, requiredText } from "./fields.ts";
import { mapDailyDiscussion } from "./map-rows.ts";
import { invalid, parseInput } from "./parse-input.ts";
import { recordAction } from "./record-action.ts";
import type { DailyDiscussionItemView } from "./types.ts";

const recordInput = z.object({
  notificationId: id,
  date: calendarDate,
  livedExperienceFromChild: optionalText(4_000),
  livedExperienceInferred: optionalText(4_000),
  decision: requiredText(4_000),
  actions: nextActionList,
  reviewOn: calendarDate.nullish().transform((v) => v ?? null),
});

const asDate = (d: string) => new Date(`${d}T00:00:00Z`);

export async function recordDailyDiscussion(
  db: Db,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<DailyDiscussionItemView> {
  if (viewer.role !== "MASH_MANAGER") {
    throw forbidden("Only a MASH manager records the daily discussion meeting");
  }
  const input = parseInput(recordInput, raw);
  if (input.reviewOn && input.reviewOn < input.date) {
    throw invalid([{ path: "reviewOn", message: "must not be before the meeting's date" }]);
  }
  return db.$transaction(async (tx) => {
    const contact = await tx.mashNotification.findUnique({
      where: { id: input.notificationId },
      select: { id: true, personId: true },
    });
    if (!contact) throw notFound("Notification");
    const made = await tx.dailyDiscussion.createMany({
      data: [
        {
          id: randomUUID(),
          notificationId: contact.id,
          date: asDate(input.date),
          livedExperienceFromChild: input.livedExperienceFromChild,
          livedExperienceInferred: input.livedExperienceInferred,
          decision: input.decision,
          reviewOn: input.reviewOn ? asDate(input.reviewOn) : null,
          recordedBy: viewer.sub,
          recordedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (made.count === 0) {
      throw conflict("The meeting's discussion of this contact on this date is already recorded");
    }
    const row = await tx.dailyDiscussion.findUniqueOrThrow({
      where: { notificationId_date: { notificationId: contact.id, date: asDate(input.date) } },
    });
    await tx.nextAction.createMany({
      data: input.actions.map((a, i) => ({
        id: randomUUID(),
        notificationId: contact.id,
        dailyDiscussionId: row.id,
        action: a.action,
        assignee: a.assignee,
        dueBy: a.dueBy,
        createdAt: new Date(now.getTime() + i), // keeps the order given
        createdBy: viewer.sub,
      })),
    });
    await announce(tx, contact.id, "DAILY_DISCUSSION_RECORDED", {
      dailyDiscussionId: row.id,
      date: input.date,
    });
    await recordAction(tx, viewer, audit, contact.personId, "Mutation.recordDailyDiscussion");
    const actions = await tx.nextAction.findMany({
      where: { dailyDiscussionId: row.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return mapDailyDiscussion({ ...row, actions }, contact.personId);
  });
}
