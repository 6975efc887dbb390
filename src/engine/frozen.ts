// Values shared between analyses (memoised results, tables derived once) must not be changed by
// the analysis that reads them, or the next analysis sees the change (issue 20). These helpers make
// such values immutable: mutating one throws instead of leaking into the next analysis.

/** Freezes a value and everything reachable from it (plain objects and arrays); returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // Arrays by index (the values frozen are plain data, whose arrays carry no other properties):
  // Object.keys made a string per element, and the memos freeze every parsed instruction (about
  // half of deepFreeze's time went there). Primitives are skipped before the call.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
    return value;
  }
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) deepFreeze(item);
  }
  return value;
}

/** A Set that refuses changes once built (Object.freeze does not stop Set.add). */
class FrozenSet<T> extends Set<T> {
  private readonly sealed: boolean;
  constructor(values?: Iterable<T> | null) {
    super(values);
    this.sealed = true;
  }
  override add(value: T): this {
    // The Set constructor calls add() before `sealed` is set.
    if (this.sealed) throw new TypeError('A shared set cannot be changed: copy it first.');
    return super.add(value);
  }
  override delete(): boolean {
    throw new TypeError('A shared set cannot be changed: copy it first.');
  }
  override clear(): void {
    throw new TypeError('A shared set cannot be changed: copy it first.');
  }
}

/** An immutable set of the values (for sets cached across analyses). */
export function frozenSet<T>(values?: Iterable<T> | null): ReadonlySet<T> {
  return Object.freeze(new FrozenSet(values));
}

/** Whether the set is one of frozenSet's (its contents can never change: safe to key a cache on). */
export function isFrozenSet(set: ReadonlySet<unknown>): boolean {
  return set instanceof FrozenSet;
}
