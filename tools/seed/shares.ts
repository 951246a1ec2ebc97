// How common each thing is among the synthetic children: the shares the generator aims at and
// the tests check (with a tolerance). Sources: domain notes and public figures (DfE persistent
// absence about 20% and severe about 2%; CP-IS plans a few percent of children known to a MASH).

export const SHARES = {
  /** Children with a CP-IS plan (CPP, LAC, or UCPP for an unborn child). */
  cpisPlan: 0.03,
  /** Families with child protection plans (most of the family's children are on one). */
  childProtectionFamily: 0.028,
  /** Of a child protection family's children, those on a plan themselves. */
  siblingOnPlan: 0.85,
  /** Of those families, the share whose plans ended in the last year (CP-IS still returns them). */
  endedPlanFamily: 0.25,
  /** Children looked after (LAC), apart from child protection families. */
  lookedAfter: 0.006,
  /** Households where police attended domestic abuse in the last year (every child is notified). */
  domesticAbuseHousehold: 0.04,
  /** Children with at least one police (Merlin) notification. */
  policeNotification: 0.1,
  /** Children with at least one emergency department attendance. */
  edAttendance: 0.15,
  /** School-age children below 90% attendance this term (includes the severe ones). */
  persistentAbsence: 0.2,
  /** School-age children below 50% attendance. */
  severeAbsence: 0.02,
  /** Children in a family with an open early help episode. */
  openEarlyHelp: 0.08,
  /** Children in a family whose early help episode has closed. */
  closedEarlyHelp: 0.03,
  /** Families whose next child is a twin of the one before (same date of birth). */
  twins: 0.015,
  /** Families expecting a child (an unborn child with an expected due date). */
  unborn: 0.004,
} as const;

/** Family sizes (children per household) and their weights. */
export const FAMILY_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1, 40],
  [2, 34],
  [3, 17],
  [4, 6],
  [5, 3],
];
