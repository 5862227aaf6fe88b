//! The result of a scan (schema 1, documented in `docs/report.md`): the same JSON from
//! the command line and from the browser.

use serde::Serialize;

use crate::pack::Lang;

/// The result format's version: bumped on any change a reader could notice.
pub const SCHEMA: u32 = 1;

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
    pub risk: Level,
    pub lang: Option<Lang>,
    pub messages: usize,
    pub categories: Categories,
    pub signals: Vec<SignalReport>,
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
    /// The phrase or regular expression that matched.
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
