// A free-text justification with the rules shown as the person types (access.md, version 2:
// at least 20 visible characters and at least three words; invisible and format characters such
// as zero-width spaces do not count).
import { useId } from "react";

const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/gu;

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, "");
}

export function checkJustification(text: string) {
  const visible = visibleText(text);
  const characters = [...visible.replace(/\s+/g, " ").trim()].length;
  const words = visible.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return { characters, words, ok: characters >= 20 && words >= 3 };
}

export function JustificationField({
  label,
  value,
  onChange,
  required,
  hint,
  enforce = true,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  hint?: string;
  /** Show and require the 20-character, three-word rule (overrides); otherwise only count. */
  enforce?: boolean;
}) {
  const id = useId();
  const c = checkJustification(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        rows={4}
        aria-describedby={`${hint ? `${id}-hint ` : ""}${id}-rules`}
        aria-invalid={enforce && value.length > 0 && !c.ok ? true : undefined}
      />
      {enforce ? (
        <ul className="rules" id={`${id}-rules`} aria-live="polite">
          <li className={c.characters >= 20 ? "met" : "unmet"}>
            <span aria-hidden="true">{c.characters >= 20 ? "✓ " : "✗ "}</span>
            At least 20 visible characters ({c.characters} so far)
            {c.characters >= 20 ? " — met" : " — not yet"}
          </li>
          <li className={c.words >= 3 ? "met" : "unmet"}>
            <span aria-hidden="true">{c.words >= 3 ? "✓ " : "✗ "}</span>
            At least 3 words ({c.words} so far){c.words >= 3 ? " — met" : " — not yet"}
          </li>
        </ul>
      ) : (
        <p className="hint" id={`${id}-rules`}>
          {c.characters} visible characters, {c.words} words
        </p>
      )}
    </div>
  );
}
