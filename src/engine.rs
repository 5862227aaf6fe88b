//! The engine: packs compiled once, then any number of scans. A scan runs the pipeline:
//! normalise → match → concept rules → judge each person by episode → report.

use std::collections::HashMap;

use crate::conversation::Message;
use crate::judge::accused::{Blame, Names, Owner};
use crate::judge::episode::{Episode, Timeline};
use crate::judge::people::Cast;
use crate::judge::rules::Rules;
use crate::judge::{judge, Found, Judged, Origin};
use crate::matcher::{Hit, LangVotes, Matcher};
use crate::normalize::{Normalized, Normalizer};
use crate::pack::{Lang, Location, PackErrors, PackSet, Source};
use crate::report::{round_score, utf16_offsets, Categories, EpisodeReport, MatchReport, PersonReport, Report, SignalReport, YoungPerson, MAX_MATCHES_LISTED, SCHEMA};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Normalised text is matched in batches of about this many bytes: large enough that the
/// per-search overhead vanishes, small enough to stay in cache and keep memory flat.
const BATCH_BYTES: usize = 256 * 1024;

/// How to read a conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// The speaker who is the young person: their own words do not raise the score.
    pub self_speaker: Option<String>,
    /// Use only the packs of this language (`None`: all of them, and guess the language).
    pub lang: Option<Lang>,
    /// The language of the explanations in the report.
    pub ui_lang: Lang,
}

/// Scans conversations with a set of packs.
#[derive(Debug, Clone)]
pub struct Engine {
    packs: PackSet,
    normalizer: Normalizer,
    matcher: Matcher,
    names: Names,
}

/// The built-in pack files.
pub fn builtin_sources() -> Vec<Source> {
    BUILTIN_PACKS.iter().map(|(name, text)| Source::new(*name, *text)).collect()
}

impl Engine {
    /// An engine with the packs built into redflag.
    pub fn builtin() -> Result<Engine, PackErrors> {
        Engine::new(&builtin_sources())
    }

    /// An engine with the given pack files.
    pub fn new(sources: &[Source]) -> Result<Engine, PackErrors> {
        let packs = PackSet::load(sources)?;
        let normalizer = Normalizer::new(packs.emoji.iter().cloned());
        let matcher = Matcher::new(&packs, &normalizer)?;
        let names = Names::new(&packs, &normalizer);
        Ok(Engine { packs, normalizer, matcher, names })
    }

    /// The packs it runs, as loaded.
    pub fn packs(&self) -> &PackSet {
        &self.packs
    }

    /// How it normalises text before matching (case, accents, leetspeak, look-alike letters).
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Scans a conversation: finds signals, judges each person, episode by episode.
    pub fn scan(&self, messages: &[Message], options: &ScanOptions) -> Report {
        let timeline = Timeline::new(messages, &self.packs.scoring);
        let (mut found, votes) = self.find(messages, options.lang, &mut Rules::new(&self.packs, messages, &timeline));
        self.drop_overlaps(&mut found);
        let cast = Cast::new(&self.packs, messages, &found, options.self_speaker.as_deref());
        let blame = Blame::new(&self.packs, &found, self.names.accusations(&self.packs, &self.normalizer, messages, &found, &cast));
        let judged = judge(&self.packs, messages, &timeline, &found, &cast, &blame);
        let worst = judged.first().and_then(|j| j.episode.as_ref());
        let categories = worst.map(|e| Categories::from_scores(&e.scores.categories)).unwrap_or_default();
        let kind = categories.deciding();
        let subtype = worst.and_then(|episode| self.subtype(kind?, episode, &found));
        let counts = |f: &Found| {
            let speaker = messages[f.message].speaker.as_deref();
            let for_nobody = cast.person(&self.packs, f.signal, speaker).is_some_and(|p| blame.owner(&self.packs, f, p) == Owner::Nobody);
            cast.counts(&self.packs, f.signal, speaker) && !for_nobody
        };
        let no_scores = vec![0.0; self.packs.signals.len()];
        let signal_scores = worst.map_or(&no_scores, |e| &e.scores.signals);
        Report {
            schema: SCHEMA,
            risk: worst.map(|e| e.scores.risk()).unwrap_or_default(),
            kind,
            subtype,
            lang: options.lang.or_else(|| guess_lang(&votes)),
            messages: messages.len(),
            young_person: cast.young.map(|speaker| YoungPerson { speaker: speaker.to_string(), guessed: cast.guessed }),
            categories,
            people: judged.iter().map(|j| person_report(messages, j)).collect(),
            signals: self.signal_reports(messages, &found, signal_scores, counts, options.ui_lang),
        }
    }

    /// The subtype of the first signal of category `kind`, in pack order, that the episode
    /// holds and that has one.
    fn subtype(&self, kind: &str, episode: &Episode, found: &[Found]) -> Option<String> {
        let held = |id: usize| found.iter().any(|f| f.signal == id && (episode.first..=episode.last).contains(&f.message));
        self.packs
            .signals
            .iter()
            .enumerate()
            .find(|(id, s)| s.category.name() == kind && s.subtype.is_some() && episode.scores.signals[*id] > 0.0 && held(*id))
            .and_then(|(_, s)| s.subtype.clone())
    }

    /// Every signal hit in `messages`, with what `rules` derive from the concept hits batch by
    /// batch (only in message order within a batch), and the language votes.
    fn find(&self, messages: &[Message], lang: Option<Lang>, rules: &mut Rules) -> (Vec<Found>, LangVotes) {
        let mut found = Vec::new();
        let mut votes = [0; 3];
        let mut hits = Vec::new();
        let mut batch = Vec::new();
        self.for_each_batch(messages, |text, starts| {
            self.matcher.find(text, lang, &mut hits, &mut votes);
            batch.extend(hits.drain(..).map(|hit| place(&self.packs, text, starts, hit)));
            // The matcher gives a batch's phrase hits before its pattern hits: rules need
            // each message's hits together.
            batch.sort_by_key(|f| f.message);
            rules.apply(&mut batch);
            found.append(&mut batch);
        });
        (found, votes)
    }

    /// Normalises `messages` into batches of about [`BATCH_BYTES`] and hands each to `each`,
    /// with where each of its messages starts in it and the message's index.
    pub(crate) fn for_each_batch(&self, messages: &[Message], mut each: impl FnMut(&Normalized, &[(usize, usize)])) {
        let mut text = Normalized::default();
        let mut starts: Vec<(usize, usize)> = Vec::new();
        for (index, message) in messages.iter().enumerate() {
            starts.push((self.normalizer.append(&message.text, &mut text), index));
            if text.as_bytes().len() >= BATCH_BYTES || index + 1 == messages.len() {
                each(&text, &starts);
                text.clear();
                starts.clear();
            }
        }
    }

    /// Keeps one hit where several rules of the same signal match overlapping text
    /// (`send me a pic` and `pic`): the one that starts first and is longest.
    fn drop_overlaps(&self, found: &mut Vec<Found>) {
        found.sort_by_key(|f| (f.message, f.signal, f.start, std::cmp::Reverse(f.end), f.origin));
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found.drain(..) {
            match kept.last() {
                Some(last) if last.message == f.message && last.signal == f.signal && f.start < last.end => {}
                _ => kept.push(f),
            }
        }
        kept.sort_by_key(|f| (f.message, f.start, f.end, f.origin));
        *found = kept;
    }

    fn signal_reports(&self, messages: &[Message], found: &[Found], signal_scores: &[f64], counts: impl Fn(&Found) -> bool, ui_lang: Lang) -> Vec<SignalReport> {
        let mut reports: Vec<(usize, SignalReport)> = Vec::new();
        let utf16 = Utf16Spans::new(messages, found);
        for (i, f) in found.iter().enumerate() {
            let position = match reports.iter().position(|(id, _)| *id == f.signal) {
                Some(p) => p,
                None => {
                    let signal = &self.packs.signals[f.signal];
                    let report = SignalReport {
                        id: signal.id.clone(),
                        category: signal.category.name(),
                        explanation: signal.explanation(ui_lang).to_string(),
                        score: round_score(signal_scores[f.signal]),
                        count: 0,
                        matches: Vec::new(),
                    };
                    reports.push((f.signal, report));
                    reports.len() - 1
                }
            };
            let report = &mut reports[position].1;
            report.count += 1;
            if report.matches.len() < MAX_MATCHES_LISTED {
                let message = &messages[f.message];
                let (start_utf16, end_utf16) = utf16.get(i);
                report.matches.push(MatchReport {
                    message: f.message,
                    speaker: message.speaker.clone(),
                    time: message.time.clone(),
                    start: f.start,
                    end: f.end,
                    start_utf16,
                    end_utf16,
                    text: message.text.get(f.start..f.end).unwrap_or_default().to_string(),
                    pattern: self.origin_text(f.origin),
                    counted: counts(f),
                });
            }
        }
        reports.into_iter().map(|(_, r)| r).collect()
    }
}

impl Engine {
    /// Where each phrase, pattern and concept rule is written, keyed `signal id\tpattern` with
    /// the text reports give it (the first definition where a pack repeats one).
    pub fn definitions(&self) -> HashMap<String, &Location> {
        let rules = (0..self.packs.rules.len()).map(|i| (self.packs.rules[i].signal, Origin::Rule(i), &self.packs.rules[i].at));
        let concept_rules = (0..self.packs.concept_rules.len()).map(|i| (self.packs.concept_rules[i].signal, Origin::ConceptRule(i), &self.packs.concept_rules[i].at));
        let mut out = HashMap::new();
        for (signal, origin, at) in rules.chain(concept_rules) {
            out.entry(crate::eval::pattern_key(&self.packs.signals[signal].id, &self.origin_text(origin))).or_insert(at);
        }
        out
    }

    /// What found a hit, as reports and the lab show it.
    fn origin_text(&self, origin: Origin) -> String {
        match origin {
            Origin::Rule(rule) => self.packs.rules[rule].text.clone(),
            Origin::ConceptRule(rule) => format!("rule: {}", self.packs.concept_rules[rule].text),
        }
    }
}

/// Moves a hit from the batch's normalised text to its message's original text.
fn place(packs: &PackSet, text: &Normalized, starts: &[(usize, usize)], hit: Hit) -> Found {
    let batch_index = starts.partition_point(|&(s, _)| s <= hit.start).saturating_sub(1);
    let (start, end) = text.original_span(hit.start, hit.end);
    Found { signal: packs.rules[hit.rule].signal, origin: Origin::Rule(hit.rule), message: starts[batch_index].1, start, end: end.max(start) }
}

fn person_report(messages: &[Message], judged: &Judged) -> PersonReport {
    let episode = judged.episode.as_ref();
    let time = |message: usize| messages[message].time.clone();
    PersonReport {
        speaker: judged.speaker.map(str::to_string),
        risk: episode.map(|e| e.scores.risk()).unwrap_or_default(),
        categories: episode.map(|e| Categories::from_scores(&e.scores.categories)).unwrap_or_default(),
        episode: episode.map(|e| EpisodeReport { first: e.first, last: e.last, first_time: time(e.first), last_time: time(e.last) }),
        warning_at: episode.and_then(|e| e.warning_at),
    }
}

/// The language with the most common words, if any were seen.
fn guess_lang(votes: &LangVotes) -> Option<Lang> {
    let (best, &count) = votes.iter().enumerate().max_by_key(|&(i, &v)| (v, std::cmp::Reverse(i)))?;
    (count > 0).then(|| Lang::ALL[best])
}

/// UTF-16 offsets of every hit, computed one message at a time.
struct Utf16Spans(Vec<(usize, usize)>);

impl Utf16Spans {
    /// `found` must be sorted by message.
    fn new(messages: &[Message], found: &[Found]) -> Utf16Spans {
        let mut spans = vec![(0, 0); found.len()];
        let mut i = 0;
        while i < found.len() {
            let message = found[i].message;
            let group_end = i + found[i..].iter().take_while(|f| f.message == message).count();
            let mut offsets: Vec<usize> = found[i..group_end].iter().flat_map(|f| [f.start, f.end]).collect();
            offsets.sort_unstable();
            offsets.dedup();
            let units = utf16_offsets(&messages[message].text, &offsets);
            let at = |byte: usize| offsets.binary_search(&byte).map_or(0, |k| units[k]);
            for (k, f) in found[i..group_end].iter().enumerate() {
                spans[i + k] = (at(f.start), at(f.end));
            }
            i = group_end;
        }
        Utf16Spans(spans)
    }

    fn get(&self, i: usize) -> (usize, usize) {
        self.0[i]
    }
}
