//! Who a message blames by name: "kevin delete that rn", "t'es malade supprime ça kylian".
//!
//! The friend who tells the young person what happened ("lotte just airdropped something to
//! the whole bus") is not the one who did it. The young person, or anyone else, who names a
//! participant while telling them to undo it says who did: what others told in the few
//! messages before is judged as that person's (`judge`). Only signals marked `accuses` in
//! the packs (the young person's "delete it", "I trusted you") name anyone this way, and
//! whoever asks who did it ("who tf airdropped that pic", a signal marked `tells`) did not.
//! [`Blame`] holds the answer, whose each risk hit is, for the judge and the report alike.

use std::collections::HashSet;

use crate::conversation::Message;
use crate::normalize::Normalizer;
use crate::pack::{Category, PackSet, Signal, TOPIC_MESSAGES};

use super::people::Cast;
use super::Found;

/// A message that names one judged person while blaming them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Accusation {
    pub message: usize,
    /// The person named: an index into [`Cast::judged`].
    pub person: usize,
}

/// Tells which participants a message names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    /// The packs' common words, normalised: a speaker called "Dan" is not named by every
    /// Dutch "dan" (then) of a chat.
    common_words: HashSet<String>,
}

/// A part of a speaker's name shorter than this is not looked for ("k.v.d.b_", "Lo").
const MIN_NAME_LETTERS: usize = 3;

impl Names {
    pub fn new(packs: &PackSet, normalizer: &Normalizer) -> Names {
        Names { common_words: packs.stopwords.iter().map(|(_, word)| normalizer.normalize(word).as_str().to_string()).collect() }
    }

    /// The parts of `speaker`'s name a chat may call them by: "kevin.v" is "kevin",
    /// "Jérémy" is "jeremy".
    fn name_words(&self, normalizer: &Normalizer, speaker: &str) -> Vec<String> {
        let normalized = normalizer.normalize(speaker);
        normalized
            .as_str()
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|w| w.len() >= MIN_NAME_LETTERS && !self.common_words.contains(*w))
            .map(str::to_string)
            .collect()
    }

    /// Every message with an accusing signal that names exactly one judged person other than
    /// its speaker and the young person, in message order.
    pub fn accusations(&self, packs: &PackSet, normalizer: &Normalizer, messages: &[Message], found: &[Found], cast: &Cast) -> Vec<Accusation> {
        let mut accusing: Vec<usize> = found.iter().filter(|f| packs.signals[f.signal].accuses).map(|f| f.message).collect();
        accusing.dedup();
        if accusing.is_empty() {
            return Vec::new();
        }
        let people: Vec<(usize, Vec<String>)> = (cast.judged.iter().enumerate())
            .filter_map(|(person, speaker)| Some((person, self.name_words(normalizer, (*speaker)?))))
            .filter(|(_, words)| !words.is_empty())
            .collect();
        let mut found_accusations = Vec::new();
        for message in accusing {
            let text = normalizer.normalize(&messages[message].text);
            let words: HashSet<&str> = text.as_str().split(|c: char| !c.is_ascii_lowercase()).collect();
            let speaker = messages[message].speaker.as_deref();
            let mut named = people
                .iter()
                .filter(|(person, names)| cast.judged[*person] != speaker && names.iter().any(|n| words.contains(n.as_str())))
                .map(|(person, _)| *person);
            if let (Some(person), None) = (named.next(), named.next()) {
                found_accusations.push(Accusation { message, person });
            }
        }
        found_accusations
    }
}

/// Whose a risk hit is, once accusations and questions are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// The person who wrote it.
    Speaker,
    /// The person an accusation blames (an index into [`Cast::judged`]).
    Blamed(usize),
    /// Nobody: the speaker asked who did it, and nobody was blamed.
    Nobody,
}

/// What tells whose a scan's risk hits are: its accusations, the messages with a dampener (a
/// quoted example stays quoted), and the messages that tell of someone else's deed (a signal
/// marked `tells`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Blame {
    accusations: Vec<Accusation>,
    dampened: Vec<usize>,
    telling: Vec<usize>,
}

impl Blame {
    /// `found` is sorted by message; `accusations` are in message order.
    pub fn new(packs: &PackSet, found: &[Found], accusations: Vec<Accusation>) -> Blame {
        let messages_with = |holds: &dyn Fn(&Signal) -> bool| -> Vec<usize> {
            found.iter().filter(|f| holds(&packs.signals[f.signal])).map(|f| f.message).collect()
        };
        let dampened = if accusations.is_empty() { Vec::new() } else { messages_with(&|s| s.category == Category::Dampener) };
        Blame { accusations, dampened, telling: messages_with(&|s| s.tells) }
    }

    /// Whose hit `f` is, written by judged person `speaker`.
    pub fn owner(&self, packs: &PackSet, f: &Found, speaker: usize) -> Owner {
        if !packs.signals[f.signal].category.is_risk() {
            return Owner::Speaker;
        }
        let holds = |messages: &[usize]| messages.binary_search(&f.message).is_ok();
        match blamed(&self.accusations, f.message, speaker) {
            Some(person) if !holds(&self.dampened) => Owner::Blamed(person),
            _ if holds(&self.telling) => Owner::Nobody,
            _ => Owner::Speaker,
        }
    }
}

/// The person the nearest accusation at or after message `message`, within
/// [`TOPIC_MESSAGES`], blames, unless that is `speaker`, who wrote the message.
/// `accusations` are in message order.
fn blamed(accusations: &[Accusation], message: usize, speaker: usize) -> Option<usize> {
    // A binary search: a chat may hold thousands of accusations, and every risk hit asks.
    let next = accusations.get(accusations.partition_point(|a| a.message < message))?;
    (next.message - message <= TOPIC_MESSAGES && next.person != speaker).then_some(next.person)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speaker_is_named_by_their_name_but_not_by_a_common_word() {
        let engine = crate::Engine::builtin().unwrap();
        let names = Names::new(engine.packs(), engine.normalizer());
        assert_eq!(names.name_words(engine.normalizer(), "Jérémy.B_77"), ["jeremy"]);
        assert!(names.name_words(engine.normalizer(), "Dan").is_empty(), "the Dutch `dan` (then) names nobody");
    }

    #[test]
    fn the_nearest_accusation_after_a_message_blames_someone_else() {
        let accusations = [Accusation { message: 3, person: 1 }, Accusation { message: 9, person: 2 }];
        assert_eq!(blamed(&accusations, 2, 0), Some(1), "told just before");
        assert_eq!(blamed(&accusations, 3, 0), Some(1), "told in the accusation itself");
        assert_eq!(blamed(&accusations, 2, 1), None, "the blamed person's own words stay theirs");
        assert_eq!(blamed(&accusations, 4, 0), None, "too long before the next accusation");
        assert_eq!(blamed(&accusations, 10, 0), None, "after every accusation");
    }
}
