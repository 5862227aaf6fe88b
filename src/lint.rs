//! Checks of packs that load but would not do what their author meant (`redflag lint`):
//! phrases written twice or that normalise to the same words, phrases and patterns that can
//! never match normalised text, phrases that another rule of their signal always covers, and
//! patterns that have to be run over every line. Loading errors are [`crate::PackErrors`].

use std::collections::HashMap;
use std::fmt;

use regex_syntax::hir::{Hir, HirKind};

use crate::engine::Engine;
use crate::matcher::{check_pattern, Hit};
use crate::normalize::Normalized;
use crate::pack::{Category, Lang, Location, Rule, RuleKind};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The pack does something it cannot have meant: a rule that is useless or never matches.
    Error,
    /// Worth a look: the pack works, but may be slower, noisier or bigger than meant.
    Warning,
}

/// One problem, where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where the problem is written.
    pub at: Location,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong, for the person editing the pack.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}: {}", self.at, self.message)
    }
}

/// The bytes normalised text is made of (see [`crate::normalize`]).
fn in_normalized_alphabet(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit() || b" $.,:".contains(&byte)
}

/// Every finding for the packs of `engine`, in file and line order.
pub fn lint(engine: &Engine) -> Vec<Finding> {
    let packs = engine.packs();
    let normalizer = engine.normalizer();
    let mut findings = Vec::new();
    // Concepts and signals are separate layers: a word may be in both on purpose.
    let mut first_with_key: HashMap<(bool, RuleKind, Option<Lang>, String), usize> = HashMap::new();
    let mut text = Normalized::default();
    let mut hits = Vec::new();
    for (index, rule) in packs.rules.iter().enumerate() {
        let mut report = |severity: Severity, message: String| findings.push(Finding { at: rule.at.clone(), severity, message });
        let key = match rule.kind {
            RuleKind::Phrase => normalizer.normalize(&rule.text).as_str().to_string(),
            RuleKind::Pattern => rule.text.clone(),
        };
        let layer = packs.signals[rule.signal].category == Category::Concept;
        match first_with_key.get(&(layer, rule.kind, rule.lang, key.clone())) {
            Some(&first) => {
                let first = &packs.rules[first];
                // Within a signal one of the two is useless; across signals it may be meant.
                let severity = if first.signal == rule.signal { Severity::Error } else { Severity::Warning };
                report(severity, same_key(rule, first, &key, &packs.signals[first.signal].id));
            }
            None => {
                first_with_key.insert((layer, rule.kind, rule.lang, key.clone()), index);
            }
        }
        match rule.kind {
            RuleKind::Phrase => {
                // Rules that cover every hit of this phrase in every way of writing it.
                let mut shadowing: Option<Vec<usize>> = None;
                for (n, form) in phrase_forms(&rule.text).iter().enumerate() {
                    text.clear();
                    normalizer.append(form, &mut text);
                    hits.clear();
                    engine.matcher().find(&text, rule.lang, &mut hits, &mut [0; 3]);
                    let own: Vec<&Hit> = hits.iter().filter(|hit| hit.rule == index).collect();
                    if n == 0 && !own.iter().any(|hit| hit.start == 0 && hit.end == text.as_bytes().len()) {
                        report(Severity::Error, format!("`{}` can never match: not even its own text (`{key}` after normalisation) matches it", rule.text));
                    }
                    for hit in own {
                        let covers = |other: &Hit| {
                            let other_rule = &packs.rules[other.rule];
                            other.rule != index
                                && other_rule.signal == rule.signal
                                && hit.start <= other.start
                                && other.end <= hit.end
                                && (other_rule.kind == RuleKind::Pattern || normalizer.normalize(&other_rule.text).as_str() != key)
                        };
                        let here: Vec<usize> = hits.iter().filter(|other| covers(other)).map(|other| other.rule).collect();
                        shadowing = Some(match shadowing {
                            None => here,
                            Some(before) => before.into_iter().filter(|r| here.contains(r)).collect(),
                        });
                    }
                }
                if let Some(other) = shadowing.and_then(|rules| rules.into_iter().min()).map(|r| &packs.rules[r]) {
                    report(
                        Severity::Warning,
                        format!("`{}` is shadowed by `{}` ({}): every text it matches, that one matches too, for the same signal", rule.text, other.text, other.at),
                    );
                }
            }
            RuleKind::Pattern => {
                if let Ok(hir) = check_pattern(&rule.text) {
                    if let Some(problem) = unmatchable_literal(&hir) {
                        report(Severity::Error, format!("`{}` can never match: {problem}", rule.text));
                    }
                }
            }
        }
    }
    for (rule, digits) in engine.matcher().unanchored_rules() {
        let rule = &packs.rules[rule];
        let lines = if digits { "every line with a digit" } else { "every line" };
        findings.push(Finding {
            at: rule.at.clone(),
            severity: Severity::Warning,
            message: format!("`{}` is slow: it has no rare word to anchor on (3 letters or more, not a common word), so it runs over {lines}", rule.text),
        });
    }
    findings.sort_by(|a, b| (&a.at.file, a.at.line, a.severity).cmp(&(&b.at.file, b.at.line, b.severity)));
    findings
}

/// A phrase as written, and the ways of writing it that the matcher also catches: between
/// other words, without its spaces (`paysafecard`), letter by letter (`s e n d`), and with its
/// double letters stretched (`pleeease`).
fn phrase_forms(phrase: &str) -> Vec<String> {
    let spaceless: String = phrase.chars().filter(|c| !c.is_whitespace()).collect();
    let spaced: String = spaceless.chars().flat_map(|c| [c, ' ']).collect();
    let mut forms = vec![phrase.to_string(), format!("lorem {phrase} ipsum"), format!("lorem {} ipsum", spaced.trim_end())];
    if spaceless.len() < phrase.len() {
        forms.push(format!("lorem {spaceless} ipsum"));
    }
    let chars: Vec<char> = phrase.chars().collect();
    if chars.windows(2).any(|pair| pair[0] == pair[1] && pair[0].is_alphabetic()) {
        let mut stretched = String::new();
        for (i, &c) in chars.iter().enumerate() {
            stretched.push(c);
            if i > 0 && chars[i - 1] == c && c.is_alphabetic() {
                stretched.push(c);
            }
        }
        forms.push(format!("lorem {stretched} ipsum"));
    }
    forms
}

fn same_key(rule: &Rule, first: &Rule, key: &str, first_signal: &str) -> String {
    let what = if rule.text == first.text { "is written again".to_string() } else { format!("normalises to `{key}`, as `{}` does", first.text) };
    if rule.signal == first.signal {
        format!("`{}` {what} ({}): one of them is enough", rule.text, first.at)
    } else {
        format!("`{}` {what} ({}, signal {first_signal}): the same words would raise two signals", rule.text, first.at)
    }
}

/// Why a pattern can never match normalised text, if a literal part of it cannot.
fn unmatchable_literal(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(literal) => {
            if let Some(&byte) = literal.0.iter().find(|&&b| !in_normalized_alphabet(b)) {
                Some(format!("normalised text has no `{}` (it is lower-case a-z, digits and single spaces)", byte.escape_ascii()))
            } else if literal.0.windows(2).any(|pair| pair == b"  ") {
                Some("normalised text never has two spaces in a row".to_string())
            } else {
                None
            }
        }
        HirKind::Capture(capture) => unmatchable_literal(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => unmatchable_literal(&repetition.sub),
        HirKind::Concat(parts) => parts.iter().find_map(unmatchable_literal),
        // An alternation can still match through another branch; only all branches failing count.
        HirKind::Alternation(branches) => {
            let problems: Vec<String> = branches.iter().filter_map(unmatchable_literal).collect();
            (problems.len() == branches.len()).then(|| problems.into_iter().next()).flatten()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Source;

    const SIGNALS: &str = r#"
[scoring]
low = 1.0
medium = 2.0
high = 3.0
[[signal]]
id = "grooming.image_request"
weight = 1.0
explain = { en = "asks for photos", nl = "vraagt foto's", fr = "demande des photos" }
[[signal]]
id = "grooming.secrecy"
weight = 1.0
explain = { en = "secrecy", nl = "geheim", fr = "secret" }
"#;

    fn findings(pack: &str) -> Vec<String> {
        let engine = Engine::new(&[Source::new("signals.toml", SIGNALS), Source::new("en.toml", pack)]).unwrap();
        lint(&engine).iter().map(Finding::to_string).collect()
    }

    #[test]
    fn clean_packs_have_no_findings() {
        let pack = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"send a pic\"]\npatterns = ['\\bsend (me )?nudes\\b']\n";
        assert_eq!(findings(pack), Vec::<String>::new());
    }

    #[test]
    fn duplicates_and_phrases_with_the_same_key_name_both_lines() {
        let pack = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\nphrases = [\n  \"send a pic\",\n  \"send a pic\",\n  \"SEND  a  PIC\",\n]\n\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"send a pic\"]\n";
        let found = findings(pack);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("en.toml:6: error: `send a pic` is written again (en.toml:5)"), "{found:#?}");
        assert!(found[1].starts_with("en.toml:7: error: `SEND  a  PIC` normalises to `send a pic`, as `send a pic` does (en.toml:5)"), "{found:#?}");
        assert!(found[2].starts_with("en.toml:12: warning:") && found[2].contains("signal grooming.image_request"), "{found:#?}");
    }

    #[test]
    fn patterns_that_cannot_match_normalised_text_are_errors() {
        let pack = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\npatterns = [\n  'send me (NUDES|pics)',\n  'send  nudes',\n  'send (me|you) Nudes',\n  'send \\S+ pics?!',\n]\n";
        let found = findings(pack);
        let errors: Vec<&String> = found.iter().filter(|f| f.contains(": error: ")).collect();
        assert_eq!(errors.len(), 3, "{found:#?}");
        assert!(errors[0].starts_with("en.toml:6: error: `send  nudes` can never match: normalised text never has two spaces"), "{found:#?}");
        assert!(errors[1].starts_with("en.toml:7: error:") && errors[1].contains("no `N`"), "{found:#?}");
        assert!(errors[2].starts_with("en.toml:8: error:") && errors[2].contains("no `!`"), "{found:#?}");
    }

    #[test]
    fn a_phrase_that_another_rule_of_its_signal_always_catches_is_shadowed() {
        let pack = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"nude\", \"send nudes now\"]\npatterns = ['\\bnudes?\\b']\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"nudes\"]\n";
        // `send nudes now` is not: written `sendnudesnow` only the phrase itself catches it.
        assert_eq!(
            findings(pack),
            vec!["en.toml:4: warning: `nude` is shadowed by `\\bnudes?\\b` (en.toml:5): every text it matches, that one matches too, for the same signal"]
        );
    }

    #[test]
    fn a_rule_that_misses_some_way_of_writing_the_phrase_does_not_shadow_it() {
        // `^…$` matches the phrase only as a whole line; the pattern needs the space that
        // `s e n d p i c` loses; `sendpic` is the spaceless spelling of `send pic`, not the
        // reverse; `paysafe` is no word of its own in `paysafecard`.
        let pack = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"r u alone\", \"send pic\", \"sendpic\", \"pay safe\", \"pay\"]\npatterns = ['(?m)^r u alone$', '\\bsend (?:a )?pic\\b']\n";
        let found = findings(pack);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("en.toml:4: warning: `sendpic` is shadowed by `send pic`"), "{found:#?}");
    }

    #[test]
    fn patterns_without_a_rare_word_are_slow() {
        let pack = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\npatterns = ['\\b(a|i) [a-z]+ u\\b']\n";
        let found = findings(pack);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("en.toml:4: warning: `\\b(a|i) [a-z]+ u\\b` is slow"), "{found:#?}");
    }
}
