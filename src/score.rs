//! Scoring: from the signals found to a level per category.
//!
//! Each signal adds its weight once, and a little more for each further message that shows
//! it (up to a cap), so repetition counts but cannot drown everything else. Combinations of
//! signals add bonuses, because age probing plus secrecy plus a photo request is grooming
//! even when no single message is explicit. Dampeners (news, education, help-seeking)
//! reduce what the signals in their own message add. Only counted hits score: by default,
//! what the other person said.

use std::collections::{HashMap, HashSet};

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

/// Scores `hits` (counted hits only) with the packs' weights, combinations and levels.
pub fn score(packs: &PackSet, hits: &[CountedHit]) -> Scores {
    // What remains of a risk hit in each message after its dampeners.
    let mut damping: HashMap<usize, f64> = HashMap::new();
    let mut seen_dampeners: HashSet<(SignalId, usize)> = HashSet::new();
    for hit in hits {
        let signal = &packs.signals[hit.signal];
        if signal.category == Category::Dampener && seen_dampeners.insert((hit.signal, hit.message)) {
            *damping.entry(hit.message).or_insert(1.0) *= 1.0 - signal.weight;
        }
    }
    let damp = |message: usize| damping.get(&message).copied().unwrap_or(1.0);

    // For each signal, the damping of each distinct message it was counted in.
    let mut per_signal: Vec<Vec<(usize, f64)>> = vec![Vec::new(); packs.signals.len()];
    let mut seen: HashSet<(SignalId, usize)> = HashSet::new();
    for hit in hits {
        if seen.insert((hit.signal, hit.message)) {
            per_signal[hit.signal].push((hit.message, damp(hit.message)));
        }
    }

    let scoring = &packs.scoring;
    let mut signal_scores = vec![0.0; packs.signals.len()];
    // How much of a signal is left after damping, at its least damped message.
    let mut presence = vec![0.0f64; packs.signals.len()];
    for (id, messages) in per_signal.iter().enumerate() {
        let mut factors: Vec<f64> = messages.iter().map(|&(_, f)| f).collect();
        factors.sort_by(|a, b| b.total_cmp(a));
        let Some(&best) = factors.first() else { continue };
        presence[id] = best;
        let signal = &packs.signals[id];
        if signal.category.is_risk() {
            let repeats: f64 = factors.iter().skip(1).take(scoring.repeat_cap).sum();
            signal_scores[id] = signal.weight * (best + scoring.repeat_bonus * repeats);
        }
    }

    let mut totals = [0.0f64; 4];
    for (id, signal) in packs.signals.iter().enumerate() {
        if let Some(slot) = risk_slot(signal.category) {
            totals[slot] += signal_scores[id];
        }
    }
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

[[combination]]
signals = ["sextortion.threat_share", "sextortion.payment_demand"]
category = "sextortion"
bonus = 3.0
"#;

    fn scores(hits: &[(usize, usize)]) -> Scores {
        let packs = PackSet::load(&[Source::new("m.toml", MODEL)]).unwrap();
        let hits: Vec<CountedHit> = hits.iter().map(|&(signal, message)| CountedHit { signal, message }).collect();
        score(&packs, &hits)
    }

    const THREAT: usize = 0;
    const PAY: usize = 1;
    const NEWS: usize = 2;

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
    fn dampeners_reduce_hits_in_their_own_message_only() {
        let damped = scores(&[(THREAT, 0), (PAY, 0), (NEWS, 0)]);
        assert_eq!(damped.categories[1], (2.5, Level::Low));
        let elsewhere = scores(&[(THREAT, 0), (PAY, 0), (NEWS, 1)]);
        assert_eq!(elsewhere.categories[1].1, Level::High);
    }
}
