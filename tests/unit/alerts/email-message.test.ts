// The alert e-mail links to the contact in the console and gives the due time, and still says
// nothing about who the child is or what happened.
import { describe, expect, it } from "@jest/globals";
import { alertEmail } from "#alerts/email-message.ts";

describe("the alert e-mail", () => {
  const mail = alertEmail(
    {
      id: "a-1",
      notificationId: "n-1",
      rag: "AMBER",
      stage: "SCREENED",
      dueBy: new Date("2026-11-24T09:30:00Z"),
      childId: "c-1",
    },
    "hub@example.org",
    "ehm@example.org",
    "https://mash-hub.example.gov.uk/console",
  );
  const text = String(mail.text);

  it("links to the contact in the console and to the alerts screen", () => {
    expect(text).toContain("https://mash-hub.example.gov.uk/console/child/c-1?notification=n-1");
    expect(text).toContain("https://mash-hub.example.gov.uk/console/alerts");
  });

  it("gives the due time in UK time and as ISO 8601", () => {
    expect(text).toContain("Decision due: 24 Nov 2026, 09:30 (UK time), 2026-11-24T09:30:00.000Z");
  });

  it("names no one and says nothing of what happened", () => {
    expect(Object.keys(mail).sort()).toEqual([
      "from",
      "headers",
      "messageId",
      "subject",
      "text",
      "to",
    ]);
    expect(mail.subject).toBe("MASH alert (AMBER)");
    expect(text.split("\n").filter((l) => /police|health|school|domestic|injur/i.test(l))).toEqual(
      [],
    );
  });
});
