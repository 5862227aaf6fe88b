//! Scoring: from the signals found to a level per category.
//!
//! Each signal adds its weight once, and a little more for each further message that shows
//! it (up to a cap), so repetition counts but cannot drown everything else. Combinations of
//! signals add bonuses, because age probing plus secrecy plus a photo request is grooming
//! even when no single message is explicit. Dampeners (news, education, help-seeking)
//! reduce what the signals in their own message add; one that reaches the person (pointing
//! the young person to help) reduces everything in the window, and episodes pass it to the
//! windows before it (src/judge/episode.rs). Only counted hits score: by default,
//! what the other person said.

use crate::pack::{Category, PackSet, SignalId};
use crate::report::Level;

/// A counted hit: signal `signal` in message `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountedHit {
    pub signal: SignalId,
    pub message: usize,
}

/// Scores per category and per signal.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Score and level of each of [`Category::RISKS`], in that order.
    pub categories: [(f64, Level); 4],
    /// What each signal added to its category (indexed by signal).
    pub signals: Vec<f64>,
}

impl Scores {
    /// The highest category level.
    pub fn risk(&self) -> Level {
        self.categories.iter().map(|&(_, level)| level).max().unwrap_or_default()
    }
}

/// Scores windows of hits with the packs' weights, combinations and levels. It keeps its
/// working memory between windows: a person's episodes are found by scoring the window that
/// ends at each of their messages, thousands of times in a long chat.
pub struct Scorer<'p> {
    packs: &'p PackSet,
    /// The damping of each distinct message each signal was counted in, for the signals of
    /// the window (`touched`); emptied after each window.
    factors: Vec<Vec<f64>>,
    touched: Vec<SignalId>,
    /// The window and message each signal was last counted in, so that it counts once per
    /// message (windows are numbered, so nothing needs clearing between them)...
    counted: Vec<(u64, usize)>,
    /// ...and, for dampeners, damped in.
    damped: Vec<(u64, usize)>,
    window: u64,
    /// How much of each signal is left after damping at its least damped message.
    presence: Vec<f64>,
}

impl<'p> Scorer<'p> {
    /// A scorer for `packs`.
    pub fn new(packs: &'p PackSet) -> Scorer<'p> {
        let signals = packs.signals.len();
        Scorer {
            packs,
            factors: vec![Vec::new(); signals],
            touched: Vec::new(),
            counted: vec![(0, 0); signals],
            damped: vec![(0, 0); signals],
            window: 0,
            presence: vec![0.0; signals],
        }
    }

    /// Scores `hits` (counted hits only, sorted by message).
    pub fn score(&mut self, hits: &[CountedHit]) -> Scores {
        let packs = self.packs;
        self.window += 1;
        let window = self.window;
        let reaches_person = |id: SignalId| packs.signals[id].reaches_person();
        // What the dampeners that reach the whole window leave of every hit in it, each once.
        let mut window_damping = 1.0;
        for hit in hits.iter().filter(|h| reaches_person(h.signal)) {
            if std::mem::replace(&mut self.damped[hit.signal], (window, usize::MAX)) != (window, usize::MAX) {
                window_damping *= 1.0 - packs.signals[hit.signal].weight;
            }
        }
        let mut start = 0;
        while start < hits.len() {
            let message = hits[start].message;
            let end = start + hits[start..].iter().take_while(|h| h.message == message).count();
            let first_in_message = |stamps: &mut [(u64, usize)], signal: SignalId| std::mem::replace(&mut stamps[signal], (window, message)) != (window, message);
            // What remains of a risk hit in this message after its dampeners, each once.
            let mut damping = window_damping;
            for hit in &hits[start..end] {
                let signal = &packs.signals[hit.signal];
                if signal.category == Category::Dampener && !reaches_person(hit.signal) && first_in_message(&mut self.damped, hit.signal) {
                    damping *= 1.0 - signal.weight;
                }
            }
            for hit in &hits[start..end] {
                if first_in_message(&mut self.counted, hit.signal) {
                    if self.factors[hit.signal].is_empty() {
                        self.touched.push(hit.signal);
                    }
                    self.factors[hit.signal].push(damping);
                }
            }
            start = end;
        }

        let scoring = &packs.scoring;
        let mut signal_scores = vec![0.0; packs.signals.len()];
        // In signal order, so the totals add up in the same order whatever the hits'.
        self.touched.sort_unstable();
        for &id in &self.touched {
            let factors = &mut self.factors[id];
            factors.sort_by(|a, b| b.total_cmp(a));
            let best = factors[0];
            self.presence[id] = best;
            let signal = &packs.signals[id];
            if signal.category.is_risk() {
                let repeats: f64 = factors.iter().skip(1).take(scoring.repeat_cap).sum();
                signal_scores[id] = signal.weight * (best + scoring.repeat_bonus * repeats);
            }
            factors.clear();
        }

        let mut totals = [0.0f64; 4];
        for &id in &self.touched {
            if let Some(slot) = risk_slot(packs.signals[id].category) {
                totals[slot] += signal_scores[id];
            }
        }
        let presence = &self.presence;
        for combination in &packs.combinations {
            let present: Vec<f64> = combination.signals.iter().map(|&s| presence[s]).filter(|&p| p > 0.0).collect();
            let required = combination.requires.iter().map(|&s| presence[s]);
            if present.len() >= combination.min && required.clone().all(|p| p > 0.0) {
                let weakest = present.iter().copied().chain(required).fold(1.0, f64::min);
                if let Some(slot) = risk_slot(combination.category) {
                    totals[slot] += combination.bonus * weakest;
                }
            }
        }
        for id in self.touched.drain(..) {
            self.presence[id] = 0.0;
        }
        let level = |score: f64| {
            if score >= scoring.high {
                Level::High
            } else if score >= scoring.medium {
                Level::Medium
            } else if score >= scoring.low {
                Level::Low
            } else {
                Level::None
            }
        };
        Scores { categories: totals.map(|t| (t, level(t))), signals: signal_scores }
    }
}

/// The position of a risk category in [`Scores::categories`].
fn risk_slot(category: Category) -> Option<usize> {
    Category::RISKS.iter().position(|&c| c == category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Source;

    const MODEL: &str = r#"
[scoring]
low = 2.0
medium = 5.0
high = 9.0
repeat_bonus = 0.5
repeat_cap = 1

[[signal]]
id = "sextortion.threat_share"
weight = 4.0
explain = { en = "a", nl = "a", fr = "a" }

[[signal]]
id = "sextortion.payment_demand"
weight = 3.0
explain = { en = "a", nl = "a", fr = "a" }

[[signal]]
id = "dampener.news"
weight = 0.75
explain = { en = "a", nl = "a", fr = "a" }

[[signal]]
id = "dampener.helping"
weight = 0.75
reach = "person"
explain = { en = "a", nl = "a", fr = "a" }

[[combination]]
signals = ["sextortion.threat_share", "sextortion.payment_demand"]
category = "sextortion"
bonus = 3.0
"#;

    fn scores(hits: &[(usize, usize)]) -> Scores {
        let packs = PackSet::load(&[Source::new("m.toml", MODEL)]).unwrap();
        let hits: Vec<CountedHit> = hits.iter().map(|&(signal, message)| CountedHit { signal, message }).collect();
        Scorer::new(&packs).score(&hits)
    }

    const THREAT: usize = 0;
    const PAY: usize = 1;
    const NEWS: usize = 2;
    const HELP: usize = 3;

    #[test]
    fn a_single_signal_scores_its_weight() {
        let s = scores(&[(THREAT, 0)]);
        assert_eq!(s.categories[1], (4.0, Level::Low));
        assert_eq!(s.risk(), Level::Low);
        assert_eq!(s.categories[0], (0.0, Level::None));
    }

    #[test]
    fn repeats_add_up_to_the_cap_and_no_more() {
        assert_eq!(scores(&[(THREAT, 0), (THREAT, 0)]).categories[1].0, 4.0);
        assert_eq!(scores(&[(THREAT, 0), (THREAT, 1)]).categories[1].0, 6.0);
        assert_eq!(scores(&[(THREAT, 0), (THREAT, 1), (THREAT, 2)]).categories[1].0, 6.0);
    }

    #[test]
    fn combinations_are_worse_than_their_parts() {
        let s = scores(&[(THREAT, 0), (PAY, 1)]);
        assert_eq!(s.categories[1], (10.0, Level::High));
    }

    #[test]
    fn a_scorer_reused_for_many_windows_scores_each_as_a_fresh_one_would() {
        let packs = PackSet::load(&[Source::new("m.toml", MODEL)]).unwrap();
        let window = |hits: &[(usize, usize)]| hits.iter().map(|&(signal, message)| CountedHit { signal, message }).collect::<Vec<_>>();
        let windows = [window(&[(THREAT, 0), (NEWS, 0), (PAY, 1)]), window(&[(THREAT, 0), (PAY, 0)]), window(&[(PAY, 1), (THREAT, 2), (THREAT, 3)]), window(&[(NEWS, 1), (PAY, 1)]), window(&[(HELP, 0), (THREAT, 1)]), window(&[(THREAT, 0), (PAY, 2)])];
        let mut reused = Scorer::new(&packs);
        for hits in &windows {
            assert_eq!(reused.score(hits), Scorer::new(&packs).score(hits), "{hits:?}");
        }
    }

    #[test]
    fn dampeners_reduce_hits_in_their_own_message_only() {
        let damped = scores(&[(THREAT, 0), (PAY, 0), (NEWS, 0)]);
        assert_eq!(damped.categories[1], (2.5, Level::Low));
        let elsewhere = scores(&[(THREAT, 0), (PAY, 0), (NEWS, 1)]);
        assert_eq!(elsewhere.categories[1].1, Level::High);
    }

    #[test]
    fn a_dampener_that_reaches_the_person_reduces_every_hit_in_the_window() {
        let helped = scores(&[(THREAT, 0), (PAY, 1), (HELP, 2)]);
        assert_eq!(helped.categories[1], (2.5, Level::Low));
        assert_eq!(scores(&[(THREAT, 0), (PAY, 1)]).categories[1], (10.0, Level::High));
    }
}
