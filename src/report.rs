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
    /// Nothing worrying was found.
    #[default]
    None,
    /// Something to keep an eye on: not enough for a warning.
    Low,
    /// Worrying: the page warns and gives advice.
    Medium,
    /// Very worrying: the page warns first of all.
    High,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [Level::None, Level::Low, Level::Medium, Level::High];

    /// The name reports use (`none`, `low`, `medium`, `high`).
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    /// The level called `name`, as [`Level::name`] writes it.
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// What a scan found: the verdict, the people judged and the signals behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: u32,
    /// The worst person's level in their worst episode.
    pub risk: Level,
    /// The category that decides the verdict (the highest, then the higher score), when
    /// `risk` is above none: `grooming`, `sextortion`, `exploitation` or `exposure`.
    pub kind: Option<&'static str>,
    /// Within `kind`, the case its advice is for, when the packs tell it apart (`scam_mail`:
    /// a mass webcam bluff, not a contact who has images).
    pub subtype: Option<String>,
    /// The language the chat was judged in (given, or told from its words).
    pub lang: Option<Lang>,
    /// How many messages were scanned.
    pub messages: usize,
    /// The young person: given, or guessed where the chat makes it plain.
    #[serde(rename = "self")]
    pub young_person: Option<YoungPerson>,
    /// The worst person's worst episode, per category.
    pub categories: Categories,
    /// Every judged participant, worst first.
    pub people: Vec<PersonReport>,
    /// Every signal found, with its matches.
    pub signals: Vec<SignalReport>,
}

/// The young person of a chat, whose own words never count against them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YoungPerson {
    /// Their name as the chat gives it.
    pub speaker: String,
    /// True when the chat made it plain (they said their age), not the caller.
    pub guessed: bool,
}

/// One judged participant: the result of their worst episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonReport {
    /// Their name; none for a chat without speakers (pasted text).
    pub speaker: Option<String>,
    /// Their level in their worst episode.
    pub risk: Level,
    /// Their worst episode, per category.
    pub categories: Categories,
    /// Their worst episode; none when nothing they wrote counts.
    pub episode: Option<EpisodeReport>,
    /// The message at which what they wrote first reached `medium`, if it did.
    pub warning_at: Option<usize>,
}

/// The messages an episode spans (indices into the input) and, where known, their times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeReport {
    /// Index of its first message.
    pub first: usize,
    /// Index of its last message.
    pub last: usize,
    /// The time of its first message, where the chat has times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_time: Option<String>,
    /// The time of its last message, where the chat has times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_time: Option<String>,
}

/// A report with the id of the record it is for: one line of `redflag scan --jsonl`.
#[derive(Debug, Serialize)]
pub struct IdentifiedReport<'a> {
    /// The record's `id`, as it was given.
    pub id: &'a serde_json::Value,
    /// The report, its fields inline.
    #[serde(flatten)]
    pub report: &'a Report,
}

/// The four risk categories, always all present, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Categories {
    /// Adults building trust to abuse.
    pub grooming: CategoryScore,
    /// Images held over someone.
    pub sextortion: CategoryScore,
    /// Gifts turned into a debt paid with sex.
    pub exploitation: CategoryScore,
    /// An intimate image already shared.
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

/// One category's result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct CategoryScore {
    /// Its level.
    pub level: Level,
    /// The summed weight of its signals, rounded to two decimals.
    pub score: f64,
}

/// One signal found in the chat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalReport {
    /// Its id in the packs (`grooming.secrecy`).
    pub id: String,
    /// Its category's name.
    pub category: &'static str,
    /// One sentence for the young person, in the page's language.
    pub explanation: String,
    /// What this signal added to its category.
    pub score: f64,
    /// How many matches there were; `matches` lists the first [`MAX_MATCHES_LISTED`].
    pub count: usize,
    /// The first matches, in message order.
    pub matches: Vec<MatchReport>,
}

/// How many matches of one signal a report lists; `count` has them all.
pub const MAX_MATCHES_LISTED: usize = 100;

/// One place a signal was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchReport {
    /// Index of the message in the input.
    pub message: usize,
    /// Who wrote the message; none for text without speakers.
    pub speaker: Option<String>,
    /// The message's time, where the chat has times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Byte offsets into the message's text.
    pub start: usize,
    /// End of the match (exclusive), in bytes.
    pub end: usize,
    /// UTF-16 offsets into the message's text, for JavaScript.
    pub start_utf16: usize,
    /// End of the match (exclusive), in UTF-16 code units.
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
