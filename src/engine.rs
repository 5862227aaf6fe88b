//! The engine: packs compiled once, then any number of scans.

use crate::conversation::Message;
use crate::matcher::{Hit, LangVotes, Matcher};
use crate::normalize::{Normalized, Normalizer};
use crate::pack::{From, Lang, PackErrors, PackSet, Source};
use crate::report::{round_score, utf16_offsets, Categories, CategoryScore, MatchReport, Report, SignalReport, MAX_MATCHES_LISTED, SCHEMA};
use crate::score::{score, CountedHit};

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
}

/// A hit placed in its message, with its span in the message's original text.
#[derive(Debug, Clone, Copy)]
struct Found {
    rule: usize,
    message: usize,
    start: usize,
    end: usize,
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
        Ok(Engine { packs, normalizer, matcher })
    }

    pub fn packs(&self) -> &PackSet {
        &self.packs
    }

    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Scans a conversation.
    pub fn scan(&self, messages: &[Message], options: &ScanOptions) -> Report {
        let (mut found, votes) = self.find(messages, options.lang);
        self.drop_overlaps(&mut found);
        let is_self = |message: usize| {
            options.self_speaker.is_some() && messages[message].speaker.as_deref() == options.self_speaker.as_deref()
        };
        let counts = |f: &Found| match self.packs.signals[self.packs.rules[f.rule].signal].from {
            From::Other => !is_self(f.message),
            From::Myself => is_self(f.message),
            From::Any => true,
        };
        let counted: Vec<CountedHit> = found
            .iter()
            .filter(|f| counts(f))
            .map(|f| CountedHit { signal: self.packs.rules[f.rule].signal, message: f.message })
            .collect();
        let scores = score(&self.packs, &counted);
        let category = |slot: usize| {
            let (score, level) = scores.categories[slot];
            CategoryScore { level, score: round_score(score) }
        };
        let lang = options.lang.or_else(|| guess_lang(&votes));
        Report {
            schema: SCHEMA,
            risk: scores.risk(),
            lang,
            messages: messages.len(),
            categories: Categories { grooming: category(0), sextortion: category(1), exploitation: category(2), exposure: category(3) },
            signals: self.signal_reports(messages, &found, &scores.signals, counts, options.ui_lang),
        }
    }

    /// Every hit in `messages`, in message order, and the language votes.
    fn find(&self, messages: &[Message], lang: Option<Lang>) -> (Vec<Found>, LangVotes) {
        let mut found = Vec::new();
        let mut votes = [0; 3];
        let mut text = Normalized::default();
        let mut hits = Vec::new();
        // Where each message of the batch starts in `text`, and its index.
        let mut starts: Vec<(usize, usize)> = Vec::new();
        for (index, message) in messages.iter().enumerate() {
            starts.push((self.normalizer.append(&message.text, &mut text), index));
            if text.as_bytes().len() >= BATCH_BYTES || index + 1 == messages.len() {
                self.matcher.find(&text, lang, &mut hits, &mut votes);
                found.extend(hits.drain(..).map(|hit| place(&text, &starts, hit)));
                text.clear();
                starts.clear();
            }
        }
        (found, votes)
    }

    /// Keeps one hit where several rules of the same signal match overlapping text
    /// (`send me a pic` and `pic`): the one that starts first and is longest.
    fn drop_overlaps(&self, found: &mut Vec<Found>) {
        let signal = |f: &Found| self.packs.rules[f.rule].signal;
        found.sort_by_key(|f| (f.message, signal(f), f.start, std::cmp::Reverse(f.end), f.rule));
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found.drain(..) {
            match kept.last() {
                Some(last) if last.message == f.message && signal(last) == signal(&f) && f.start < last.end => {}
                _ => kept.push(f),
            }
        }
        kept.sort_by_key(|f| (f.message, f.start, f.end, f.rule));
        *found = kept;
    }

    fn signal_reports(&self, messages: &[Message], found: &[Found], signal_scores: &[f64], counts: impl Fn(&Found) -> bool, ui_lang: Lang) -> Vec<SignalReport> {
        let mut reports: Vec<(usize, SignalReport)> = Vec::new();
        let utf16 = Utf16Spans::new(messages, found);
        for (i, f) in found.iter().enumerate() {
            let rule = &self.packs.rules[f.rule];
            let position = match reports.iter().position(|(id, _)| *id == rule.signal) {
                Some(p) => p,
                None => {
                    let signal = &self.packs.signals[rule.signal];
                    let report = SignalReport {
                        id: signal.id.clone(),
                        category: signal.category.name(),
                        explanation: signal.explanation(ui_lang).to_string(),
                        score: round_score(signal_scores[rule.signal]),
                        count: 0,
                        matches: Vec::new(),
                    };
                    reports.push((rule.signal, report));
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
                    pattern: rule.text.clone(),
                    counted: counts(f),
                });
            }
        }
        reports.into_iter().map(|(_, r)| r).collect()
    }
}

/// Moves a hit from the batch's normalised text to its message's original text.
fn place(text: &Normalized, starts: &[(usize, usize)], hit: Hit) -> Found {
    let batch_index = starts.partition_point(|&(s, _)| s <= hit.start).saturating_sub(1);
    let (start, end) = text.original_span(hit.start, hit.end);
    Found { rule: hit.rule, message: starts[batch_index].1, start, end }
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
