//! Measuring packs on labelled conversations: precision, recall and false-positive rates,
//! overall, per category, per label, per source, per language, per signal and per pattern.
//! The command line's `eval` and the browser's pattern lab share this code, so their
//! figures are the same.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use crate::conversation::Message;
use crate::engine::{Engine, ScanOptions};
use crate::pack::{Category, Lang, Location, Source};
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

/// A rate as reports give it: the value (`None` where it is undefined) and the percentage
/// the command line prints, so that every reader shows the same figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share(pub Option<f64>);

impl Share {
    fn of(part: usize, whole: usize) -> Share {
        Share(ratio(part, whole))
    }
}

impl fmt::Display for Share {
    /// One decimal and `%`, or `-` where the rate is undefined.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => write!(f, "{:.1}%", v * 100.0),
            None => f.write_str("-"),
        }
    }
}

impl Serialize for Share {
    /// `{"value": 0.853, "percent": "85.3%"}`; both `null` where the rate is undefined.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Share", 2)?;
        out.serialize_field("value", &self.0)?;
        out.serialize_field("percent", &self.0.map(|_| self.to_string()))?;
        out.end()
    }
}

/// True and false positives and negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Positives flagged.
    pub tp: usize,
    /// Negatives flagged.
    pub fp: usize,
    /// Positives missed.
    pub fn_: usize,
    /// Negatives not flagged.
    pub tn: usize,
}

impl Confusion {
    fn add(&mut self, actual: bool, predicted: bool) {
        match (actual, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn merge(&mut self, other: &Confusion) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }

    /// The share of flagged records that are positives; undefined for a table without
    /// positives (the benign label, a source of ordinary chats), where only the
    /// false-positive rate says something.
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fn_ == 0 {
            return None;
        }
        ratio(self.tp, self.tp + self.fp)
    }

    /// The share of positives that were flagged.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r))
    }

    /// The share of negatives that were flagged.
    pub fn false_positive_rate(&self) -> Option<f64> {
        ratio(self.fp, self.fp + self.tn)
    }

    /// How many records were counted.
    pub fn records(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// How many records were flagged.
    pub fn flagged(&self) -> usize {
        self.tp + self.fp
    }
}

impl Serialize for Confusion {
    /// The counts, then the rates, so that no reader computes them again.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Confusion", 10)?;
        out.serialize_field("tp", &self.tp)?;
        out.serialize_field("fp", &self.fp)?;
        out.serialize_field("fn_", &self.fn_)?;
        out.serialize_field("tn", &self.tn)?;
        out.serialize_field("records", &self.records())?;
        out.serialize_field("flagged", &self.flagged())?;
        out.serialize_field("precision", &Share(self.precision()))?;
        out.serialize_field("recall", &Share(self.recall()))?;
        out.serialize_field("f1", &Share(self.f1()))?;
        out.serialize_field("fp_rate", &Share(self.false_positive_rate()))?;
        out.end()
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// How often a signal or pattern fired in positive and in negative records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Firing {
    /// Positive records it fired in.
    pub positive: usize,
    /// Negative records it fired in.
    pub negative: usize,
}

impl Firing {
    /// The share of the records it fired in that are positives.
    pub fn precision(&self) -> Share {
        Share::of(self.positive, self.positive + self.negative)
    }

    /// The share of all `positives` it fired in.
    pub fn recall(&self, positives: usize) -> Share {
        Share::of(self.positive, positives)
    }
}

/// A [`Firing`] with its rates, as the evaluation's JSON gives it.
#[derive(Serialize)]
struct FiringFigures {
    positive: usize,
    negative: usize,
    precision: Share,
    recall: Share,
}

/// How often the person a record is about is the one the report names first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Naming {
    /// Positive records that say who the offender is.
    pub offenders: usize,
    /// Of those, the ones flagged with the offender as the report's first person.
    pub named: usize,
}

impl Naming {
    /// The share of offenders named.
    pub fn share(&self) -> Share {
        Share::of(self.named, self.offenders)
    }
}

impl Serialize for Naming {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Naming", 3)?;
        out.serialize_field("offenders", &self.offenders)?;
        out.serialize_field("named", &self.named)?;
        out.serialize_field("share", &self.share())?;
        out.end()
    }
}

/// How many messages it took to warn: for each flagged positive record, the messages read
/// when its first person's evidence first reached `medium` (as if read message by message).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings {
    /// Positive records counted.
    pub positives: usize,
    /// Of those, the ones warned at all.
    pub warned: usize,
    /// How many records were warned after reading each number of messages.
    pub lines: BTreeMap<usize, usize>,
}

impl Warnings {
    /// The median number of messages read before the warning, over warned records.
    pub fn median(&self) -> Option<usize> {
        let middle = self.warned.checked_sub(1)? / 2;
        let mut seen = 0;
        self.lines.iter().find_map(|(&lines, &count)| {
            seen += count;
            (seen > middle).then_some(lines)
        })
    }

    fn merge(&mut self, other: &Warnings) {
        self.positives += other.positives;
        self.warned += other.warned;
        for (&lines, &count) in &other.lines {
            *self.lines.entry(lines).or_default() += count;
        }
    }
}

impl Serialize for Warnings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Warnings", 5)?;
        out.serialize_field("positives", &self.positives)?;
        out.serialize_field("warned", &self.warned)?;
        out.serialize_field("share", &Share::of(self.warned, self.positives))?;
        out.serialize_field("median", &self.median())?;
        out.serialize_field("lines", &self.lines)?;
        out.end()
    }
}

/// The figures of one evaluation run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// A record is flagged when its risk (or a category's level) reaches this.
    pub threshold: Level,
    /// Records counted.
    pub records: usize,
    /// Of those, the positives (a risk label).
    pub positives: usize,
    /// Any risk category flagged, against any risk label.
    pub overall: Confusion,
    /// Per risk category: flagged in that category against labelled with it.
    pub categories: BTreeMap<String, Confusion>,
    /// Per label: flagged against positive, for each label seen.
    pub labels: BTreeMap<String, Confusion>,
    /// Per record source.
    pub sources: BTreeMap<String, Confusion>,
    /// Per record language.
    pub langs: BTreeMap<String, Confusion>,
    /// Records in which each signal counted, by signal id.
    pub signals: BTreeMap<String, Firing>,
    /// Records in which each phrase or pattern counted, keyed `signal id\tpattern`.
    pub patterns: BTreeMap<String, Firing>,
    /// Per person: whether the offender is the one named.
    pub people: Naming,
    /// How many messages it took to warn.
    pub lines_to_warning: Warnings,
}

impl Serialize for Evaluation {
    /// The counts with every rate beside them; signals and patterns with their precision and
    /// recall (over all positive records).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let figures = |table: &BTreeMap<String, Firing>| -> BTreeMap<String, FiringFigures> {
            table
                .iter()
                .map(|(key, f)| (key.clone(), FiringFigures { positive: f.positive, negative: f.negative, precision: f.precision(), recall: f.recall(self.positives) }))
                .collect()
        };
        let mut out = serializer.serialize_struct("Evaluation", 12)?;
        out.serialize_field("threshold", &self.threshold)?;
        out.serialize_field("records", &self.records)?;
        out.serialize_field("positives", &self.positives)?;
        out.serialize_field("overall", &self.overall)?;
        out.serialize_field("categories", &self.categories)?;
        out.serialize_field("labels", &self.labels)?;
        out.serialize_field("sources", &self.sources)?;
        out.serialize_field("langs", &self.langs)?;
        out.serialize_field("signals", &figures(&self.signals))?;
        out.serialize_field("patterns", &figures(&self.patterns))?;
        out.serialize_field("people", &self.people)?;
        out.serialize_field("lines_to_warning", &self.lines_to_warning)?;
        out.end()
    }
}

impl Evaluation {
    /// An empty evaluation at `threshold`.
    pub fn new(threshold: Level) -> Evaluation {
        let categories = Category::RISKS.iter().map(|c| (c.name().to_string(), Confusion::default())).collect();
        Evaluation { threshold, categories, ..Evaluation::default() }
    }

    /// Counts one record and the report the engine made of it.
    pub fn add(&mut self, record: &Record, report: &Report) {
        let positive = record.positive_category();
        let flagged = report.risk >= self.threshold;
        self.records += 1;
        self.positives += usize::from(positive.is_some());
        self.overall.add(positive.is_some(), flagged);
        for (name, confusion) in self.categories.iter_mut() {
            let level = report.categories.get(name).map_or(Level::None, |c| c.level);
            confusion.add(positive.is_some_and(|c| c.name() == name), level >= self.threshold);
        }
        let label = record.label.clone().unwrap_or_else(|| "unlabelled".to_string());
        self.labels.entry(label).or_default().add(positive.is_some(), flagged);
        let source = record.source.clone().unwrap_or_else(|| "-".to_string());
        self.sources.entry(source).or_default().add(positive.is_some(), flagged);
        let lang = record.lang.clone().unwrap_or_else(|| "-".to_string());
        self.langs.entry(lang).or_default().add(positive.is_some(), flagged);
        let first = report.people.first().filter(|_| flagged);
        if positive.is_some() {
            if let Some(offender) = &record.offender {
                self.people.offenders += 1;
                self.people.named += usize::from(first.is_some_and(|p| p.speaker.as_ref() == Some(offender)));
            }
            self.lines_to_warning.positives += 1;
            if let Some(at) = first.and_then(|p| p.warning_at) {
                self.lines_to_warning.warned += 1;
                *self.lines_to_warning.lines.entry(at + 1).or_default() += 1;
            }
        }
        for signal in &report.signals {
            let counted: Vec<&str> = signal.matches.iter().filter(|m| m.counted).map(|m| m.pattern.as_str()).collect();
            if counted.is_empty() {
                continue;
            }
            count_firing(self.signals.entry(signal.id.clone()).or_default(), positive.is_some());
            let mut patterns = counted;
            patterns.sort_unstable();
            patterns.dedup();
            for pattern in patterns {
                count_firing(self.patterns.entry(pattern_key(&signal.id, pattern)).or_default(), positive.is_some());
            }
        }
    }

    /// Adds the counts of another run with the same threshold (for parallel evaluation).
    pub fn merge(&mut self, other: &Evaluation) {
        self.records += other.records;
        self.positives += other.positives;
        self.overall.merge(&other.overall);
        self.people.offenders += other.people.offenders;
        self.people.named += other.people.named;
        self.lines_to_warning.merge(&other.lines_to_warning);
        let tables = [
            (&mut self.categories, &other.categories),
            (&mut self.labels, &other.labels),
            (&mut self.sources, &other.sources),
            (&mut self.langs, &other.langs),
        ];
        for (mine, theirs) in tables {
            for (key, c) in theirs {
                mine.entry(key.clone()).or_default().merge(c);
            }
        }
        for (mine, theirs) in [(&mut self.signals, &other.signals), (&mut self.patterns, &other.patterns)] {
            for (key, f) in theirs {
                let firing = mine.entry(key.clone()).or_default();
                firing.positive += f.positive;
                firing.negative += f.negative;
            }
        }
    }

    /// The patterns that fired most often in negative records.
    pub fn top_false_positive_patterns(&self, n: usize) -> Vec<(&str, &Firing)> {
        let mut rows: Vec<(&str, &Firing)> = self.patterns.iter().filter(|(_, f)| f.negative > 0).map(|(k, f)| (k.as_str(), f)).collect();
        rows.sort_by(|a, b| b.1.negative.cmp(&a.1.negative).then(a.0.cmp(b.0)));
        rows.truncate(n);
        rows
    }
}

/// A corpus line that is not a conversation record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadLine {
    /// The corpus file.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// Why it could not be read.
    pub message: String,
}

/// How one record came out, with the report, for drilling down into mistakes.
#[derive(Debug, Clone, Serialize)]
pub struct RecordOutcome {
    /// The corpus file.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// The record's id.
    pub id: serde_json::Value,
    /// The record's label.
    pub label: Option<String>,
    /// The risk category the label names, if any.
    pub positive: Option<&'static str>,
    /// Whether the report reaches the threshold.
    pub flagged: bool,
    /// The report's risk.
    pub risk: Level,
    /// The report.
    pub report: Report,
}

/// An evaluation of corpus files held in memory, record by record.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusEvaluation {
    /// The figures.
    pub evaluation: Evaluation,
    /// Lines that were skipped because they could not be read.
    pub bad: Vec<BadLine>,
    /// Every record read, in file and line order.
    pub records: Vec<RecordOutcome>,
    /// Where each phrase, pattern and rule found in a record is written, keyed as
    /// [`Evaluation::patterns`] (`signal id\tpattern`), for the lab's editor.
    pub definitions: BTreeMap<String, Location>,
}

/// Evaluates JSON Lines files held in memory on one thread: the pattern lab's evaluation.
/// Its `evaluation` equals `redflag eval` on the same files and options.
pub fn evaluate_corpus(engine: &Engine, files: &[Source], options: &EvalOptions) -> CorpusEvaluation {
    let mut out = CorpusEvaluation { evaluation: Evaluation::new(options.threshold), bad: Vec::new(), records: Vec::new(), definitions: BTreeMap::new() };
    let written = engine.definitions();
    for file in files {
        for (index, line) in file.text.lines().enumerate() {
            let record = match Record::from_line(line) {
                None => continue,
                Some(Ok(record)) => record,
                Some(Err(error)) => {
                    out.bad.push(BadLine { file: file.name.clone(), line: index + 1, message: error.to_string() });
                    continue;
                }
            };
            let report = options.scan(engine, &record);
            out.evaluation.add(&record, &report);
            for signal in &report.signals {
                for found in &signal.matches {
                    let key = pattern_key(&signal.id, &found.pattern);
                    if let Some(&at) = written.get(&key) {
                        out.definitions.entry(key).or_insert_with(|| at.clone());
                    }
                }
            }
            out.records.push(RecordOutcome {
                file: file.name.clone(),
                line: index + 1,
                positive: record.positive_category().map(Category::name),
                flagged: report.risk >= options.threshold,
                risk: report.risk,
                id: record.id,
                label: record.label,
                report,
            });
        }
    }
    out
}

/// How [`Evaluation::patterns`] and [`CorpusEvaluation::definitions`] name a pattern of a signal.
pub fn pattern_key(signal: &str, pattern: &str) -> String {
    format!("{signal}\t{pattern}")
}

fn count_firing(firing: &mut Firing, positive: bool) {
    if positive {
        firing.positive += 1;
    } else {
        firing.negative += 1;
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let _ = writeln!(out, "{} records ({} positive), flagged at level {} or above\n", self.records, self.positives, self.threshold.name());
        let header = format!("{:<28} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}", "", "records", "flagged", "precision", "recall", "f1", "fp rate");
        let row = |out: &mut String, name: &str, c: &Confusion| {
            let _ = writeln!(
                out,
                "{:<28} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}",
                name,
                c.records(),
                c.flagged(),
                Share(c.precision()).to_string(),
                Share(c.recall()).to_string(),
                Share(c.f1()).to_string(),
                Share(c.false_positive_rate()).to_string()
            );
        };
        let _ = writeln!(out, "{header}");
        row(&mut out, "any risk", &self.overall);
        for (name, c) in &self.categories {
            row(&mut out, name, c);
        }
        for (title, table) in [("by label", &self.labels), ("by source", &self.sources), ("by language", &self.langs)] {
            let _ = writeln!(out, "\n{title}");
            for (name, c) in table {
                row(&mut out, name, c);
            }
        }
        let w = &self.lines_to_warning;
        if self.people.offenders > 0 || w.positives > 0 {
            let _ = writeln!(out);
        }
        if self.people.offenders > 0 {
            let _ = writeln!(out, "offender named first: {} of {} ({})", self.people.named, self.people.offenders, self.people.share());
        }
        if w.positives > 0 {
            let median = w.median().map_or_else(|| "-".to_string(), |m| m.to_string());
            let _ = writeln!(out, "warned (medium): {} of {} positives, median {median} messages read", w.warned, w.positives);
        }
        let _ = writeln!(out, "\n{:<40} {:>9} {:>9} {:>9} {:>9}", "signal", "pos recs", "neg recs", "precision", "recall");
        for (id, firing) in &self.signals {
            let (precision, recall) = (firing.precision().to_string(), firing.recall(self.positives).to_string());
            let _ = writeln!(out, "{:<40} {:>9} {:>9} {:>9} {:>9}", id, firing.positive, firing.negative, precision, recall);
        }
        let _ = writeln!(out, "\nmost frequent patterns in negative records");
        for (key, firing) in self.top_false_positive_patterns(15) {
            let _ = writeln!(out, "{:>6}  {}", firing.negative, key.replace('\t', "  "));
        }
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_rates() {
        let c = Confusion { tp: 8, fp: 2, fn_: 2, tn: 88 };
        assert_eq!(c.precision(), Some(0.8));
        assert_eq!(c.recall(), Some(0.8));
        assert!((c.f1().unwrap() - 0.8).abs() < 1e-9);
        assert_eq!(c.false_positive_rate(), Some(2.0 / 90.0));
        assert_eq!(Confusion::default().precision(), None);
        let benign = Confusion { tp: 0, fp: 3, fn_: 0, tn: 97 };
        assert_eq!((benign.precision(), benign.f1()), (None, None), "no positives: no precision, not 0%");
        assert_eq!(benign.false_positive_rate(), Some(0.03));
    }

    #[test]
    fn records_name_their_positive_category() {
        let r = Record::parse(r#"{"id":1,"label":"grooming","messages":[{"speaker":"a","text":"hi"}]}"#).unwrap();
        assert_eq!(r.positive_category(), Some(Category::Grooming));
        let r = Record::parse(r#"{"label":"scam_phishing_nonsexual","messages":[]}"#).unwrap();
        assert_eq!(r.positive_category(), None);
        assert!(Record::parse(r#"{"messages": 3}"#).unwrap_err().to_string().starts_with("not a conversation record"));
        assert!(Record::from_line("  \r").is_none());
    }

    #[test]
    fn corpus_evaluation_skips_bad_lines_and_keeps_every_record() {
        let engine = Engine::builtin().unwrap();
        let corpus = Source::new(
            "mini.jsonl",
            concat!(
                r#"{"id":1,"label":"sextortion","messages":[{"speaker":"x","text":"send 500 euro in bitcoin or i post your nudes to all your followers, you have 24 hours"}]}"#,
                "\n\nnot json\n",
                r#"{"id":"b","label":"benign","messages":[{"speaker":"x","text":"you owe me 10 euro for the pizza lol"}]}"#,
            ),
        );
        let run = evaluate_corpus(&engine, &[corpus], &EvalOptions::default());
        assert_eq!(run.bad, vec![BadLine { file: "mini.jsonl".into(), line: 3, message: run.bad[0].message.clone() }]);
        let lines: Vec<(usize, bool, Option<&str>)> = run.records.iter().map(|r| (r.line, r.flagged, r.positive)).collect();
        assert_eq!(lines, vec![(1, true, Some("sextortion")), (4, false, None)]);
        assert_eq!(run.evaluation.overall, Confusion { tp: 1, fp: 0, fn_: 0, tn: 1 });
    }

    #[test]
    fn corpus_evaluation_says_where_each_pattern_found_is_written() {
        let engine = Engine::builtin().unwrap();
        let text = r#"{"label":"sextortion","messages":[{"speaker":"x","text":"send 500 euro in bitcoin or i post your nudes to all your followers, you have 24 hours"}]}"#;
        let run = evaluate_corpus(&engine, &[Source::new("one.jsonl", text)], &EvalOptions::default());
        let packs = crate::engine::builtin_sources();
        let found: std::collections::BTreeSet<String> = run.records[0].report.signals.iter().flat_map(|s| s.matches.iter().map(move |m| format!("{}\t{}", s.id, m.pattern))).collect();
        assert!(found.len() >= 3, "{found:?}");
        assert_eq!(run.definitions.keys().cloned().collect::<std::collections::BTreeSet<_>>(), found, "every match is located");
        for (key, at) in &run.definitions {
            let (_, pattern) = key.split_once('\t').unwrap();
            let file = packs.iter().find(|p| p.name == at.file).unwrap_or_else(|| panic!("{key}: no pack {}", at.file));
            let line = file.text.lines().nth(at.line - 1).unwrap_or_default();
            // A phrase is on its line; a concept rule's line opens its [[rule]] or names its signal.
            match pattern.strip_prefix("rule: ") {
                None => assert!(line.contains(pattern), "{key} at {at}: {line}"),
                Some(_) => assert!(line.contains("rule") || line.contains("signal"), "{key} at {at}: {line}"),
            }
        }
    }

    #[test]
    fn rates_are_given_with_the_percentage_the_command_line_prints() {
        let c = Confusion { tp: 1, fp: 0, fn_: 7, tn: 0 };
        let json = serde_json::to_value(c).unwrap();
        assert_eq!(json["recall"], serde_json::json!({"value": 0.125, "percent": "12.5%"}));
        assert_eq!((json["records"].as_u64(), json["flagged"].as_u64()), (Some(8), Some(1)));
        assert_eq!(json["fp_rate"], serde_json::json!({"value": null, "percent": null}), "no negatives: undefined");
        let e = serde_json::to_value(Evaluation { positives: 4, signals: [("x".to_string(), Firing { positive: 1, negative: 3 })].into(), ..Evaluation::new(Level::Medium) }).unwrap();
        assert_eq!(e["signals"]["x"]["precision"]["percent"], "25.0%");
        assert_eq!(e["signals"]["x"]["recall"]["percent"], "25.0%");
        assert_eq!(e["people"]["share"]["value"], serde_json::Value::Null);
    }
}
