// The engine's figures as the lab shows them. Every rate comes from src/eval.rs with the
// percentage the command line prints (`{ value, percent }`), so the lab only picks the text.

import { UNDEFINED } from "./kit.js";

/** A rate's percentage, or "–" where it is undefined (a precision without positives). */
export function shown(share) {
  return share?.percent ?? UNDEFINED;
}

/**
 * The per-person figures of `redflag eval`: how often a positive record's offender is the
 * person its report names first, and how often (and after how many messages) the first person
 * reached medium.
 */
export function personFigures({ people, lines_to_warning: warnings }) {
  return {
    named: { count: people.named, of: people.offenders, share: shown(people.share) },
    warned: {
      count: warnings.warned,
      of: warnings.positives,
      share: shown(warnings.share),
      median: warnings.median === null ? UNDEFINED : String(warnings.median),
    },
  };
}
