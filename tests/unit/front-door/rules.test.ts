// Pure rules of the front door: Camden's sign-off rule, outcomes, working days and the agenda
// window, and what the e-mails say (and do not say).
import { describe, expect, it } from "@jest/globals";
import { isUnderFiveOrUnborn, needsManagerSignOff } from "#front-door/sign-off-rule.ts";
import { outcomeMeaning } from "#front-door/outcomes.ts";
import { OUTCOMES } from "#front-door/types.ts";
import { workingCalendar } from "#notifications/due-by.ts";
import { agendaWindow } from "#front-door/list-daily-discussion.ts";
import { referrerEmail } from "#front-door/referrer-email-message.ts";
import { alertEmail } from "#alerts/email-message.ts";

const now = new Date("2026-11-24T10:00:00Z");
const born = (d: string) => ({ dateOfBirth: new Date(`${d}T00:00:00Z`), expectedDueDate: null });

describe("the sign-off rule for lack of engagement (seed 004)", () => {
  it("applies to a child under 5 on the day, an unborn child, and a child of unknown age", () => {
    expect(isUnderFiveOrUnborn(born("2021-11-25"), now)).toBe(true);
    expect(isUnderFiveOrUnborn(born("2021-11-24"), now)).toBe(false); // fifth birthday today
    expect(
      isUnderFiveOrUnborn({ dateOfBirth: null, expectedDueDate: new Date("2027-02-01") }, now),
    ).toBe(true);
    expect(isUnderFiveOrUnborn({ dateOfBirth: null, expectedDueDate: null }, now)).toBe(true);
  });
  it("asks for sign-off only when the step-up is for lack of engagement", () => {
    expect(needsManagerSignOff(born("2024-01-01"), true, now)).toBe(true);
    expect(needsManagerSignOff(born("2024-01-01"), false, now)).toBe(false);
    expect(needsManagerSignOff(born("2015-01-01"), true, now)).toBe(false);
  });
});

describe("what each outcome sets (front-door.md)", () => {
  it("sets the table's next actions and levels", () => {
    expect(Object.fromEntries(OUTCOMES.map((o) => [o, outcomeMeaning(o).nextActions]))).toEqual({
      NO_FURTHER_ACTION: [],
      ADVICE_AND_SIGNPOSTING: ["INFORM_REFERRER"],
      EARLY_HELP: ["EARLY_HELP_ASSESSMENT"],
      SINGLE_AGENCY: ["REFER_TO_PARTNER"],
      CHILD_IN_NEED_ASSESSMENT: ["CHILD_AND_FAMILY_ASSESSMENT"],
      STRATEGY_DISCUSSION: ["STRATEGY_DISCUSSION", "CHILD_AND_FAMILY_ASSESSMENT"],
    });
    expect(OUTCOMES.map((o) => outcomeMeaning(o).level)).toEqual([1, 1, 2, 2, 3, 4]);
  });
});

describe("the daily discussion meeting's agenda", () => {
  const calendar = workingCalendar();
  it("puts on Monday's agenda what was set from Friday to Sunday, in London time", () => {
    expect(agendaWindow(calendar, "2026-11-23")).toEqual({
      from: new Date("2026-11-20T00:00:00Z"),
      to: new Date("2026-11-23T00:00:00Z"),
    });
    expect(agendaWindow(calendar, "2026-07-01")).toEqual({
      from: new Date("2026-06-29T23:00:00Z"), // British Summer Time
      to: new Date("2026-06-30T23:00:00Z"),
    });
  });
  it("holds no meeting at weekends or on bank holidays, and skips them before a meeting", () => {
    expect(agendaWindow(calendar, "2026-11-22")).toBeUndefined();
    expect(agendaWindow(calendar, "2026-12-25")).toBeUndefined();
    // after Christmas: from the last working day before it
    expect(agendaWindow(calendar, "2026-12-29")?.from).toEqual(new Date("2026-12-24T00:00:00Z"));
  });
  it("follows the partnership's own bank holidays", () => {
    const extra = workingCalendar(undefined, ["2026-11-23"]);
    expect(agendaWindow(extra, "2026-11-23")).toBeUndefined();
  });
});

describe("the e-mails", () => {
  it("tell the referrer the outcome, the level and the advice, and nothing else", () => {
    const mail = referrerEmail(
      {
        notificationId: "n-1",
        outcome: "EARLY_HELP",
        level: "2",
        advice: "Please join the team around the family.",
        reference: "R-9",
        receivedAt: now,
      },
      "hub@mash.example.org",
      "dsl@school.example.org",
    );
    expect(mail.messageId).toBe("<referral-outcome-n-1@mash-hub>");
    expect(mail.text).toContain("early help");
    expect(mail.text).toContain("level 2, targeted early help");
    expect(mail.text).toContain("Please join the team around the family.");
    expect(mail.text).toContain("(your reference R-9)");
  });
  it("say why an alert was raised by the front door, in words that name no one", () => {
    const why = (stage: string) =>
      String(
        alertEmail(
          {
            id: "a-1",
            notificationId: "n-1",
            childId: "c-1",
            rag: "RED",
            stage,
            dueBy: new Date("2026-11-24T14:00:00Z"),
          },
          "hub@mash.example.org",
          "duty@mash.example.org",
          "https://mash.example.org/console",
        ).text,
      ).split("\n")[0];
    expect(why("ESCALATION:e-1")).toBe(
      "A disagreement with a MASH decision has been raised and needs a MASH manager.",
    );
    expect(why("STEP_UP_REQUEST")).toBe(
      "Early help has asked the MASH to step a family up (proposed RED).",
    );
    expect(why("DECIDED")).toBe(
      "The MASH has decided on a notification about a family you work with.",
    );
  });
});
