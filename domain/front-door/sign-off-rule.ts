// Camden's rule for stepping up for lack of engagement (seed 004, section 2): "management
// oversight and sign off is a requirement ... especially cases involving unborn babies and
// children under 5". Here: a step-up for lack of engagement of a child under 5 on the day, or of
// an unborn child, needs managerSignOff: true. A child whose age the hub does not know is treated
// as if under 5 (the safer reading). Pure.

export interface ChildAge {
  dateOfBirth: Date | null;
  expectedDueDate: Date | null;
}

export function isUnderFiveOrUnborn(child: ChildAge, now: Date): boolean {
  if (!child.dateOfBirth) return true;
  const d = child.dateOfBirth;
  const fifth = Date.UTC(d.getUTCFullYear() + 5, d.getUTCMonth(), d.getUTCDate());
  return now.getTime() < fifth;
}

export function needsManagerSignOff(
  child: ChildAge,
  lackOfEngagement: boolean,
  now: Date,
): boolean {
  return lackOfEngagement && isUnderFiveOrUnborn(child, now);
}
