//! The result of a scan (schema 2, documented in `docs/report.md`): the same JSON from
//! the command line and from the browser. The verdict on top is the worst person's worst
//! episode; `people` has every judged participant, worst first.

use serde::Serialize;

use crate::pack::Lang;

/// The result format's version: bumped on any change a reader could notice.
pub const SCHEMA: u32 = 2;

/// How worrying something looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    None,
    Low,
    Medium,
    High,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::None, Level::Low, Level::Medium, Level::High];

    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema: u32,
    /// The worst person's level in their worst episode.
    pub risk: Level,
    /// The category that decides the verdict (the highest, then the higher score), when
    /// `risk` is above none: `grooming`, `sextortion`, `exploitation` or `exposure`.
    pub kind: Option<&'static str>,
    /// Within `kind`, the case its advice is for, when the packs tell it apart (`scam_mail`:
    /// a mass webcam bluff, not a contact who has images).
    pub subtype: Option<String>,
    pub lang: Option<Lang>,
    pub messages: usize,
    /// The young person: given, or guessed where the chat makes it plain.
    #[serde(rename = "self")]
    pub young_person: Option<YoungPerson>,
    /// The worst person's worst episode, per category.
    pub categories: Categories,
    /// Every judged participant, worst first.
    pub people: Vec<PersonReport>,
    pub signals: Vec<SignalReport>,
}

/// The young person of a chat, whose own words never count against them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YoungPerson {
    pub speaker: String,
    /// True when the chat made it plain (they said their age), not the caller.
    pub guessed: bool,
}

/// One judged participant: the result of their worst episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonReport {
    pub speaker: Option<String>,
    pub risk: Level,
    pub categories: Categories,
    /// Their worst episode; none when nothing they wrote counts.
    pub episode: Option<EpisodeReport>,
    /// The message at which what they wrote first reached `medium`, if it did.
    pub warning_at: Option<usize>,
}

/// The messages an episode spans (indices into the input) and, where known, their times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeReport {
    pub first: usize,
    pub last: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_time: Option<String>,
}

/// A report with the id of the record it is for: one line of `redflag scan --jsonl`.
#[derive(Debug, Serialize)]
pub struct IdentifiedReport<'a> {
    pub id: &'a serde_json::Value,
    #[serde(flatten)]
    pub report: &'a Report,
}

/// The four risk categories, always all present, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Categories {
    pub grooming: CategoryScore,
    pub sextortion: CategoryScore,
    pub exploitation: CategoryScore,
    pub exposure: CategoryScore,
}

impl Categories {
    /// Levels and (rounded) scores in the order of [`crate::pack::Category::RISKS`].
    pub(crate) fn from_scores(scores: &[(f64, Level); 4]) -> Categories {
        let category = |slot: usize| CategoryScore { level: scores[slot].1, score: round_score(scores[slot].0) };
        Categories { grooming: category(0), sextortion: category(1), exploitation: category(2), exposure: category(3) }
    }

    /// The category that decides a verdict, and so the advice: of those at `medium` or above,
    /// the one whose advice is most urgent (a threat to share images before grooming, as the
    /// young person must hear "don't pay" first); below that, the highest level, then the
    /// higher score; none when every level is none.
    pub(crate) fn deciding(&self) -> Option<&'static str> {
        let by_urgency = [("sextortion", &self.sextortion), ("exposure", &self.exposure), ("exploitation", &self.exploitation), ("grooming", &self.grooming)];
        if let Some((name, _)) = by_urgency.iter().find(|(_, c)| c.level >= Level::Medium) {
            return Some(name);
        }
        let mut best: Option<(&'static str, &CategoryScore)> = None;
        for (name, c) in by_urgency {
            if c.level > Level::None && best.is_none_or(|(_, b)| (c.level, c.score) > (b.level, b.score)) {
                best = Some((name, c));
            }
        }
        best.map(|(name, _)| name)
    }

    /// The category called `name`.
    pub fn get(&self, name: &str) -> Option<&CategoryScore> {
        match name {
            "grooming" => Some(&self.grooming),
            "sextortion" => Some(&self.sextortion),
            "exploitation" => Some(&self.exploitation),
            "exposure" => Some(&self.exposure),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct CategoryScore {
    pub level: Level,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalReport {
    pub id: String,
    pub category: &'static str,
    pub explanation: String,
    /// What this signal added to its category.
    pub score: f64,
    /// How many matches there were; `matches` lists the first [`MAX_MATCHES_LISTED`].
    pub count: usize,
    pub matches: Vec<MatchReport>,
}

/// How many matches of one signal a report lists; `count` has them all.
pub const MAX_MATCHES_LISTED: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchReport {
    /// Index of the message in the input.
    pub message: usize,
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Byte offsets into the message's text.
    pub start: usize,
    pub end: usize,
    /// UTF-16 offsets into the message's text, for JavaScript.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The original text matched.
    pub text: String,
    /// The phrase, regular expression or concept rule (`rule: share + audience + condition`)
    /// that matched.
    pub pattern: String,
    /// False where the speaker does not count for this signal (the young person's own words).
    pub counted: bool,
}

/// Rounds a score for display, so results read the same everywhere.
pub(crate) fn round_score(score: f64) -> f64 {
    (score * 100.0).round() / 100.0
}

/// Converts ascending byte offsets into `text` to UTF-16 offsets in one pass.
pub(crate) fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(byte_offsets.len());
    let (mut byte, mut units) = (0, 0);
    let mut chars = text.chars();
    for &target in byte_offsets {
        while byte < target {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            units += c.len_utf16();
        }
        out.push(units);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs_and_accents() {
        let text = "é📸ab";
        assert_eq!(utf16_offsets(text, &[0, 2, 6, 7]), vec![0, 1, 3, 4]);
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Level::None < Level::Low && Level::Low < Level::Medium && Level::Medium < Level::High);
        assert_eq!(Level::from_name("medium"), Some(Level::Medium));
    }
}
