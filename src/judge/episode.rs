//! Episodes: when one person's signals may add up. Evidence combines only within a window
//! of the chat's messages and, where messages have times, of hours; a person's result is the
//! window that scores worst, and a warning once raised stays (the window that first reached
//! `medium` is remembered).

use std::collections::HashMap;

use crate::chat::Timestamp;
use crate::conversation::Message;
use crate::pack::{From, PackSet, Scoring};
use crate::report::Level;
use crate::score::{CountedHit, Scorer, Scores};

/// When two messages are close enough for their evidence to add up.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    /// Seconds since the epoch of each message, where its time could be read.
    seconds: Vec<Option<i64>>,
    /// Each message's place among its speaker's own messages, and its speaker's number.
    own: Vec<(usize, usize)>,
    messages: usize,
    own_messages: usize,
    seconds_apart: f64,
}

impl Timeline {
    pub fn new(messages: &[Message], scoring: &Scoring) -> Timeline {
        let seconds = messages.iter().map(|m| m.time.as_deref().and_then(Timestamp::parse_iso).map(|t| t.unix_micros() / 1_000_000)).collect();
        // Each speaker's number and how many messages they have written so far.
        let mut speakers: HashMap<Option<&str>, (usize, usize)> = HashMap::new();
        let own = messages
            .iter()
            .map(|m| {
                let next = speakers.len();
                let (number, written) = speakers.entry(m.speaker.as_deref()).or_insert((next, 0));
                *written += 1;
                (*written - 1, *number)
            })
            .collect();
        Timeline { seconds, own, messages: scoring.episode_messages, own_messages: scoring.episode_own_messages, seconds_apart: scoring.episode_hours * 3600.0 }
    }

    /// The number of the speaker of message `message` (in order of first message).
    pub fn speaker(&self, message: usize) -> usize {
        self.own[message].1
    }

    /// Whether evidence in message `earlier` may add up with evidence in message `later`:
    /// within the window of the chat's messages or, for one speaker, of their own messages (an
    /// offender inside a busy chat), and within the hours where both have times.
    pub fn close(&self, earlier: usize, later: usize) -> bool {
        let ((rank_a, speaker_a), (rank_b, speaker_b)) = (self.own[earlier], self.own[later]);
        let in_window = later.abs_diff(earlier) < self.messages || (speaker_a == speaker_b && rank_a.abs_diff(rank_b) < self.own_messages);
        let in_time = match (self.seconds.get(earlier).copied().flatten(), self.seconds.get(later).copied().flatten()) {
            (Some(a), Some(b)) => (b.abs_diff(a) as f64) <= self.seconds_apart,
            _ => true,
        };
        in_window && in_time
    }
}

/// A person's worst stretch of evidence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Episode {
    /// The scores of the worst window, except that each category holds its own worst window's
    /// score: a threat after a grooming episode is not hidden behind it.
    pub scores: Scores,
    /// The first and last message of the person's own whose signals it holds.
    pub first: usize,
    pub last: usize,
    /// The message at which this person's evidence first reached `medium`, if it did.
    pub warning_at: Option<usize>,
}

impl Episode {
    /// How bad the episode is: its level, then its highest category score.
    pub fn rank(&self) -> (Level, f64) {
        (self.scores.risk(), self.top_score())
    }

    fn top_score(&self) -> f64 {
        self.scores.categories.iter().map(|&(score, _)| score).fold(0.0, f64::max)
    }
}

/// The worst episode in `hits` (one person's with the young person's context, sorted by
/// message), scoring the window that ends at each message with a hit.
pub(crate) fn worst(packs: &PackSet, timeline: &Timeline, hits: &[CountedHit]) -> Option<Episode> {
    let mut scorer = Scorer::new(packs);
    // Pointing the young person to help reaches the person's whole episode, so it also damps
    // the windows that end before it ("your pic is on their story" ... "i've reported it").
    let helping: Vec<CountedHit> = hits.iter().filter(|h| packs.signals[h.signal].reaches_person()).copied().collect();
    let mut window = Vec::new();
    let mut best: Option<Episode> = None;
    let mut worst_categories = [(0.0, Level::None); 4];
    let mut warning_at = None;
    let mut first = 0;
    let mut end = 0;
    while end < hits.len() {
        let message = hits[end].message;
        while end < hits.len() && hits[end].message == message {
            end += 1;
        }
        while !timeline.close(hits[first].message, message) {
            first += 1;
        }
        // A window is worth scoring once it holds a risk signal: the young person's reply
        // after it ("please delete it") counts with it.
        if !hits[first..end].iter().any(|h| packs.signals[h.signal].category.is_risk()) {
            continue;
        }
        let later_help = helping.iter().filter(|h| h.message > message && timeline.close(hits[first].message, h.message));
        let scores = if helping.is_empty() {
            scorer.score(&hits[first..end])
        } else {
            window.clear();
            window.extend_from_slice(&hits[first..end]);
            window.extend(later_help);
            scorer.score(&window)
        };
        if warning_at.is_none() && scores.risk() >= Level::Medium {
            warning_at = Some(message);
        }
        for (worst, &now) in worst_categories.iter_mut().zip(&scores.categories) {
            if now.0 > worst.0 {
                *worst = now;
            }
        }
        // The person's own messages bound the episode; the young person's replies are context.
        let own = |h: &&CountedHit| packs.signals[h.signal].from != From::Myself;
        let (Some(earliest), Some(latest)) = (hits[first..end].iter().find(own), hits[first..end].iter().rev().find(own)) else { continue };
        let episode = Episode { scores, first: earliest.message, last: latest.message, warning_at: None };
        if best.as_ref().is_none_or(|b| episode.rank() > b.rank()) {
            best = Some(episode);
        }
    }
    best.map(|b| Episode { warning_at, scores: Scores { categories: worst_categories, ..b.scores }, ..b })
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
episode_messages = 3
episode_own_messages = 2
episode_hours = 24.0
[[signal]]
id = "grooming.secrecy"
weight = 3.0
explain = { en = "a", nl = "a", fr = "a" }
[[signal]]
id = "context.self_minor"
weight = 0.0
from = "self"
explain = { en = "a", nl = "a", fr = "a" }
"#;

    fn packs() -> PackSet {
        PackSet::load(&[Source::new("m.toml", MODEL)]).unwrap()
    }

    fn timed(times: &[&str]) -> Timeline {
        let messages: Vec<Message> = times.iter().map(|t| Message { time: Some(t.to_string()), ..Message::new("a", "x") }).collect();
        Timeline::new(&messages, &packs().scoring)
    }

    #[test]
    fn messages_are_close_within_the_window_and_the_hours() {
        let timeline = timed(&["2026-01-01T10:00", "2026-01-01T11:00", "2026-01-03T11:00", "2026-01-03T12:00", "2026-01-03T13:00"]);
        assert!(timeline.close(0, 1));
        assert!(!timeline.close(1, 2), "two days apart");
        assert!(timeline.close(2, 4));
        assert!(!timeline.close(0, 3), "three messages apart");
    }

    #[test]
    fn one_speakers_own_messages_stay_close_in_a_busy_chat() {
        let speakers = ["jay", "a", "b", "c", "jay", "a", "b", "c", "a", "jay"];
        let messages: Vec<Message> = speakers.iter().map(|s| Message::new(*s, "x")).collect();
        let timeline = Timeline::new(&messages, &packs().scoring);
        assert!(timeline.close(0, 4), "jay's next message");
        assert!(!timeline.close(0, 9), "two of jay's messages later");
        assert!(!timeline.close(1, 8), "a's, but four messages and two of a's own apart");
    }

    #[test]
    fn the_worst_window_wins_and_the_first_warning_is_kept() {
        let packs = packs();
        let timeline = Timeline::new(&vec![Message::new("a", "x"); 10], &packs.scoring);
        let hit = |message| CountedHit { signal: 0, message };
        // Two secrecy hits close together reach 3.75 (low); far apart each is 3.0.
        let episode = worst(&packs, &timeline, &[hit(0), hit(5), hit(6)]).unwrap();
        assert_eq!((episode.first, episode.last, episode.scores.risk()), (5, 6, Level::Low));
        assert_eq!(episode.warning_at, None);
        // Context alone is no episode.
        assert_eq!(worst(&packs, &timeline, &[CountedHit { signal: 1, message: 2 }]), None);
    }
}
