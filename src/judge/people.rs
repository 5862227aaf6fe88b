//! Who is who in a chat: the young person, whose words are context and never count against
//! them, and everyone else, each judged on their own messages.

use std::collections::{HashMap, HashSet};

use crate::conversation::Message;
use crate::pack::{From, PackSet, SignalId};

use super::Found;

/// The participants of a chat as the judge sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cast<'a> {
    /// The young person: given by the caller, or guessed.
    pub young: Option<&'a str>,
    /// Whether `young` was guessed from the chat rather than given.
    pub guessed: bool,
    /// Everyone judged, in the order they first wrote (`None`: messages without a name).
    pub judged: Vec<Option<&'a str>>,
    /// Where each judged speaker is in `judged`.
    index: HashMap<Option<&'a str>, usize>,
}

impl<'a> Cast<'a> {
    /// Casts a chat. Without `given`, the young person is guessed only where the chat makes
    /// it plain: exactly one of two or more speakers says something only the young person
    /// says (a signal `from = "self"`, such as "I'm 14"). Otherwise everyone is judged.
    pub fn new(packs: &PackSet, messages: &'a [Message], found: &[Found], given: Option<&'a str>) -> Cast<'a> {
        let mut seen = HashSet::new();
        let speakers: Vec<Option<&'a str>> = messages.iter().map(|m| m.speaker.as_deref()).filter(|&s| seen.insert(s)).collect();
        let (young, guessed) = match given {
            Some(name) => (Some(name), false),
            None => (guess_young(packs, messages, found, speakers.len()), true),
        };
        let judged: Vec<Option<&'a str>> = speakers.into_iter().filter(|s| young.is_none() || *s != young).collect();
        let index = judged.iter().enumerate().map(|(i, &s)| (s, i)).collect();
        Cast { young, guessed: guessed && young.is_some(), judged, index }
    }

    /// Whether a hit of `signal` by `speaker` is the young person's context (their "I'm 14"),
    /// which counts with what each other person says.
    pub fn is_context(&self, packs: &PackSet, signal: SignalId, speaker: Option<&str>) -> bool {
        packs.signals[signal].from == From::Myself && self.young.is_some() && speaker == self.young
    }

    /// The judged person a hit of `signal` by `speaker` counts for, if any.
    pub fn person(&self, packs: &PackSet, signal: SignalId, speaker: Option<&str>) -> Option<usize> {
        if packs.signals[signal].from == From::Myself || (self.young.is_some() && speaker == self.young) {
            return None;
        }
        self.index.get(&speaker).copied()
    }

    /// Whether a hit counts at all: the report's `counted`.
    pub fn counts(&self, packs: &PackSet, signal: SignalId, speaker: Option<&str>) -> bool {
        let is_young = self.young.is_some() && speaker == self.young;
        match packs.signals[signal].from {
            From::Other => !is_young,
            From::Myself => is_young,
            From::Any => true,
        }
    }
}

fn guess_young<'a>(packs: &PackSet, messages: &'a [Message], found: &[Found], speakers: usize) -> Option<&'a str> {
    if speakers < 2 {
        return None;
    }
    let mut candidates: Vec<&'a str> = Vec::new();
    for f in found.iter().filter(|f| packs.signals[f.signal].from == From::Myself) {
        if let Some(name) = messages[f.message].speaker.as_deref() {
            if !candidates.contains(&name) {
                candidates.push(name);
            }
        }
    }
    match candidates[..] {
        [one] => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Origin;
    use crate::pack::Source;

    const MODEL: &str = r#"
[scoring]
low = 2.0
medium = 5.0
high = 9.0
[[signal]]
id = "context.self_minor"
weight = 0.0
from = "self"
explain = { en = "a", nl = "a", fr = "a" }
"#;

    fn minor_in(message: usize) -> Found {
        Found { signal: 0, origin: Origin::Rule(0), message, start: 0, end: 1 }
    }

    #[test]
    fn the_young_person_is_guessed_only_when_one_speaker_says_it() {
        let packs = PackSet::load(&[Source::new("m.toml", MODEL)]).unwrap();
        let messages = vec![Message::new("jay", "how old r u"), Message::new("mia", "14"), Message::new("zoe", "me too, 14")];
        let one = Cast::new(&packs, &messages, &[minor_in(1)], None);
        assert_eq!((one.young, one.guessed, one.judged.clone()), (Some("mia"), true, vec![Some("jay"), Some("zoe")]));
        let two = Cast::new(&packs, &messages, &[minor_in(1), minor_in(2)], None);
        assert_eq!((two.young, two.judged.len()), (None, 3));
        let given = Cast::new(&packs, &messages, &[], Some("zoe"));
        assert_eq!((given.young, given.guessed), (Some("zoe"), false));
        assert!(!given.counts(&packs, 0, Some("jay")), "only the young person's own context counts");
    }
}
