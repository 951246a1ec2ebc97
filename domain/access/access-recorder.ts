// Collects, per request, per child, which Type.field paths were disclosed and which withheld,
// and the legal bases relied on. The audit plugin drains it into access events.

export interface ChildAccess {
  childId: string;
  disclosed: string[];
  withheld: string[];
  legalBases: string[];
}

interface Entry {
  disclosed: Set<string>;
  withheld: Set<string>;
  legalBases: Set<string>;
}

export class AccessRecorder {
  #entries = new Map<string, Entry>();

  #entry(childId: string): Entry {
    let e = this.#entries.get(childId);
    if (!e) {
      e = { disclosed: new Set(), withheld: new Set(), legalBases: new Set() };
      this.#entries.set(childId, e);
    }
    return e;
  }

  disclosed(childId: string, path: string, legalBasis: string | undefined): void {
    const e = this.#entry(childId);
    e.disclosed.add(path);
    if (legalBasis) e.legalBases.add(legalBasis);
  }

  withheld(childId: string, path: string): void {
    this.#entry(childId).withheld.add(path);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Everything recorded so far, sorted; the recorder is empty afterwards. */
  drain(): ChildAccess[] {
    const out = [...this.#entries].map(([childId, e]) => ({
      childId,
      disclosed: [...e.disclosed].sort(),
      withheld: [...e.withheld].sort(),
      legalBases: [...e.legalBases].sort(),
    }));
    this.#entries.clear();
    return out;
  }
}
