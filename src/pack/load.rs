//! Reading pack files into a [`PackSet`]: the TOML format as serde reads it, then merging
//! the files, resolving names that may be defined in a later file, and checking limits.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::*;

// The file format, as serde reads it.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    lang: Option<Spanned<String>>,
    scoring: Option<Spanned<Scoring>>,
    #[serde(default)]
    signal: Vec<SignalEntry>,
    #[serde(default)]
    concept: Vec<ConceptEntry>,
    #[serde(default)]
    rule: Vec<Spanned<RuleEntry>>,
    #[serde(default)]
    combination: Vec<Spanned<CombinationEntry>>,
    #[serde(default)]
    emoji: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    stopwords: Vec<String>,
    /// Chat spellings of the file's language: `your = ["ur", "yur"]` (src/spelling.rs).
    #[serde(default)]
    spellings: BTreeMap<Spanned<String>, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignalEntry {
    id: Spanned<String>,
    weight: Option<Spanned<f64>>,
    from: Option<From>,
    subtype: Option<String>,
    reach: Option<Reach>,
    accuses: Option<bool>,
    tells: Option<bool>,
    explain: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

/// A concept's words in one language: `[[concept]] id = "image" terms = [...]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptEntry {
    id: Spanned<String>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    signal: Spanned<String>,
    all: Vec<Spanned<String>>,
    #[serde(default)]
    any: Vec<Spanned<String>>,
    #[serde(default)]
    earlier: Vec<Spanned<String>>,
    #[serde(default)]
    topic: Vec<Spanned<String>>,
    #[serde(default)]
    reply: Vec<Spanned<String>>,
    #[serde(default)]
    none: Vec<Spanned<String>>,
    within: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CombinationEntry {
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    signals: Vec<Spanned<String>>,
    min: Option<usize>,
    category: Spanned<String>,
    bonus: f64,
}

/// Phrases and patterns waiting for every file to be read, since a signal may be defined
/// in a file read later.
struct PendingRule {
    id: String,
    text: String,
    kind: RuleKind,
    lang: Option<Lang>,
    at: Location,
}

/// A rule over concepts, waiting like [`PendingRule`]: its concepts may come later.
struct PendingConceptRule {
    signal: (String, Location),
    all: Vec<(String, Location)>,
    any: Vec<(String, Location)>,
    earlier: Vec<(String, Location)>,
    topic: Vec<(String, Location)>,
    reply: Vec<(String, Location)>,
    none: Vec<(String, Location)>,
    within: Option<usize>,
    at: Location,
}

struct PendingCombination {
    requires: Vec<(String, Location)>,
    signals: Vec<(String, Location)>,
    min: Option<usize>,
    category: Category,
    bonus: f64,
    at: Location,
}

/// The most signals all pack files together may define: the built-in packs have under a
/// hundred, and a pack with tens of thousands is a mistake that would make the lab crawl.
pub const MAX_SIGNALS: usize = 2_000;
/// The most phrases and patterns all pack files together may hold (the built-in packs have
/// a few thousand); a million would take a phone's memory to compile.
pub const MAX_RULES: usize = 100_000;

#[derive(Default)]
pub(super) struct Loader {
    signals: Vec<Signal>,
    /// Where each signal id is in `signals`.
    signal_ids: HashMap<String, SignalId>,
    rules: Vec<PendingRule>,
    /// Signals used without being defined in the same entry: they must be defined somewhere.
    references: Vec<(String, Location)>,
    concept_rules: Vec<PendingConceptRule>,
    combinations: Vec<PendingCombination>,
    scoring: Option<(Scoring, Location)>,
    emoji: Vec<(char, String)>,
    stopwords: Vec<(Lang, String)>,
    spellings: Vec<(Lang, String, Vec<String>)>,
    errors: Vec<PackError>,
}

/// Where the lines of a text start, to turn byte offsets into line numbers (counting from
/// the start for each of thousands of phrases made loading quadratic).
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        LineIndex(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect())
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&newline| newline < offset) + 1
    }
}

impl Loader {
    fn signal_index(&self, id: &str) -> Option<SignalId> {
        self.signal_ids.get(id).copied()
    }

    fn error(&mut self, at: Location, field: &str, message: impl Into<String>) {
        self.errors.push(PackError { at, field: field.to_string(), message: message.into() });
    }

    /// Reports a problem that would otherwise be reported again for everything after it.
    fn error_once(&mut self, at: Location, field: &str, message: String) {
        if !self.errors.iter().any(|e| e.message == message) {
            self.error(at, field, message);
        }
    }

    pub(super) fn add(&mut self, source: &Source) {
        let lines = LineIndex::new(&source.text);
        let at = |offset: usize| Location { file: source.name.clone(), line: lines.line_of(offset) };
        let file: PackFile = match toml::from_str(&source.text) {
            Ok(file) => file,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let message = e.message().to_string();
                let field = message.split('`').nth(1).unwrap_or("-").to_string();
                self.error(at(offset), &field, message);
                return;
            }
        };
        let lang = match &file.lang {
            None => None,
            Some(l) if l.get_ref() == "any" => None,
            Some(l) => match Lang::from_code(l.get_ref()) {
                Some(lang) => Some(lang),
                None => {
                    self.error(at(l.span().start), "lang", format!("unknown language `{}` (use en, nl, fr or any)", l.get_ref()));
                    None
                }
            },
        };
        if let Some(scoring) = &file.scoring {
            self.add_scoring(*scoring.get_ref(), at(scoring.span().start));
        }
        for entry in file.signal {
            self.add_signal(entry, lang, &at);
        }
        for entry in file.concept {
            self.add_concept(entry, lang, &at);
        }
        for rule in file.rule {
            let here = at(rule.span().start);
            let r = rule.into_inner();
            let names = |list: &[Spanned<String>]| list.iter().map(|c| (c.get_ref().clone(), at(c.span().start))).collect::<Vec<_>>();
            let pending = PendingConceptRule {
                signal: (r.signal.get_ref().clone(), at(r.signal.span().start)),
                all: names(&r.all),
                any: names(&r.any),
                earlier: names(&r.earlier),
                topic: names(&r.topic),
                reply: names(&r.reply),
                none: names(&r.none),
                within: r.within,
                at: here,
            };
            self.concept_rules.push(pending);
        }
        for combination in file.combination {
            let here = at(combination.span().start);
            let c = combination.into_inner();
            let Some(category) = Category::from_name(c.category.get_ref()).filter(|c| c.is_risk()) else {
                self.error(at(c.category.span().start), "combination.category", format!("`{}` is not a risk category (grooming, sextortion, exploitation, exposure)", c.category.get_ref()));
                continue;
            };
            let signals = c.signals.iter().map(|s| (s.get_ref().clone(), at(s.span().start))).collect();
            let requires = c.requires.iter().map(|s| (s.get_ref().clone(), at(s.span().start))).collect();
            self.combinations.push(PendingCombination { requires, signals, min: c.min, category, bonus: c.bonus, at: here });
        }
        for (key, word) in file.emoji {
            let here = at(key.span().start);
            let mut chars = key.get_ref().chars().filter(|&c| c != '\u{fe0f}');
            match (chars.next(), chars.next()) {
                (Some(c), None) if word.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') && !word.trim().is_empty() => self.emoji.push((c, word)),
                (Some(_), None) => self.error(here, "emoji", format!("`{word}` must be lower-case ASCII words")),
                _ => self.error(here, "emoji", format!("`{}` must be a single emoji", key.get_ref())),
            }
        }
        match (lang, file.stopwords.is_empty()) {
            (Some(lang), _) => self.stopwords.extend(file.stopwords.into_iter().map(|w| (lang, w))),
            (None, false) => self.error(at(0), "stopwords", "stopwords need the file's `lang` (en, nl or fr)"),
            (None, true) => {}
        }
        for (words, spellings) in file.spellings {
            let here = at(words.span().start);
            match lang {
                None => self.error(here, "spellings", "spellings need the file's `lang` (en, nl or fr)"),
                Some(_) if spellings.is_empty() => self.error(here, "spellings", format!("`{}` has no spellings", words.get_ref())),
                Some(lang) => self.spellings.push((lang, words.into_inner(), spellings)),
            }
        }
    }

    fn add_scoring(&mut self, scoring: Scoring, here: Location) {
        if let Some((_, first)) = &self.scoring {
            let message = format!("the scoring is already set at {first}");
            self.error(here, "scoring", message);
        } else if !(0.0 < scoring.low && scoring.low < scoring.medium && scoring.medium < scoring.high) {
            self.error(here, "scoring", "levels must rise: 0 < low < medium < high");
        } else if !(0.0..=10.0).contains(&scoring.repeat_bonus) {
            self.error(here, "scoring.repeat_bonus", "must be between 0 and 10");
        } else if scoring.episode_messages == 0 || !(scoring.episode_hours > 0.0) {
            self.error(here, "scoring.episode_messages", "an episode needs at least one message and more than 0 hours");
        } else {
            self.scoring = Some((scoring, here));
        }
    }

    fn add_signal(&mut self, entry: SignalEntry, lang: Option<Lang>, at: &dyn Fn(usize) -> Location) {
        let id = entry.id.get_ref().clone();
        let here = at(entry.id.span().start);
        let Some(category) = parse_signal_id(&id) else {
            self.error(here, "signal.id", format!("`{id}` must be <category>.<name> in lower case, with a category among grooming, sextortion, exploitation, exposure, context, dampener"));
            return;
        };
        if category == Category::Concept {
            self.error(here, "signal.id", format!("`{id}`: concepts are written as `[[concept]] id = \"{}\"`, not as signals", &id["concept.".len()..]));
            return;
        }
        if let Some(weight) = &entry.weight {
            self.define_signal(&entry, &id, category, *weight.get_ref(), at(weight.span().start));
        } else if entry.explain.is_some() || entry.from.is_some() || entry.accuses.is_some() || entry.tells.is_some() {
            self.error(here, "signal.weight", format!("`{id}` has `explain`, `from`, `accuses` or `tells` but no `weight`: a signal is defined by its weight, once"));
        } else {
            self.references.push((id.clone(), here));
        }
        let rules = entry.phrases.iter().map(|p| (p, RuleKind::Phrase)).chain(entry.patterns.iter().map(|p| (p, RuleKind::Pattern)));
        self.add_rules(&id, rules, lang, at);
    }

    /// A concept is defined by its first `[[concept]]` entry; every entry adds words to it.
    fn add_concept(&mut self, entry: ConceptEntry, lang: Option<Lang>, at: &dyn Fn(usize) -> Location) {
        let name = entry.id.get_ref();
        let here = at(entry.id.span().start);
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            self.error(here, "concept.id", format!("`{name}` must be a lower-case name such as `image` or `payment_channel`"));
            return;
        }
        let id = format!("concept.{name}");
        if self.signal_index(&id).is_none() {
            let explain = [name.clone(), name.clone(), name.clone()];
            self.push_signal(Signal { id: id.clone(), category: Category::Concept, weight: 0.0, from: From::Any, subtype: None, reach: Reach::Message, accuses: false, tells: false, explain, defined_at: here });
        }
        let words = entry.terms.iter().map(|t| (t, RuleKind::Phrase)).chain(entry.patterns.iter().map(|p| (p, RuleKind::Pattern)));
        self.add_rules(&id, words, lang, at);
    }

    fn add_rules<'a>(&mut self, id: &str, rules: impl Iterator<Item = (&'a Spanned<String>, RuleKind)>, lang: Option<Lang>, at: &dyn Fn(usize) -> Location) {
        for (rule, kind) in rules {
            let at = at(rule.span().start);
            if self.rules.len() == MAX_RULES {
                self.error_once(at, "signal.phrases", format!("the packs hold more than {MAX_RULES} phrases and patterns, the most redflag takes"));
                return;
            }
            self.rules.push(PendingRule { id: id.to_string(), text: rule.get_ref().clone(), kind, lang, at });
        }
    }

    fn push_signal(&mut self, signal: Signal) {
        if self.signals.len() == MAX_SIGNALS {
            self.error_once(signal.defined_at, "signal", format!("the packs define more than {MAX_SIGNALS} signals, the most redflag takes"));
            return;
        }
        self.signal_ids.insert(signal.id.clone(), self.signals.len());
        self.signals.push(signal);
    }

    fn define_signal(&mut self, entry: &SignalEntry, id: &str, category: Category, weight: f64, here: Location) {
        if let Some(first) = self.signal_index(id).map(|i| &self.signals[i]) {
            let message = format!("`{id}` is already defined at {}", first.defined_at);
            self.error(here, "signal.weight", message);
            return;
        }
        let range = if category == Category::Dampener { 0.0..=1.0 } else { 0.0..=100.0 };
        if !range.contains(&weight) {
            self.error(here.clone(), "signal.weight", format!("{weight} is out of range {range:?}"));
        }
        let mut explain: [String; 3] = Default::default();
        match &entry.explain {
            None => self.error(here.clone(), "signal.explain", format!("`{id}` needs `explain = {{ en = \"...\", nl = \"...\", fr = \"...\" }}`")),
            Some(texts) => {
                for lang in Lang::ALL {
                    match texts.get_ref().get(lang.code()).filter(|t| !t.trim().is_empty()) {
                        Some(text) => explain[lang as usize] = text.clone(),
                        None => self.error(here.clone(), "signal.explain", format!("`{id}` has no explanation in `{}`", lang.code())),
                    }
                }
            }
        }
        if entry.reach.is_some() && category != Category::Dampener {
            self.error(here.clone(), "signal.reach", format!("`{id}` is not a dampener: only a dampener has a reach"));
        }
        for (field, set) in [("accuses", entry.accuses), ("tells", entry.tells)] {
            if set.is_some() && category != Category::Context {
                self.error(here.clone(), &format!("signal.{field}"), format!("`{id}` is not a context signal: only what is said about a deed (`context.`) can say whose it is"));
            }
        }
        let (reach, accuses, tells) = (entry.reach.unwrap_or_default(), entry.accuses.unwrap_or_default(), entry.tells.unwrap_or_default());
        self.push_signal(Signal { id: id.to_string(), category, weight, from: entry.from.unwrap_or_default(), subtype: entry.subtype.clone(), reach, accuses, tells, explain, defined_at: here });
    }

    pub(super) fn finish(mut self) -> Result<PackSet, PackErrors> {
        let scoring = match self.scoring.take() {
            Some((scoring, _)) => Some(scoring),
            None => {
                let at = Location { file: "(packs)".to_string(), line: 0 };
                self.error(at, "scoring", "no file sets `[scoring]` (low, medium, high)");
                None
            }
        };
        for (id, at) in std::mem::take(&mut self.references) {
            if self.signal_index(&id).is_none() {
                self.error(at, "signal.id", format!("`{id}` is never defined (no file gives it a `weight`)"));
            }
        }
        let rules = std::mem::take(&mut self.rules)
            .into_iter()
            .filter_map(|r| Some(Rule { signal: self.signal_index(&r.id)?, text: r.text, kind: r.kind, lang: r.lang, at: r.at }))
            .collect();
        let rule_words = scoring.map_or_else(default_rule_words, |s| s.rule_words);
        let concept_rules = std::mem::take(&mut self.concept_rules).into_iter().filter_map(|r| self.concept_rule(r, rule_words)).collect();
        let mut combinations = Vec::new();
        for c in std::mem::take(&mut self.combinations) {
            let mut resolve = |names: &[(String, Location)], field: &str| -> Vec<SignalId> {
                let mut ids = Vec::new();
                for (id, at) in names {
                    match self.signal_index(id) {
                        Some(s) => ids.push(s),
                        None => self.error(at.clone(), field, format!("`{id}` is never defined")),
                    }
                }
                ids
            };
            let requires = resolve(&c.requires, "combination.requires");
            let signals = resolve(&c.signals, "combination.signals");
            let min = c.min.unwrap_or(c.signals.len());
            if min == 0 || min > c.signals.len() {
                self.error(c.at, "combination.min", format!("must be between 1 and the number of signals ({})", c.signals.len()));
                continue;
            }
            combinations.push(Combination { requires, signals, min, category: c.category, bonus: c.bonus });
        }
        match scoring {
            Some(scoring) if self.errors.is_empty() => Ok(PackSet {
                signals: self.signals,
                rules,
                concept_rules,
                combinations,
                scoring,
                emoji: self.emoji,
                stopwords: self.stopwords,
                spellings: self.spellings,
            }),
            _ => Err(PackErrors(self.errors)),
        }
    }
}

impl Loader {
    /// Resolves a rule's signal and concepts, reporting each name that is not defined.
    fn concept_rule(&mut self, rule: PendingConceptRule, rule_words: usize) -> Option<ConceptRule> {
        let (signal_id, signal_at) = &rule.signal;
        // A rule raises a signal, or a concept for the rules after it (`i_passed_on` from "i"
        // and "posted" close together); a concept raises nothing to wait for, so it takes no
        // `reply`.
        let signal = match self.signal_index(signal_id).or_else(|| self.signal_index(&format!("concept.{signal_id}"))) {
            Some(s) if self.signals[s].category == Category::Concept && !rule.reply.is_empty() => {
                self.error(signal_at.clone(), "rule.reply", format!("`{signal_id}` is a concept: a rule that raises a concept cannot wait for a `reply`"));
                None
            }
            Some(s) => Some(s),
            None => {
                self.error(signal_at.clone(), "rule.signal", format!("`{signal_id}` is neither a defined signal (with a `weight`) nor a concept"));
                None
            }
        };
        // A name with a dot is a signal (`earlier`, `topic` and `reply` may name one), any other a concept.
        let mut concepts = |names: &[(String, Location)], field: &str| -> Vec<SignalId> {
            let mut ids = Vec::new();
            for (name, at) in names {
                let id = if name.contains('.') && ["rule.earlier", "rule.topic", "rule.reply"].contains(&field) { name.clone() } else { format!("concept.{name}") };
                match self.signal_index(&id) {
                    Some(id) => ids.push(id),
                    None if id == *name => self.error(at.clone(), field, format!("`{name}` is not a defined signal")),
                    None => self.error(at.clone(), field, format!("`{name}` is not a concept (no `[[concept]]` has this id)")),
                }
            }
            ids
        };
        let (all, any, earlier, topic, none) = (concepts(&rule.all, "rule.all"), concepts(&rule.any, "rule.any"), concepts(&rule.earlier, "rule.earlier"), concepts(&rule.topic, "rule.topic"), concepts(&rule.none, "rule.none"));
        let reply = concepts(&rule.reply, "rule.reply");
        if rule.all.is_empty() {
            self.error(rule.at.clone(), "rule.all", "a rule needs at least one concept in `all`");
        }
        let mut text = names(&rule.all).join(" + ");
        if !rule.any.is_empty() {
            text += &format!(" + one of ({})", names(&rule.any).join(", "));
        }
        if !rule.earlier.is_empty() {
            text += &format!(" + before or here ({})", names(&rule.earlier).join(", "));
        }
        if !rule.topic.is_empty() {
            text += &format!(" + talked about just before or here ({})", names(&rule.topic).join(", "));
        }
        if !rule.reply.is_empty() {
            text += &format!(" + answered just after ({})", names(&rule.reply).join(", "));
        }
        if !rule.none.is_empty() {
            text += &format!(", without ({})", names(&rule.none).join(", "));
        }
        let complete = all.len() == rule.all.len() && any.len() == rule.any.len() && earlier.len() == rule.earlier.len() && topic.len() == rule.topic.len() && reply.len() == rule.reply.len() && none.len() == rule.none.len();
        let within = rule.within.unwrap_or(rule_words);
        Some(ConceptRule { signal: signal?, all, any, earlier, topic, reply, none, within, text, at: rule.at }).filter(|_| complete && !rule.all.is_empty())
    }
}

fn names(list: &[(String, Location)]) -> Vec<&str> {
    list.iter().map(|(name, _)| name.as_str()).collect()
}

/// The category of a well-formed signal id such as `grooming.secrecy`.
fn parse_signal_id(id: &str) -> Option<Category> {
    let (category, name) = id.split_once('.')?;
    let well_formed = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    Category::from_name(category).filter(|_| well_formed)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::pack::MODEL;

    fn load(files: &[(&str, &str)]) -> Result<PackSet, PackErrors> {
        let sources: Vec<Source> = files.iter().map(|(n, t)| Source::new(*n, *t)).collect();
        PackSet::load(&sources)
    }

    #[test]
    fn a_signal_defined_in_one_file_gets_phrases_from_another() {
        let en = "lang = \"en\"\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"keep it secret\"]\n";
        let packs = load(&[("signals.toml", MODEL), ("en.toml", en)]).unwrap();
        assert_eq!(packs.rules.len(), 1);
        assert_eq!(packs.rules[0].lang, Some(Lang::En));
        assert_eq!(packs.rules[0].at, Location { file: "en.toml".into(), line: 4 });
        assert_eq!(packs.signals[0].explanation(Lang::Nl), "Geheim.");
    }

    #[test]
    fn pack_files_are_read_in_path_order_whatever_order_they_come_in() {
        let en = "lang = \"en\"\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"keep it secret\"]\n";
        let gb = "lang = \"en\"\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"keep schtum\"]\n";
        let files = [("packs/signals.toml", MODEL), ("packs/en-gb/x.toml", gb), ("packs\\en\\x.toml", en)];
        let texts = |packs: PackSet| packs.rules.into_iter().map(|r| r.text).collect::<Vec<_>>();
        let given = texts(load(&files).unwrap());
        let reversed = texts(load(&[files[2], files[1], files[0]]).unwrap());
        // A folder's files before a longer name that starts like it, whichever separator.
        assert_eq!(given, ["keep it secret", "keep schtum"]);
        assert_eq!(reversed, given);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let bad = "lang = \"en\"\n\n[[signal]]\nid = \"grooming.nope\"\nphrases = [\"x\"]\n";
        let err = load(&[("signals.toml", MODEL), ("bad.toml", bad)]).unwrap_err();
        assert_eq!(err.to_string(), "bad.toml:4: signal.id: `grooming.nope` is never defined (no file gives it a `weight`)");
    }

    #[test]
    fn toml_and_type_errors_have_lines() {
        let err = load(&[("signals.toml", MODEL), ("x.toml", "[[signal]]\nid = \"grooming.a\"\nweight = \"high\"\n")]).unwrap_err();
        let e = &err.0[0];
        assert_eq!((e.at.file.as_str(), e.at.line), ("x.toml", 3));
        let err = load(&[("signals.toml", MODEL), ("y.toml", "[[signal]]\nidd = 1\n")]).unwrap_err();
        assert_eq!(err.0[0].field, "idd");
        assert_eq!(err.0[0].at.line, 2);
    }

    #[test]
    fn definitions_are_checked() {
        let twice = "[[signal]]\nid = \"grooming.secrecy\"\nweight = 1.0\nexplain = { en = \"a\", nl = \"b\", fr = \"c\" }\n";
        let err = load(&[("signals.toml", MODEL), ("t.toml", twice)]).unwrap_err();
        assert!(err.0[0].message.contains("already defined at signals.toml:"), "{err}");
        let no_fr = "[[signal]]\nid = \"sextortion.x\"\nweight = 1.0\nexplain = { en = \"a\", nl = \"b\" }\n";
        let err = load(&[("signals.toml", MODEL), ("f.toml", no_fr)]).unwrap_err();
        assert_eq!(err.0[0].field, "signal.explain");
        let reach = "[[signal]]\nid = \"sextortion.x\"\nweight = 1.0\nreach = \"person\"\nexplain = { en = \"a\", nl = \"b\", fr = \"c\" }\n";
        let err = load(&[("signals.toml", MODEL), ("r.toml", reach)]).unwrap_err();
        assert_eq!((err.0[0].field.as_str(), err.0[0].at.line), ("signal.reach", 3), "only a dampener has a reach");
        let accuses = "[[signal]]\nid = \"sextortion.x\"\nweight = 1.0\naccuses = true\nexplain = { en = \"a\", nl = \"b\", fr = \"c\" }\n";
        let err = load(&[("signals.toml", MODEL), ("a.toml", accuses)]).unwrap_err();
        assert_eq!((err.0[0].field.as_str(), err.0[0].at.line), ("signal.accuses", 3), "only a context signal accuses");
        let err = load(&[("signals.toml", MODEL), ("t.toml", &accuses.replace("accuses", "tells"))]).unwrap_err();
        assert_eq!(err.0[0].field, "signal.tells", "only a context signal tells");
        let bad_id = "[[signal]]\nid = \"Grooming-x\"\n";
        assert_eq!(load(&[("signals.toml", MODEL), ("i.toml", bad_id)]).unwrap_err().0[0].field, "signal.id");
    }

    #[test]
    fn scoring_is_required_once_and_rising() {
        assert_eq!(load(&[]).unwrap_err().0[0].field, "scoring");
        let falling = "[scoring]\nlow = 5.0\nmedium = 2.0\nhigh = 9.0\n";
        assert_eq!(load(&[("s.toml", falling)]).unwrap_err().0[0].message, "levels must rise: 0 < low < medium < high");
    }

    #[test]
    fn packs_past_the_size_limits_are_refused_with_the_limit_named() {
        let phrases: Vec<String> = (0..=MAX_RULES).map(|i| format!("\"w{i}\"")).collect();
        let huge = format!("[[signal]]\nid = \"grooming.secrecy\"\nphrases = [{}]\n", phrases.join(","));
        let err = load(&[("signals.toml", MODEL), ("huge.toml", &huge)]).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert!(err.0[0].message.contains(&format!("more than {MAX_RULES} phrases")), "{err}");
        let signals: String = (0..=MAX_SIGNALS).map(|i| format!("[[signal]]\nid = \"grooming.s{i}\"\nweight = 1.0\nexplain = {{ en = \"a\", nl = \"b\", fr = \"c\" }}\n")).collect();
        let err = load(&[("signals.toml", MODEL), ("x-more-signals.toml", &signals)]).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert!(err.0[0].message.contains(&format!("more than {MAX_SIGNALS} signals")), "{err}");
    }

    #[test]
    fn spellings_belong_to_the_files_language_and_are_not_empty() {
        let en = "lang = \"en\"\n[spellings]\nyour = [\"ur\", \"yur\"]\n\"want to\" = [\"wanna\"]\n";
        let packs = load(&[("signals.toml", MODEL), ("en.toml", en)]).unwrap();
        assert_eq!(packs.spellings[1], (Lang::En, "your".to_string(), vec!["ur".to_string(), "yur".to_string()]));
        let err = load(&[("signals.toml", MODEL), ("any.toml", "[spellings]\nyour = [\"ur\"]\n")]).unwrap_err();
        assert_eq!((err.0[0].field.as_str(), err.0[0].at.line), ("spellings", 2), "{err}");
        let err = load(&[("signals.toml", MODEL), ("e.toml", "lang = \"en\"\n[spellings]\n\nyour = []\n")]).unwrap_err();
        assert_eq!(err.to_string(), "e.toml:4: spellings: `your` has no spellings");
    }

    #[test]
    fn emoji_keys_are_single_characters() {
        let emoji = "[emoji]\n\"📸\" = \"photo\"\n\"🤫\u{fe0f}\" = \"secret\"\n\"ab\" = \"x\"\n";
        let err = load(&[("signals.toml", MODEL), ("emoji.toml", emoji)]).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].at.line, 4);
    }
}
