// submitReferral against the running hub: completeness, immediate risk, the public, the same
// referral twice, identity resolution as for events, the proposed rating, and who may refer.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { newChild } from "../notifications/helpers.ts";
import { NOTIFICATION_FIELDS, SUBMIT_REFERRAL, knownChild, referralInput } from "./helpers.ts";

interface Result {
  submitReferral: {
    accepted: boolean;
    notificationId: string | null;
    missing: Array<{ path: string; message: string }>;
  } | null;
}

interface ReferralNotification {
  id: string;
  kind: string;
  status: string;
  proposedRag: string;
  childId: { id: string };
  reasons: Array<{ ruleId: string; rag: string; evidence: string[] }>;
  referral: {
    concerns: string;
    immediateRisk: boolean;
    missing: Array<{ path: string; message: string }>;
    familyMembers: Array<{ givenName: string; relationship: string }>;
    clientReference: string | null;
    referrer: { name: string; role: string; email: string | null };
  };
}

describe("referrals to the MASH", () => {
  let t: TestHub;
  let school: string;
  let screener: string;

  beforeAll(async () => {
    t = await startTestHub();
    school = await t.token({
      sub: "hill-primary-portal",
      role: "AGENCY_SYSTEM",
      agency: "EDUCATION",
    });
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const submit = (token: string, input: Record<string, unknown>) =>
    t.gql<Result>(token, SUBMIT_REFERRAL, { input });
  const contact = async (id: string) => {
    const res = await t.gql<{ notifications: { edges: ReferralNotification[] } }>(
      screener,
      `query { notifications(filter: { kind: REFERRAL }, first: 10) { edges { ${NOTIFICATION_FIELDS} } } }`,
    );
    expect(res.errors).toBeUndefined();
    const found = res.data!.notifications.edges.find((n) => n.id === id);
    if (!found) throw new Error(`no REFERRAL contact ${id}`);
    return found;
  };

  it("returns a professional's incomplete referral with every gap named, keeping only a rejected-referral record", async () => {
    const notificationsBefore = await t.hub.services.db.mashNotification.count();
    const peopleBefore = await t.hub.services.db.person.count();
    const res = await submit(
      school,
      referralInput(newChild(), {
        familyMembers: [],
        previousSupport: null,
        parentsInformed: false,
        consent: "NOT_SOUGHT",
        consentReason: "  ",
        concerns: "Worried about her.",
      }),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitReferral?.accepted).toBe(false);
    expect(res.data?.submitReferral?.notificationId).toBeNull();
    expect(res.data?.submitReferral?.missing.map((m) => m.path).sort()).toEqual([
      "concerns",
      "consentReason",
      "familyMembers",
      "previousSupport",
    ]);
    expect(await t.hub.services.db.mashNotification.count()).toBe(notificationsBefore);
    expect(await t.hub.services.db.person.count()).toBe(peopleBefore);
    const kept = await t.hub.services.db.rejectedReferral.findFirstOrThrow({
      where: { submittedBy: "hill-primary-portal", reason: "INCOMPLETE" },
    });
    expect((kept.issues as Array<{ path: string }>).map((i) => i.path).sort()).toEqual([
      "concerns",
      "consentReason",
      "familyMembers",
      "previousSupport",
    ]);
  });

  it("refuses bad values naming each field, and keeps the refusal", async () => {
    const res = await submit(
      school,
      referralInput(newChild(), {
        subject: { givenName: "", familyName: "X", nhsNumber: "1234567890", postcode: "nowhere" },
        referrer: { name: "Sam", role: "SCHOOL", email: "not-an-address" },
      }),
    );
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const fields = res.errors?.[0]?.extensions?.["fields"] as string[];
    expect([...fields].sort()).toEqual([
      "referrer.email",
      "subject.givenName",
      "subject.nhsNumber",
      "subject.postcode",
    ]);
    expect(res.errors?.[0]?.message).toContain("subject.nhsNumber");
    expect(
      await t.hub.services.db.rejectedReferral.count({
        where: { submittedBy: "hill-primary-portal", reason: "INVALID" },
      }),
    ).toBeGreaterThan(0);
  });

  it("never returns a referral of immediate risk: accepted, proposed RED, what it lacks kept for the screener, MASH alerted", async () => {
    const res = await submit(
      school,
      referralInput(newChild(), {
        immediateRisk: true,
        familyMembers: [],
        previousSupport: null,
      }),
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.submitReferral!;
    expect(result.accepted).toBe(true);
    expect(result.missing.map((m) => m.path).sort()).toEqual(["familyMembers", "previousSupport"]);
    const n = await contact(result.notificationId!);
    expect(n).toMatchObject({ kind: "REFERRAL", status: "AWAITING_SCREENING", proposedRag: "RED" });
    expect(n.reasons[0]).toMatchObject({ ruleId: "REFERRAL_IMMEDIATE_RISK", rag: "RED" });
    expect(n.reasons[0]!.evidence).toEqual([expect.any(String)]);
    expect(n.referral.immediateRisk).toBe(true);
    expect(n.referral.missing.map((m) => m.path).sort()).toEqual([
      "familyMembers",
      "previousSupport",
    ]);
    const alerts = await t.hub.services.db.alert.findMany({
      where: { notificationId: n.id },
      select: { recipient: true, stage: true },
    });
    expect(alerts.map((a) => a.recipient).sort()).toEqual(["MASH_DUTY", "ROLE:MASH"]);
  });

  it("never returns a referral from a member of the public, however little it says", async () => {
    const res = await submit(
      screener,
      referralInput(newChild(), {
        referrer: { name: "A neighbour", role: "PUBLIC", phone: "07700 900000" },
        concerns: "Crying every night.",
        familyMembers: [],
        previousSupport: null,
        parentsInformed: false,
        consent: "NOT_SOUGHT",
        consentReason: null,
      }),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitReferral).toMatchObject({ accepted: true, missing: [] });
    const n = await contact(res.data!.submitReferral!.notificationId!);
    expect(n.referral.referrer).toEqual({ name: "A neighbour", role: "PUBLIC", email: null });
    // a child the hub did not know: no rule fires, so the screener rates it from GREEN
    expect(n).toMatchObject({ proposedRag: "GREEN", reasons: [] });
  });

  it("takes the same referral twice with one reference as one referral, however the retries race", async () => {
    const input = referralInput(newChild());
    const first = await submit(school, input);
    const [again, racing] = await Promise.all([submit(school, input), submit(school, input)]);
    const ids = [first, again, racing].map((r) => r.data?.submitReferral?.notificationId);
    expect(ids[0]).toEqual(expect.any(String));
    expect(new Set(ids).size).toBe(1);
    expect(
      await t.hub.services.db.referral.count({
        where: { clientReference: input["clientReference"] as string },
      }),
    ).toBe(1);
    // the same reference from another caller is another referral
    const other = await t.token({ sub: "another-portal", role: "AGENCY_SYSTEM", agency: "HEALTH" });
    const theirs = await submit(other, input);
    expect(theirs.data?.submitReferral?.notificationId).not.toBe(ids[0]);
  });

  it("links the referral to a known child by NHS number, and proposes the child's current rules with it", async () => {
    const { child, childId } = await knownChild(t, {
      category: "PHYSICAL_ABUSE",
      riskLevel: "MEDIUM",
    });
    const res = await submit(school, referralInput(child));
    const n = await contact(res.data!.submitReferral!.notificationId!);
    expect(n.childId.id).toBe(childId);
    expect(n.proposedRag).toBe("RED");
    expect(n.reasons.map((r) => r.ruleId)).toEqual(["POLICE_ABUSE_OR_EXPLOITATION"]);
    const referral = await t.hub.services.db.referral.findFirstOrThrow({
      where: { notificationId: n.id },
    });
    expect(referral.identityOutcome).toBe("LINKED");
  });

  it("matches a child without identifiers on name, date of birth and postcode, as for an event", async () => {
    const { child, childId } = await knownChild(t, {}, newChild("2017-05-11"));
    const res = await submit(
      school,
      referralInput(child, {
        subject: {
          givenName: child.givenName,
          familyName: child.familyName,
          dateOfBirth: child.dateOfBirth,
          postcode: "E1 6AN",
        },
      }),
    );
    const n = await contact(res.data!.submitReferral!.notificationId!);
    expect(n.childId.id).toBe(childId);
    // the child's current rules: a STANDARD police notification is GREEN
    expect(n.proposedRag).toBe("GREEN");
    expect(n.reasons.map((r) => r.ruleId)).toEqual(["POLICE_NOTIFICATION"]);
  });

  it("holds an uncertain match for review rather than guessing", async () => {
    const { child, childId } = await knownChild(t, {}, newChild("2016-09-23"));
    // a typo in the family name and another postcode: between the thresholds
    const typo = child.familyName.slice(0, -1) + (child.familyName.endsWith("a") ? "b" : "a");
    const res = await submit(
      school,
      referralInput(child, {
        subject: {
          givenName: child.givenName,
          familyName: typo,
          dateOfBirth: child.dateOfBirth,
          postcode: "N1 9GU",
        },
      }),
    );
    const n = await contact(res.data!.submitReferral!.notificationId!);
    expect(n.childId.id).not.toBe(childId);
    const review = await t.hub.services.db.matchReview.findFirstOrThrow({
      where: { provisionalId: n.childId.id },
    });
    expect(review.candidateId).toBe(childId);
    const referral = await t.hub.services.db.referral.findFirstOrThrow({
      where: { notificationId: n.id },
    });
    expect(referral.identityOutcome).toBe("PROVISIONAL");
  });

  it("lets early help refer their own family by id, or any child by what they know, and no one else's by id", async () => {
    const { childId } = await knownChild(t);
    const unrelated = await t.token({ sub: "ehm-unrelated", role: "EARLY_HELP_MANAGER" });
    const byId = await submit(unrelated, { ...referralInput(), subject: null, childId });
    expect(byId.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    expect(byId.data).toBeNull();
    const bySubject = await submit(
      unrelated,
      referralInput(newChild(), {
        referrer: { name: "EH manager", role: "EARLY_HELP" },
      }),
    );
    expect(bySubject.data?.submitReferral).toMatchObject({ accepted: true });
    // the result names no child
    expect(Object.keys(bySubject.data!.submitReferral!).sort()).toEqual([
      "accepted",
      "missing",
      "notificationId",
    ]);
  });

  it("refuses an auditor", async () => {
    const auditor = await t.token({ sub: "auditor-1", role: "AUDITOR" });
    const res = await submit(auditor, referralInput());
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it("records the referral on the child's access log", async () => {
    const { child, childId } = await knownChild(t);
    await submit(school, referralInput(child));
    const events = await t.hub.services.db.accessEvent.findMany({ where: { personId: childId } });
    expect(
      events.some(
        (e) => e.actor === "hill-primary-portal" && e.disclosed.includes("Mutation.submitReferral"),
      ),
    ).toBe(true);
  });
});
