import type { AgencyName } from "#auth/viewer.ts";

/** The `subject` of an agency event envelope, after validation (contract: events.md). */
export interface Subject {
  sourcePersonId: string;
  nhsNumber?: string | null | undefined;
  upn?: string | null | undefined;
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  /** YYYY-MM-DD */
  dateOfBirth?: string | null | undefined;
  /** YYYY-MM-DD, for an unborn child */
  expectedDueDate?: string | null | undefined;
  postcode?: string | null | undefined;
}

/**
 * A subject no agency system identifies (a referral's child): matched on NHS number, UPN and
 * demographics exactly as an event's subject, without an agency's own person id.
 */
export type UnsourcedSubject = Omit<Subject, "sourcePersonId"> & { sourcePersonId?: undefined };

export interface Resolution {
  personId: string;
  /** LINKED: an existing child; NEW: a child created now; PROVISIONAL: held for a match review. */
  outcome: "LINKED" | "NEW" | "PROVISIONAL";
  /** Why: e.g. ["NHS_NUMBER"], ["SOURCE_PERSON_ID"], ["givenName~", "dateOfBirth", "postcode"]. */
  matchedOn: string[];
  score: number | undefined;
  reviewId: string | undefined;
}

export type SubjectSource = AgencyName;
