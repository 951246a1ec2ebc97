// What follows a contact, end to end: step-up requests from early help (and who may not make
// them), disagreements, the daily discussion meeting, the child's chronology, management
// information, and the alerts each raises (acknowledged per user; e-mailed with a link).
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  earlyHelpEvent,
  eventually,
  newChild,
  startSmtpSink,
  type Child,
  type SmtpSink,
} from "../notifications/helpers.ts";
import { workingCalendar } from "#notifications/due-by.ts";
import { nextWorkingDay, toLondon } from "#notifications/london-time.ts";
import {
  DECIDE,
  SCREEN,
  SUBMIT_EVENT,
  SUBMIT_REFERRAL,
  readNotificationTopic,
  referralInput,
} from "./helpers.ts";

const REQUEST_STEP_UP = `mutation($input: StepUpRequestInput!) {
  requestStepUp(input: $input) {
    id kind status proposedRag dueBy reasons { ruleId }
    stepUpRequest { requestedBy reason urgent managerSignOff informationForSocialCare
      answers { riskOfSignificantHarm needsUnmetAndWhy familyEngagement familyToldOfStepUp timescaleForChange lackOfEngagement } }
    referral { concerns immediateRisk referrer { role } }
  } }`;
const RAISE = `mutation($id: ID!, $by: String!, $why: String!) {
  raiseEscalation(notificationId: $id, raisedBy: $by, rationale: $why) { id notificationId status raisedBy rationale } }`;
const RESOLVE = `mutation($id: ID!, $resolution: String!, $changed: Boolean!) {
  resolveEscalation(id: $id, resolution: $resolution, decisionChanged: $changed) {
    id status resolution decisionChanged resolvedAt resolvedBy } }`;
const AGENDA = `query($date: Date!) { dailyDiscussion(date: $date) {
  id date recorded recordedBy decision livedExperienceFromChild livedExperienceInferred reviewOn
  actions { action assignee dueBy } notification { id kind } } }`;
const RECORD = `mutation($input: DailyDiscussionInput!) { recordDailyDiscussion(input: $input) {
  id date recorded recordedBy decision livedExperienceFromChild livedExperienceInferred reviewOn
  actions { action assignee } notification { id } } }`;
const CHRONOLOGY = `query($id: ID!) { child(id: $id) { chronology { at source kind summary rag ref } } }`;
const PERFORMANCE = `query($from: Date!, $to: Date!) { mashPerformance(from: $from, to: $to) {
  contactsByKind { key count } contactsByReferrerRole { key count } decisionsByOutcome { key count }
  noFurtherActionShareByReferrerRole { key share of } withinTimescaleShareByRag { key share of }
  medianHoursToDecision escalationsRaised escalationsResolved escalationsThatChangedDecision overdueOpenNow } }`;
const MY_ALERTS = `query($u: Boolean) { myAlerts(unacknowledgedOnly: $u, first: 200) {
  edges { id recipient rag acknowledgedAt acknowledgedBy acknowledgements { by at } notification { id } } } }`;

const stepUpInput = (childId: string, over: Record<string, unknown> = {}) => ({
  childId,
  reason: "CP",
  answers: {
    riskOfSignificantHarm: true,
    needsUnmetAndWhy: "Neglect continues despite the plan; the children are often hungry.",
    familyEngagement: "Mother missed four of six sessions.",
    familyToldOfStepUp: true,
    timescaleForChange: "Immediately",
    lackOfEngagement: false,
  },
  informationForSocialCare: "Open to early help since May; two police notifications since.",
  urgent: false,
  ...over,
});

describe("after the front door", () => {
  let smtp: SmtpSink;
  let t: TestHub;
  let screener: string;
  let otherScreener: string;
  let manager: string;
  let ehm: string;
  const family = { lead: "lp-wf-1", manager: "ehm-wf-1" };
  let child: Child;
  let childId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestHub({
      kafka: true,
      env: {
        SMTP_URL: smtp.url,
        MASH_DUTY_EMAIL: "duty@mash.example.org",
        ALERT_EMAIL_POLL_MS: "100",
        HUB_PUBLIC_URL: "https://mash.example.org/",
      },
    });
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    otherScreener = await t.token({ sub: "screener-2", role: "MASH_SCREENER" });
    manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });
    ehm = await t.token({ sub: family.manager, role: "EARLY_HELP_MANAGER", name: "Tom EH" });
    child = newChild("2023-02-10"); // under 5
    const agency = await t.token({ sub: "eh-system", role: "AGENCY_SYSTEM", agency: "EARLY_HELP" });
    const res = await t.gql<{ submitAgencyEvent: { childId: string } }>(agency, SUBMIT_EVENT, {
      event: earlyHelpEvent(child, family),
    });
    childId = res.data!.submitAgencyEvent.childId;
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  describe("a step-up request", () => {
    it("is refused to an early help manager of another family, a lead professional and MASH staff", async () => {
      const unrelated = await t.token({ sub: "ehm-unrelated", role: "EARLY_HELP_MANAGER" });
      const lead = await t.token({ sub: family.lead, role: "LEAD_PROFESSIONAL" });
      for (const token of [unrelated, lead, screener]) {
        const res = await t.gql(token, REQUEST_STEP_UP, { input: stepUpInput(childId) });
        expect(res.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
        expect(res.data).toBeNull();
      }
      expect(await t.hub.services.db.stepUpRequest.count()).toBe(0);
    });

    it("for lack of engagement of a child under 5 needs the manager's sign-off", async () => {
      const input = stepUpInput(childId, {
        answers: { ...stepUpInput(childId).answers, lackOfEngagement: true },
      });
      const refused = await t.gql(ehm, REQUEST_STEP_UP, { input });
      expect(refused.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
      expect(refused.errors?.[0]?.extensions?.["fields"]).toEqual(["managerSignOff"]);
      const signed = await t.gql<{ requestStepUp: Record<string, unknown> }>(ehm, REQUEST_STEP_UP, {
        input: { ...input, managerSignOff: true },
      });
      expect(signed.errors).toBeUndefined();
      expect(signed.data?.requestStepUp).toMatchObject({
        kind: "STEP_UP_REQUEST",
        proposedRag: "AMBER",
        reasons: [],
        stepUpRequest: { managerSignOff: true, answers: { lackOfEngagement: true } },
      });
    });

    it("becomes a RED contact in the MASH queue when urgent, alerting MASH managers; its maker reads its answers", async () => {
      const res = await t.gql<{
        requestStepUp: {
          id: string;
          kind: string;
          status: string;
          proposedRag: string;
          dueBy: string;
          reasons: Array<{ ruleId: string }>;
          stepUpRequest: Record<string, unknown>;
          referral: Record<string, unknown>;
        };
      }>(ehm, REQUEST_STEP_UP, { input: stepUpInput(childId, { urgent: true }) });
      expect(res.errors).toBeUndefined();
      const n = res.data!.requestStepUp;
      expect(n).toMatchObject({
        kind: "STEP_UP_REQUEST",
        status: "AWAITING_SCREENING",
        proposedRag: "RED",
        reasons: [{ ruleId: "REFERRAL_IMMEDIATE_RISK" }],
      });
      // no consent covering EARLY_HELP is recorded: the early help manager reads it as its maker
      expect(n.stepUpRequest).toMatchObject({
        requestedBy: family.manager,
        reason: "CP",
        urgent: true,
        informationForSocialCare: expect.stringContaining("two police notifications"),
        answers: { familyEngagement: "Mother missed four of six sessions." },
      });
      expect(n.referral).toMatchObject({ immediateRisk: true, referrer: { role: "EARLY_HELP" } });
      const alerts = await t.hub.services.db.alert.findMany({ where: { notificationId: n.id } });
      expect(alerts.map((a) => `${a.stage}:${a.recipient}`).sort()).toEqual([
        "PROPOSED_RED:MASH_DUTY",
        "PROPOSED_RED:ROLE:MASH",
        "STEP_UP_REQUEST:MASH_DUTY",
        "STEP_UP_REQUEST:ROLE:MASH_MANAGER",
      ]);
      // the lead professional of the family did not make it, and no consent covers EARLY_HELP
      const lead = await t.token({ sub: family.lead, role: "LEAD_PROFESSIONAL" });
      const asLead = await t.gql<{ child: { notifications: Array<Record<string, unknown>> } }>(
        lead,
        `query($id: ID!) { child(id: $id) { notifications { id stepUpRequest { urgent informationForSocialCare } } } }`,
        { id: childId },
      );
      const seen = asLead.data?.child.notifications.find((x) => x["id"] === n.id);
      expect(seen?.["stepUpRequest"]).toEqual({ urgent: true, informationForSocialCare: null });
      expect(asLead.errors?.map((e) => e.extensions?.["reason"])).toContain("NO_CONSENT");
    });
  });

  describe("alerts", () => {
    it("are acknowledged per user in a role inbox, say who, and e-mail a link and the due time without names", async () => {
      const before = await t.gql<{ myAlerts: { edges: Array<{ id: string; recipient: string }> } }>(
        screener,
        MY_ALERTS,
        { u: true },
      );
      const roleAlert = before.data!.myAlerts.edges.find((a) => a.recipient === "ROLE:MASH")!;
      expect(roleAlert).toBeDefined();
      const ack = await t.gql<{ acknowledgeAlert: Record<string, unknown> }>(
        screener,
        `mutation($id: ID!) { acknowledgeAlert(id: $id) { acknowledgedAt acknowledgedBy acknowledgements { by } } }`,
        { id: roleAlert.id },
      );
      expect(ack.data?.acknowledgeAlert).toMatchObject({
        acknowledgedBy: "screener-1",
        acknowledgedAt: expect.any(String),
        acknowledgements: [{ by: "screener-1" }],
      });
      const mine = await t.gql<{ myAlerts: { edges: Array<{ id: string }> } }>(
        screener,
        MY_ALERTS,
        {
          u: true,
        },
      );
      expect(mine.data!.myAlerts.edges.map((a) => a.id)).not.toContain(roleAlert.id);
      const theirs = await t.gql<{
        myAlerts: {
          edges: Array<{
            id: string;
            acknowledgedAt: string | null;
            acknowledgements: Array<{ by: string }>;
          }>;
        };
      }>(otherScreener, MY_ALERTS, { u: true });
      const forThem = theirs.data!.myAlerts.edges.find((a) => a.id === roleAlert.id);
      expect(forThem).toMatchObject({
        acknowledgedAt: null,
        acknowledgements: [{ by: "screener-1" }],
      });
      // a MASH_MANAGER inbox alert is not shown to screeners
      const managersOnly = await t.hub.services.db.alert.findFirstOrThrow({
        where: { recipient: "ROLE:MASH_MANAGER" },
      });
      expect(mine.data!.myAlerts.edges.map((a) => a.id)).not.toContain(managersOnly.id);

      const duty = await eventually("the duty e-mail for the step-up request", () =>
        smtp.mails.find((m) => m.raw.includes("step a family up")),
      );
      const dutyRow = await t.hub.services.db.alert.findFirstOrThrow({
        where: { recipient: "MASH_DUTY", stage: "STEP_UP_REQUEST" },
        include: { notification: true },
      });
      const flat = duty.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      expect(flat).toContain(
        `https://mash.example.org/console/child/${childId}?notification=${dutyRow.notificationId}`,
      );
      expect(flat).toContain(dutyRow.notification.dueBy.toISOString());
      expect(flat).not.toContain(child.familyName);
      expect(flat).not.toContain(child.givenName);
    });
  });

  describe("a disagreement", () => {
    it("is raised by the family's early help manager, alerts MASH managers, and is resolved by a manager only", async () => {
      const list = await t.gql<{ notifications: { edges: Array<{ id: string }> } }>(
        screener,
        `query($c: ID) { notifications(filter: { childId: $c, kind: STEP_UP_REQUEST }) { edges { id } } }`,
        { c: childId },
      );
      const id = list.data!.notifications.edges[0]!.id;
      const unrelated = await t.token({ sub: "ehm-unrelated", role: "EARLY_HELP_MANAGER" });
      const notTheirs = await t.gql(unrelated, RAISE, { id, by: "EH", why: "We disagree." });
      expect(notTheirs.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");

      const raised = await t.gql<{
        raiseEscalation: { id: string; status: string; raisedBy: string };
      }>(ehm, RAISE, {
        id,
        by: "Tom EH (early help manager)",
        why: "The risk is higher than the MASH rated it.",
      });
      expect(raised.errors).toBeUndefined();
      expect(raised.data?.raiseEscalation).toMatchObject({
        status: "OPEN",
        raisedBy: "Tom EH (early help manager)",
      });
      const escalationId = raised.data!.raiseEscalation.id;
      const alert = await t.hub.services.db.alert.findFirst({
        where: { stage: `ESCALATION:${escalationId}`, recipient: "ROLE:MASH_MANAGER" },
      });
      expect(alert).not.toBeNull();
      const managerAlerts = await t.gql<{ myAlerts: { edges: Array<{ id: string }> } }>(
        manager,
        MY_ALERTS,
        { u: true },
      );
      expect(managerAlerts.data!.myAlerts.edges.map((a) => a.id)).toContain(alert!.id);

      const byScreener = await t.gql(screener, RESOLVE, {
        id: escalationId,
        resolution: "x",
        changed: false,
      });
      expect(byScreener.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
      const resolved = await t.gql<{ resolveEscalation: Record<string, unknown> }>(
        manager,
        RESOLVE,
        {
          id: escalationId,
          resolution: "Discussed with the early help manager; rating raised to RED.",
          changed: true,
        },
      );
      expect(resolved.data?.resolveEscalation).toMatchObject({
        status: "RESOLVED",
        decisionChanged: true,
        resolvedBy: "manager-1",
      });
      const twice = await t.gql(manager, RESOLVE, {
        id: escalationId,
        resolution: "y",
        changed: false,
      });
      expect(twice.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
      const onContact = await t.gql<{
        notifications: { edges: Array<{ escalations: unknown[] }> };
      }>(
        manager,
        `query($c: ID) { notifications(filter: { childId: $c, kind: STEP_UP_REQUEST }) { edges { escalations { id status decisionChanged } } } }`,
        { c: childId },
      );
      expect(onContact.data!.notifications.edges.flatMap((e) => e.escalations)).toEqual([
        { id: escalationId, status: "RESOLVED", decisionChanged: true },
      ]);
    });
  });

  describe("the daily discussion meeting", () => {
    it("has every AMBER-screened contact on the next working day's agenda, and keeps what it decided", async () => {
      const school = await t.token({
        sub: "school-portal",
        role: "AGENCY_SYSTEM",
        agency: "EDUCATION",
      });
      const referred = await t.gql<{ submitReferral: { notificationId: string } }>(
        school,
        SUBMIT_REFERRAL,
        { input: referralInput(child) },
      );
      const id = referred.data!.submitReferral.notificationId;
      await t.gql(screener, SCREEN, { id, rag: "AMBER", rationale: "For the daily discussion." });
      const meeting = nextWorkingDay(workingCalendar(), toLondon(new Date()).date);

      const agenda = await t.gql<{ dailyDiscussion: Array<Record<string, unknown>> }>(
        manager,
        AGENDA,
        {
          date: meeting,
        },
      );
      expect(agenda.errors).toBeUndefined();
      expect(agenda.data?.dailyDiscussion).toContainEqual(
        expect.objectContaining({
          recorded: false,
          date: meeting,
          notification: { id, kind: "REFERRAL" },
        }),
      );
      // the family's early help manager sees it; another family's does not
      const theirs = await t.gql<{ dailyDiscussion: Array<{ notification: { id: string } }> }>(
        ehm,
        AGENDA,
        { date: meeting },
      );
      expect(theirs.data?.dailyDiscussion.map((i) => i.notification.id)).toContain(id);
      const unrelated = await t.token({ sub: "ehm-unrelated", role: "EARLY_HELP_MANAGER" });
      const notTheirs = await t.gql<{ dailyDiscussion: unknown[] }>(unrelated, AGENDA, {
        date: meeting,
      });
      expect(notTheirs.data?.dailyDiscussion).toEqual([]);
      // nor any of the referral's detail, by any path
      const detail = await t.gql<{ child: unknown }>(
        unrelated,
        `query($id: ID!) { child(id: $id) { notifications { referral { concerns familyMembers { givenName } } } chronology { summary } } }`,
        { id: childId },
      );
      expect(detail.data?.child).toBeNull();
      expect(detail.errors?.map((e) => e.extensions?.["code"])).toEqual(["FORBIDDEN"]);
      expect(JSON.stringify(detail)).not.toContain("bruising");

      const recorded = await t.gql<{ recordDailyDiscussion: Record<string, unknown> }>(
        manager,
        RECORD,
        {
          input: {
            notificationId: id,
            date: meeting,
            livedExperienceFromChild: "Told her teacher she is hungry at school.",
            livedExperienceInferred: "Likely left alone in the evenings.",
            decision: "Stays with early help; review in four weeks.",
            actions: [{ action: "EARLY_HELP_REVIEW", assignee: family.manager }],
            reviewOn: "2027-01-04",
          },
        },
      );
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data?.recordDailyDiscussion).toMatchObject({
        recorded: true,
        recordedBy: "manager-1",
        livedExperienceFromChild: "Told her teacher she is hungry at school.",
        livedExperienceInferred: "Likely left alone in the evenings.",
        actions: [{ action: "EARLY_HELP_REVIEW", assignee: family.manager }],
        reviewOn: "2027-01-04",
      });
      const after = await t.gql<{ dailyDiscussion: Array<Record<string, unknown>> }>(
        manager,
        AGENDA,
        {
          date: meeting,
        },
      );
      const items = after.data!.dailyDiscussion.filter(
        (i) => (i["notification"] as { id: string }).id === id,
      );
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        recorded: true,
        decision: "Stays with early help; review in four weeks.",
      });
      const again = await t.gql(manager, RECORD, {
        input: { notificationId: id, date: meeting, decision: "again", actions: [] },
      });
      expect(again.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
      const byScreener = await t.gql(screener, RECORD, {
        input: { notificationId: id, date: "2030-01-02", decision: "x", actions: [] },
      });
      expect(byScreener.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    });
  });

  describe("the chronology", () => {
    it("lists every agency record and MASH step oldest first, each summary under its record's category", async () => {
      const res = await t.gql<{
        child: {
          chronology: Array<{
            at: string;
            source: string;
            kind: string;
            summary: string | null;
            ref: string;
          }>;
        };
      }>(screener, CHRONOLOGY, { id: childId });
      const entries = res.data!.child.chronology;
      const kinds = entries.map((e) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          "EARLY_HELP_EPISODE",
          "STEP_UP_REQUEST",
          "ESCALATION",
          "ESCALATION_RESOLVED",
          "REFERRAL",
          "SCREENING",
          "DAILY_DISCUSSION",
        ]),
      );
      const times = entries.map((e) => new Date(e.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // a MASH screener: REFERRAL_DETAIL, DECISION and FLAGS summaries; nothing withheld
      expect(res.errors).toBeUndefined();
      expect(entries.every((e) => e.summary !== null)).toBe(true);

      // the lead professional without consent covering EARLY_HELP: the referral's and the step-up
      // request's summaries are withheld (REFERRAL_DETAIL); decisions and flags are not
      const lead = await t.token({ sub: family.lead, role: "LEAD_PROFESSIONAL" });
      const asLead = await t.gql<{
        child: { chronology: Array<{ kind: string; summary: string | null }> };
      }>(lead, CHRONOLOGY, { id: childId });
      const withheld = new Set(
        (asLead.errors ?? []).map((e) => asLead.data!.child.chronology[e.path![2] as number]!.kind),
      );
      expect([...withheld].sort()).toEqual(["REFERRAL", "STEP_UP_REQUEST"]);
      expect(
        (asLead.errors ?? []).every(
          (e) =>
            e.extensions?.["category"] === "REFERRAL_DETAIL" &&
            e.extensions?.["reason"] === "NO_CONSENT",
        ),
      ).toBe(true);
      for (const e of asLead.data!.child.chronology) {
        expect(e.summary === null).toBe(withheld.has(e.kind));
      }
      // the early help manager made the step-up requests: their summaries are open to them
      const asMaker = await t.gql<{
        child: { chronology: Array<{ kind: string; summary: string | null }> };
      }>(ehm, CHRONOLOGY, { id: childId });
      const makers = asMaker.data!.child.chronology.filter((e) => e.kind === "STEP_UP_REQUEST");
      expect(makers.length).toBeGreaterThan(0);
      expect(makers.every((e) => e.summary !== null)).toBe(true);
      expect(asMaker.data!.child.chronology.find((e) => e.kind === "REFERRAL")?.summary).toBeNull();

      // and the access log says what each saw and what was withheld
      const log = await t.hub.services.db.accessEvent.findMany({
        where: { personId: childId, actor: family.lead },
      });
      expect(log.some((e) => e.withheld.includes("ChronologyEntry.summary"))).toBe(true);
      expect(log.some((e) => e.disclosed.includes("ChronologyEntry.summary"))).toBe(true);
    });
  });

  describe("management information", () => {
    it("counts decisions in the period for managers and auditors, naming no child, and refuses screeners", async () => {
      const list = await t.gql<{ notifications: { edges: Array<{ id: string; status: string }> } }>(
        screener,
        `query($c: ID) { notifications(filter: { childId: $c, kind: STEP_UP_REQUEST }) { edges { id status } } }`,
        { c: childId },
      );
      for (const n of list.data!.notifications.edges) {
        await t.gql(screener, SCREEN, { id: n.id, rag: "RED", rationale: "Screened." });
        const decided = await t.gql(manager, DECIDE, {
          id: n.id,
          outcome: "STRATEGY_DISCUSSION",
          rationale: "Significant harm: strategy discussion.",
        });
        expect(decided.errors).toBeUndefined();
      }
      const today = toLondon(new Date()).date;
      const res = await t.gql<{ mashPerformance: Record<string, unknown> }>(manager, PERFORMANCE, {
        from: today,
        to: today,
      });
      expect(res.errors).toBeUndefined();
      const mi = res.data!.mashPerformance;
      expect(mi["contactsByKind"]).toEqual([{ key: "STEP_UP_REQUEST", count: 2 }]);
      expect(mi["contactsByReferrerRole"]).toEqual([{ key: "EARLY_HELP", count: 2 }]);
      expect(mi["decisionsByOutcome"]).toEqual([{ key: "STRATEGY_DISCUSSION", count: 2 }]);
      expect(mi["noFurtherActionShareByReferrerRole"]).toEqual([
        { key: "EARLY_HELP", share: 0, of: 2 },
      ]);
      expect(mi["withinTimescaleShareByRag"]).toEqual([{ key: "RED", share: 1, of: 2 }]);
      expect(mi["medianHoursToDecision"]).toEqual(expect.any(Number));
      expect(mi).toMatchObject({
        escalationsRaised: 1,
        escalationsResolved: 1,
        escalationsThatChangedDecision: 1,
        overdueOpenNow: 0,
      });
      const text = JSON.stringify(mi);
      expect(text).not.toContain(childId);
      expect(text).not.toContain(child.familyName);

      const auditor = await t.token({ sub: "auditor-1", role: "AUDITOR" });
      expect(
        (await t.gql(auditor, PERFORMANCE, { from: today, to: today })).errors,
      ).toBeUndefined();
      const byScreener = await t.gql(screener, PERFORMANCE, { from: today, to: today });
      expect(byScreener.errors?.[0]?.extensions?.["code"]).toBe("WITHHELD");
      const backwards = await t.gql(manager, PERFORMANCE, { from: today, to: "2020-01-01" });
      expect(backwards.errors?.[0]?.extensions?.["fields"]).toEqual(["to"]);
    });
  });

  it("announces every step on mash.notifications.v1", async () => {
    const messages = await readNotificationTopic(inject("kafkaBrokers"), t.topicPrefix, (ms) =>
      ["ESCALATION_RESOLVED", "DAILY_DISCUSSION_RECORDED", "DECIDED"].every((c) =>
        ms.some((m) => m.change === c),
      ),
    );
    const changes = new Set(messages.map((m) => m.change));
    for (const c of [
      "CREATED",
      "ESCALATION_RAISED",
      "ESCALATION_RESOLVED",
      "DAILY_DISCUSSION_RECORDED",
    ]) {
      expect(changes).toContain(c);
    }
    expect(messages.some((m) => m.change === "CREATED" && m["kind"] === "STEP_UP_REQUEST")).toBe(
      true,
    );
  });
});
