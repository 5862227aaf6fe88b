//! Evaluating corpus files held in memory, record by record: the pattern lab's evaluation,
//! with every record's report and where each pattern found is written.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{pattern_key, EvalOptions, Evaluation, Record};
use crate::engine::Engine;
use crate::pack::{Category, Location, Source};
use crate::report::{Level, Report};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Confusion;

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
}
