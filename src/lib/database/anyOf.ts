/**
 * A query-engine filter for any of `values`: the value itself when there is only one, so that a
 * single document's read keeps the `= ?` statement (and the plan) it had before reads were batched;
 * `$in` otherwise.
 */
export const anyOf = <T>(values: readonly T[]): T | { $in: T[] } => (values.length === 1 ? values[0] : { $in: [...values] });
