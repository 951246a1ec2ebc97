// Named early help lead professionals ("lp-…") and early help managers ("ehm-…").
import type { Random } from "./random.ts";
import { ADULT_NAMES, FAMILY_NAMES } from "./names.ts";
import type { Professional } from "./types.ts";

export function makeProfessionals(
  rnd: Random,
  children: number,
): { leadProfessionals: Professional[]; earlyHelpManagers: Professional[] } {
  const make = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i): Professional => {
      const given = rnd.pick(ADULT_NAMES);
      const family = rnd.pick(FAMILY_NAMES);
      const slug = `${given}-${family}`.toLowerCase();
      return {
        id: `${prefix}-${slug}-${String(i + 1).padStart(3, "0")}`,
        name: `${given} ${family}`,
        email: `${given}.${family}.${i + 1}@earlyhelp.example`.toLowerCase(),
      };
    });
  return {
    leadProfessionals: make("lp", Math.max(10, Math.ceil(children / 150))),
    earlyHelpManagers: make("ehm", Math.max(3, Math.ceil(children / 1500))),
  };
}
