//! What each regular expression of the packs costs on a chat: for pack authors and
//! `cargo bench`, which lists the dearest. Phrases cost next to nothing (one automaton runs
//! over the text once, whatever their number); a pattern runs each time one of its anchors
//! is found, a group of patterns without anchors over all the text. Native only: wasm in a
//! page has no clock to read here.

use std::time::{Duration, Instant};

use crate::conversation::Message;
use crate::engine::Engine;
use crate::matcher::{SearchClock, Searched};
use crate::pack::Location;

/// The cost of one regex search: one pattern, or a group of patterns without anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternCost {
    /// The patterns searched together, as written in the packs.
    pub patterns: Vec<String>,
    /// Where the first of them is written.
    pub at: Location,
    /// How many searches ran: an anchored pattern runs once per place an anchor is found.
    pub searches: usize,
    /// Their time in all.
    pub time: Duration,
}

/// Counts and times each search, by what it searched.
struct Stopwatch {
    anchored: Vec<(usize, Duration)>,
    groups: Vec<(usize, Duration)>,
}

impl SearchClock for Stopwatch {
    fn search(&mut self, searched: Searched, search: impl FnOnce()) {
        let start = Instant::now();
        search();
        let slot = match searched {
            Searched::Anchored(p) => &mut self.anchored[p],
            Searched::Group(g) => &mut self.groups[g],
        };
        slot.0 += 1;
        slot.1 += start.elapsed();
    }
}

impl Engine {
    /// What each regex search costs when `messages` are scanned, dearest first; patterns
    /// never searched are left out. Scan once first: a pattern's regex is compiled on its
    /// first search, and that time would count here.
    pub fn pattern_costs(&self, messages: &[Message]) -> Vec<PatternCost> {
        let matcher = self.matcher();
        let (anchored, groups) = matcher.searches();
        let mut watch = Stopwatch { anchored: vec![(0, Duration::ZERO); anchored], groups: vec![(0, Duration::ZERO); groups] };
        let (mut hits, mut votes) = (Vec::new(), [0; 3]);
        self.for_each_batch(messages, |text, _| {
            matcher.find_timed(text, None, &mut hits, &mut votes, &mut watch);
            hits.clear();
        });
        let searched = (0..anchored).map(Searched::Anchored).zip(watch.anchored).chain((0..groups).map(Searched::Group).zip(watch.groups));
        let rules = &self.packs().rules;
        let mut costs: Vec<PatternCost> = searched
            .filter(|(_, (searches, _))| *searches > 0)
            .map(|(what, (searches, time))| {
                let of = matcher.searched_rules(what);
                PatternCost { patterns: of.iter().map(|&r| rules[r].text.clone()).collect(), at: rules[of[0]].at.clone(), searches, time }
            })
            .collect();
        costs.sort_by(|a, b| b.time.cmp(&a.time));
        costs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Source, MODEL};

    // Patterns for the model pack's one signal.
    const PATTERNS: &str = r#"
lang = "en"
[[signal]]
id = "grooming.secrecy"
patterns = ["keep (?:it|this) secret", "never tell (?:your|ur) mum", "(?:hi|yo)"]
"#;

    #[test]
    fn each_search_is_counted_where_its_pattern_ran() {
        let engine = Engine::new(&[Source::new("model.toml", MODEL), Source::new("patterns.toml", PATTERNS)]).unwrap();
        let chat = [Message::new("a", "keep it secret"), Message::new("a", "keep this secret ok"), Message::new("a", "hi")];
        let costs = engine.pattern_costs(&chat);
        let searches = |pattern: &str| costs.iter().find(|c| c.patterns.iter().any(|p| p == pattern)).map(|c| c.searches);
        assert_eq!(searches("keep (?:it|this) secret"), Some(2), "{costs:?}");
        assert_eq!(searches("never tell (?:your|ur) mum"), None, "its anchor is never found");
        // Too short to anchor on: its group runs once over the one batch.
        assert_eq!(searches("(?:hi|yo)"), Some(1));
        assert_eq!(costs.iter().find(|c| c.searches == 2).map(|c| c.at.line), Some(5));
    }
}
