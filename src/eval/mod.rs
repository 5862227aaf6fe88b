//! Measuring packs on labelled conversations: precision, recall and false-positive rates,
//! overall, per category, per label, per source, per language, per signal and per pattern.
//! The command line's `eval` and the browser's pattern lab share this code, so their
//! figures are the same.

mod corpus;
mod figures;
mod record;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde::Serialize;

pub use corpus::{evaluate_corpus, BadLine, CorpusEvaluation, RecordOutcome};
pub use figures::{Confusion, Firing, Naming, Share, Warnings};
use figures::FiringFigures;
pub use record::{EvalOptions, Record, RecordError};

use crate::pack::Category;
use crate::report::{Level, Report};

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
                .map(|(key, f)| (key.clone(), f.figures(self.positives)))
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
            self.signals.entry(signal.id.clone()).or_default().count(positive.is_some());
            let mut patterns = counted;
            patterns.sort_unstable();
            patterns.dedup();
            for pattern in patterns {
                self.patterns.entry(pattern_key(&signal.id, pattern)).or_default().count(positive.is_some());
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
                mine.entry(key.clone()).or_default().merge(f);
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

/// How [`Evaluation::patterns`] and [`CorpusEvaluation::definitions`] name a pattern of a signal.
pub fn pattern_key(signal: &str, pattern: &str) -> String {
    format!("{signal}\t{pattern}")
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
