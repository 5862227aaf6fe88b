//! The records of a JSON Lines corpus (`scan --jsonl`, `eval`) and how an evaluation reads
//! them.

use std::fmt;

use serde::Deserialize;

use crate::conversation::Message;
use crate::engine::{Engine, ScanOptions};
use crate::pack::{Category, Lang};
use crate::report::{Level, Report};

/// A conversation record of a JSON Lines corpus (`scan --jsonl`, `eval`).
#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    /// The record's id (any JSON value), given back in its report.
    #[serde(default)]
    pub id: serde_json::Value,
    /// Where the record comes from (a corpus name), for per-source figures.
    #[serde(default)]
    pub source: Option<String>,
    /// The language code of the chat (`en`, `nl`, `fr`).
    #[serde(default)]
    pub lang: Option<String>,
    /// `benign` or a risk category (`grooming`, ...); other labels count as benign.
    #[serde(default)]
    pub label: Option<String>,
    /// The young person's name.
    #[serde(default, rename = "self")]
    pub self_speaker: Option<String>,
    /// The speaker a positive record is about: the report should name them first.
    #[serde(default)]
    pub offender: Option<String>,
    /// The conversation.
    pub messages: Vec<Message>,
}

impl Record {
    /// Reads one JSON line.
    pub fn parse(line: &str) -> Result<Record, RecordError> {
        serde_json::from_str(line).map_err(|e| RecordError { column: e.column(), message: e.to_string() })
    }

    /// Reads one line of a corpus: `None` for a blank line, which corpora may have anywhere.
    pub fn from_line(line: &str) -> Option<Result<Record, RecordError>> {
        (!line.trim().is_empty()).then(|| Record::parse(line))
    }

    /// Scan options for this record: its speaker and (when known) its language.
    pub fn options(&self, auto_lang: bool, ui_lang: Lang) -> ScanOptions {
        let lang = if auto_lang { None } else { self.lang.as_deref().and_then(Lang::from_code) };
        ScanOptions { self_speaker: self.self_speaker.clone(), lang, ui_lang }
    }

    /// The risk category the label names, if it names one (`grooming`, `sextortion`, …).
    pub fn positive_category(&self) -> Option<Category> {
        self.label.as_deref().and_then(Category::from_name).filter(|c| c.is_risk())
    }
}

/// A corpus line that is not a conversation record. The line number is the reader's to add:
/// a record is one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// Where in the line reading stopped, from 1.
    pub column: usize,
    /// What was wrong there (the JSON reader's words).
    pub message: String,
}

impl RecordError {
    /// A stable code for the lab to translate.
    pub fn code(&self) -> &'static str {
        "record_invalid"
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a conversation record ({})", self.message)
    }
}

impl std::error::Error for RecordError {}

/// How an evaluation reads each record: the options of `redflag eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalOptions {
    /// A record counts as flagged from this level up.
    pub threshold: Level,
    /// Only the first this many messages of each conversation (early warning).
    pub prefix: Option<usize>,
    /// Only the packs of each record's `lang` (otherwise all packs, as the page does).
    pub record_lang: bool,
}

impl Default for EvalOptions {
    fn default() -> EvalOptions {
        EvalOptions { threshold: Level::Medium, prefix: None, record_lang: false }
    }
}

impl EvalOptions {
    /// The report on one record, read as these options say.
    pub fn scan(&self, engine: &Engine, record: &Record) -> Report {
        let messages = &record.messages[..self.prefix.unwrap_or(usize::MAX).min(record.messages.len())];
        engine.scan(messages, &record.options(!self.record_lang, Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_name_their_positive_category() {
        let r = Record::parse(r#"{"id":1,"label":"grooming","messages":[{"speaker":"a","text":"hi"}]}"#).unwrap();
        assert_eq!(r.positive_category(), Some(Category::Grooming));
        let r = Record::parse(r#"{"label":"scam_phishing_nonsexual","messages":[]}"#).unwrap();
        assert_eq!(r.positive_category(), None);
        assert!(Record::parse(r#"{"messages": 3}"#).unwrap_err().to_string().starts_with("not a conversation record"));
        assert!(Record::from_line("  \r").is_none());
    }
}
