// The figures of `redflag eval` as the lab shows them: rates of a confusion table and the
// per-person shares, as percentages rounded as the command line rounds them.

import { UNDEFINED } from "./kit.js";

export function ratio(part, whole) {
  return whole > 0 ? part / whole : null;
}

/**
 * A share as a percentage with one decimal, or "–" where it is undefined. Rounded as the
 * command line's `{:.1}` rounds: an exact half goes to the even digit, where toFixed would
 * round it up. Only values k/4 with k odd (x.25, x.75) are exact halves, and for those x*10
 * is exact.
 */
export function percent(value) {
  if (value === null) return UNDEFINED;
  const x = value * 100;
  if (Number.isInteger(x * 4) && !Number.isInteger(x * 2)) {
    let tenths = Math.floor(x * 10);
    if (tenths % 2 !== 0) tenths += 1;
    return `${(tenths / 10).toFixed(1)}%`;
  }
  return `${x.toFixed(1)}%`;
}

/** The figures of one confusion table, computed as src/eval.rs computes them. */
export function rates(c) {
  // As src/eval.rs: no precision for a table without positives (the benign label).
  const precision = c.tp + c.fn_ > 0 ? ratio(c.tp, c.tp + c.fp) : null;
  const recall = ratio(c.tp, c.tp + c.fn_);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { records: c.tp + c.fp + c.fn_ + c.tn, flagged: c.tp + c.fp, precision, recall, f1, fpRate: ratio(c.fp, c.fp + c.tn) };
}

/**
 * The per-person figures of `redflag eval`: how often a positive record's offender is the
 * person its report names first, and how often (and after how many messages) the first person
 * reached medium. Counts and the median as the engine returns them.
 */
export function personFigures({ people, lines_to_warning: warnings }) {
  return {
    named: { count: people.named, of: people.offenders, share: percent(ratio(people.named, people.offenders)) },
    warned: {
      count: warnings.warned,
      of: warnings.positives,
      share: percent(ratio(warnings.warned, warnings.positives)),
      median: warnings.median === null ? UNDEFINED : String(warnings.median),
    },
  };
}
