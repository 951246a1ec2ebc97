// What an override's justification must say (access.md, version 2): at least 20 visible
// characters and at least three words. Invisible and format characters (zero-width spaces and
// joiners, bidirectional marks, fillers: Unicode Cf and the default-ignorable code points),
// spaces, controls and combining marks do not count; three words means three different ones,
// so "aaaa aaaa aaaa" or twenty letter a's say nothing. Pure: used when an override is recorded
// and again whenever one is read, so that one stored before these rules does not count.

export const MIN_JUSTIFICATION_VISIBLE = 20;
export const MIN_JUSTIFICATION_WORDS = 3;

const INVISIBLE =
  /[\p{Cf}\p{Cc}\p{Z}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}\s\u2800\u3164\uFFA0\u115F\u1160]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** The characters a reader would see, in order. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** Why the justification says nothing, or undefined when it says enough. */
export function justificationProblem(text: string | null | undefined): string | undefined {
  return statementProblem(text, "an override needs a justification");
}

/**
 * The same rule for any free text that must say why (an override's justification, the purpose
 * stated to read a rejected event): `needs` opens the message, e.g. "a purpose is needed".
 */
export function statementProblem(
  text: string | null | undefined,
  needs: string,
): string | undefined {
  const raw = text ?? "";
  const visible = [...visibleText(raw)].length;
  if (visible < MIN_JUSTIFICATION_VISIBLE) {
    return `${needs} of at least ${MIN_JUSTIFICATION_VISIBLE} visible characters (invisible and format characters do not count)`;
  }
  // words are read with the invisible characters taken out, so "r\u200Bisk" is one word
  const words = new Set(
    (raw.replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, "").match(WORD) ?? []).map((w) =>
      w.toLocaleLowerCase("en-GB"),
    ),
  );
  if (words.size < MIN_JUSTIFICATION_WORDS) {
    return `${needs} of at least ${MIN_JUSTIFICATION_WORDS} different words`;
  }
  return undefined;
}
