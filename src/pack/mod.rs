//! Pattern packs: the TOML files in `data/packs/` (format in `docs/packs.md`), loaded,
//! merged and checked. Every error names the file, the line and the field. This module holds
//! the model the engine runs; [`load`] reads the files into it.

mod load;

use std::cmp::Ordering;
use std::fmt;

use serde::Deserialize;

pub(crate) use load::LineIndex;
use load::Loader;

/// A pack file's name and text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where the text comes from (`data/packs/en/grooming.toml`): errors and the lab name it.
    pub name: String,
    /// The TOML text.
    pub text: String,
}

impl Source {
    /// A pack file called `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: text.into() }
    }
}

/// The languages redflag speaks: packs are written in them and explanations are given in them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Dutch (Flemish as Belgian teens write it).
    Nl,
    /// French (as Belgian teens write it).
    Fr,
}

impl Lang {
    /// Every language, in the order of the packs' explanation arrays.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Nl, Lang::Fr];

    /// The ISO 639-1 code: `en`, `nl`, `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::Fr => "fr",
        }
    }

    /// The language with ISO 639-1 code `code`, if redflag speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// What a signal is a sign of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// An adult building trust to abuse: age probes, secrecy, gifts, photos, meetings.
    Grooming,
    /// Images held over someone: pay or send more, or they are shared.
    Sextortion,
    /// Gifts turned into a debt paid back with sex, clients, hotels (loverboys).
    Exploitation,
    /// An intimate image already shared: a class group, a story, an exposing account.
    Exposure,
    /// Facts that count only in combinations (the young person says they are 14).
    Context,
    /// Text that makes the words around it less worrying (education, news, help-seeking).
    Dampener,
    /// A word group rules are written over (`concept.image`, `concept.audience`): it raises
    /// nothing by itself.
    Concept,
}

impl Category {
    /// The categories that are scored and reported.
    pub const RISKS: [Category; 4] = [Category::Grooming, Category::Sextortion, Category::Exploitation, Category::Exposure];
    const ALL: [Category; 7] = [
        Category::Grooming,
        Category::Sextortion,
        Category::Exploitation,
        Category::Exposure,
        Category::Context,
        Category::Dampener,
        Category::Concept,
    ];

    /// The name packs and reports use (`grooming`, `concept`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Category::Grooming => "grooming",
            Category::Sextortion => "sextortion",
            Category::Exploitation => "exploitation",
            Category::Exposure => "exposure",
            Category::Context => "context",
            Category::Dampener => "dampener",
            Category::Concept => "concept",
        }
    }

    /// The category called `name`, as [`Category::name`] writes it.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether the category is one of the four [`Category::RISKS`].
    pub fn is_risk(self) -> bool {
        Category::RISKS.contains(&self)
    }
}

/// Whose messages count for a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum From {
    /// Anyone but the young person.
    #[default]
    Other,
    /// Only the young person.
    #[serde(rename = "self")]
    Myself,
    /// Everyone.
    Any,
}

/// How far a dampener reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reach {
    /// The hits in its own message (news quoted in that message).
    #[default]
    Message,
    /// Every hit of the person's episode: someone who points the young person to help
    /// ("I've reported it, call Child Focus") is helping, whatever else they said.
    Person,
}

/// Where something was written: a pack file and line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The pack file's name, as its [`Source`] gives it.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A signal: something worrying (or reassuring) that a message can say.
#[derive(Debug, Clone)]
pub struct Signal {
    pub id: String,
    pub category: Category,
    pub weight: f64,
    pub from: From,
    /// The kind of case this signal marks within its category, where the advice differs
    /// (`scam_mail`: the mass webcam bluff, not a contact who has images).
    pub subtype: Option<String>,
    /// For a dampener, how far it reaches.
    pub reach: Reach,
    /// Said to a participant by name ("kevin delete that"), it names who did what was just
    /// told (src/judge/accused.rs).
    pub accuses: bool,
    /// Said in a message ("who tf airdropped that pic"), it makes the message's risk hits a
    /// telling of someone else's deed: they count only for the person an accusation blames.
    pub tells: bool,
    /// One sentence for the young person, per language (en, nl, fr).
    explain: [String; 3],
    pub defined_at: Location,
}

impl Signal {
    pub fn explanation(&self, lang: Lang) -> &str {
        &self.explain[lang as usize]
    }

    /// Whether it is a dampener that reaches the person's whole episode.
    pub fn reaches_person(&self) -> bool {
        self.category == Category::Dampener && self.reach == Reach::Person
    }
}

/// Index of a signal in [`PackSet::signals`].
pub type SignalId = usize;

/// A phrase or a regular expression that points to a signal.
#[derive(Debug, Clone)]
pub struct Rule {
    pub signal: SignalId,
    /// The phrase or expression as written in the pack.
    pub text: String,
    pub kind: RuleKind,
    /// `None` when the file is for any language.
    pub lang: Option<Lang>,
    pub at: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    Phrase,
    Pattern,
}

/// Signals seen together that add a bonus to a category.
#[derive(Debug, Clone)]
pub struct Combination {
    /// Signals that must all be present for the bonus (an adult stating their age) ...
    pub requires: Vec<SignalId>,
    /// ... with at least `min` of these.
    pub signals: Vec<SignalId>,
    pub min: usize,
    pub category: Category,
    pub bonus: f64,
}

/// How many messages back a rule's `topic` may have been said, and ahead its `reply`: a
/// reply, not last week's chat.
pub const TOPIC_MESSAGES: usize = 4;

/// A rule over concepts (`[[rule]]`): raises `signal` in a message that holds its concepts.
#[derive(Debug, Clone)]
pub struct ConceptRule {
    pub signal: SignalId,
    /// Concepts that must all be in the message.
    pub all: Vec<SignalId>,
    /// Of these, at least one must be in the message too (none: no such condition).
    pub any: Vec<SignalId>,
    /// Concepts (or signals) that must be in the message or in an earlier one of the same
    /// person's episode (`i have your pics` yesterday, `pay or your family sees it` today).
    pub earlier: Vec<SignalId>,
    /// Concepts (or signals) that must be in the message or in one of the
    /// [`TOPIC_MESSAGES`] before it, from anyone: what the chat is about, so "lol everyone's
    /// seen it" after a friend's "your video is in the group" is about the video.
    pub topic: Vec<SignalId>,
    /// Concepts (or signals) that someone else must say in one message of the
    /// [`TOPIC_MESSAGES`] after it: the answer that tells what it was about, so "like 40 ppl
    /// saw it already" is about a private image when the young person answers "TAKE IT DOWN".
    pub reply: Vec<SignalId>,
    /// Concepts that stop the rule in their message (`i would never`).
    pub none: Vec<SignalId>,
    /// The concepts of `all` and `any` must lie within this many words of each other: a
    /// threat is said in one breath, while a long message holds every common word somewhere.
    pub within: usize,
    /// How the rule reads, for reports and the lab: `share + audience + condition`.
    pub text: String,
    pub at: Location,
}

/// How signal weights turn into levels, and how close evidence must be to add up.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub low: f64,
    pub medium: f64,
    pub high: f64,
    #[serde(default = "default_repeat_bonus")]
    pub repeat_bonus: f64,
    #[serde(default = "default_repeat_cap")]
    pub repeat_cap: usize,
    /// One person's signals add up only within this many messages of the chat...
    #[serde(default = "default_episode_messages")]
    pub episode_messages: usize,
    /// ...or within this many of the person's own messages (whichever reaches further)...
    #[serde(default = "default_episode_own_messages")]
    pub episode_own_messages: usize,
    /// ...and, where messages have times, within this many hours.
    #[serde(default = "default_episode_hours")]
    pub episode_hours: f64,
    /// How close the concepts of a rule must be, in words, unless the rule says (`within`).
    #[serde(default = "default_rule_words")]
    pub rule_words: usize,
}

fn default_rule_words() -> usize {
    12
}

fn default_episode_messages() -> usize {
    100
}

fn default_episode_own_messages() -> usize {
    50
}

fn default_episode_hours() -> f64 {
    72.0
}

fn default_repeat_bonus() -> f64 {
    0.25
}

fn default_repeat_cap() -> usize {
    2
}

/// All pack files merged and checked: the model the engine runs. Build an [`Engine`](crate::Engine)
/// to scan with it; on its own it says what the packs hold.
#[derive(Debug, Clone)]
pub struct PackSet {
    pub(crate) signals: Vec<Signal>,
    pub(crate) rules: Vec<Rule>,
    /// Rules over concepts, in the order written.
    pub(crate) concept_rules: Vec<ConceptRule>,
    pub(crate) combinations: Vec<Combination>,
    pub(crate) scoring: Scoring,
    /// Emoji and the words they stand for.
    pub(crate) emoji: Vec<(char, String)>,
    /// Common words of each language, to tell which language a chat is in.
    pub(crate) stopwords: Vec<(Lang, String)>,
    /// Chat spellings of each language's words, as written: (language, words, spellings).
    pub(crate) spellings: Vec<(Lang, String, Vec<String>)>,
}

impl PackSet {
    /// Loads and merges pack files, in path order whatever order they are given in (so
    /// the command line, the page and the lab build the same model from the same files). On
    /// failure, every problem found is returned.
    pub fn load(sources: &[Source]) -> Result<PackSet, PackErrors> {
        let mut ordered: Vec<&Source> = sources.iter().collect();
        ordered.sort_by(|a, b| pack_order(&a.name, &b.name));
        let mut loader = Loader::default();
        for source in ordered {
            loader.add(source);
        }
        loader.finish()
    }

    /// How many signals the packs define (concepts among them).
    pub fn signal_count(&self) -> usize {
        self.signals.len()
    }

    /// How many phrases and patterns point to those signals.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Every phrase as written in the packs (not the patterns): what a bare phrase matcher
    /// would look for, to measure the engine against.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().filter(|r| r.kind == RuleKind::Phrase).map(|r| r.text.as_str())
    }
}

/// The order pack files are read in, the one every reader uses: by path, folder by folder
/// (`en/x.toml` before `en-gb/x.toml`, as a file system lists them), whichever separator the
/// name was written with.
pub(crate) fn pack_order(a: &str, b: &str) -> Ordering {
    a.split(['/', '\\']).cmp(b.split(['/', '\\']))
}

/// The smallest valid pack, for tests: levels and one signal (`grooming.secrecy`, weight 3,
/// no phrases) in a combination. Tests add files that give it phrases or patterns.
#[cfg(test)]
pub(crate) const MODEL: &str = r#"
[scoring]
low = 2.0
medium = 5.0
high = 9.0

[[signal]]
id = "grooming.secrecy"
weight = 3.0
explain = { en = "Secret.", nl = "Geheim.", fr = "Secret." }

[[combination]]
signals = ["grooming.secrecy"]
category = "grooming"
bonus = 1.0
"#;

/// One problem in a pack file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The file and line.
    pub at: Location,
    /// The field the problem is in, such as `signal.patterns` or `scoring.low`.
    pub field: String,
    /// What is wrong, in English, for the person editing the pack.
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.at, self.field, self.message)
    }
}

/// Every problem found in a set of pack files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackErrors(pub Vec<PackError>);

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PackErrors {}
