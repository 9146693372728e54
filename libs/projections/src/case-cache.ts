/**
 * The case fold's working set: entries by case id, least recently used first. Trimmed to its
 * capacity only when asked (after a batch), so a batch never drops a case it is still folding; a
 * case no longer held is folded again from its stream.
 */
export class CaseCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry of a case, now the most recently used. */
  get(caseId: string): V | undefined {
    const v = this.entries.get(caseId);
    if (v !== undefined) {
      this.entries.delete(caseId);
      this.entries.set(caseId, v);
    }
    return v;
  }

  set(caseId: string, v: V): void {
    this.entries.set(caseId, v);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops the least recently used entries beyond the capacity. */
  trim(): void {
    for (const caseId of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(caseId);
    }
  }
}
