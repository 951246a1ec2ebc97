// A value now or later. The child view answers a child opened by `child(id)` at once (its rows
// are in hand), so that graphql-js completes its fields without a promise each; anything not in
// hand is loaded as before.
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(v: MaybePromise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === "function";
}

/** `f(v)`, now if `v` is here, after it resolves if not. */
export function then<T, U>(v: MaybePromise<T>, f: (value: T) => U): MaybePromise<U> {
  return isPromise(v) ? v.then(f) : f(v);
}
