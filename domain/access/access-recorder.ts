// Collects, per response, per child, which Type.field paths were disclosed and which withheld,
// and the legal bases relied on; and every search made, by criteria names and result count.
// A field of the request context; the audit drains it into access events.

export interface ChildAccess {
  childId: string;
  disclosed: string[];
  withheld: string[];
  legalBases: string[];
}

export interface SearchAccess {
  /** The operation, as Type.field (e.g. Query.findChildren). */
  operation: string;
  /** The names of the criteria given, never their values. */
  criteria: string[];
  resultCount: number;
}

export interface RecordedAccess {
  children: ChildAccess[];
  searches: SearchAccess[];
}

interface Entry {
  disclosed: Set<string>;
  withheld: Set<string>;
  legalBases: Set<string>;
}

export class AccessRecorder {
  #entries = new Map<string, Entry>();
  #searches: SearchAccess[] = [];

  #entry(childId: string): Entry {
    let e = this.#entries.get(childId);
    if (!e) {
      e = { disclosed: new Set(), withheld: new Set(), legalBases: new Set() };
      this.#entries.set(childId, e);
    }
    return e;
  }

  disclosed(childId: string, path: string, legalBases: readonly string[] = []): void {
    const e = this.#entry(childId);
    e.disclosed.add(path);
    for (const basis of legalBases) e.legalBases.add(basis);
  }

  withheld(childId: string, path: string): void {
    this.#entry(childId).withheld.add(path);
  }

  searched(operation: string, criteria: readonly string[], resultCount: number): void {
    this.#searches.push({ operation, criteria: [...criteria].sort(), resultCount });
  }

  get size(): number {
    return this.#entries.size + this.#searches.length;
  }

  /** Everything recorded so far, sorted; the recorder is empty afterwards. */
  drain(): RecordedAccess {
    const children = [...this.#entries].map(([childId, e]) => ({
      childId,
      disclosed: [...e.disclosed].sort(),
      withheld: [...e.withheld].sort(),
      legalBases: [...e.legalBases].sort(),
    }));
    const searches = this.#searches;
    this.#entries.clear();
    this.#searches = [];
    return { children, searches };
  }
}
