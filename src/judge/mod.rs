//! Judging people, episode by episode: from the signals found in a chat to a verdict on
//! each other participant.
//!
//! A chat is never one bag of words. Each participant other than the young person is judged
//! on their own messages ([`people`]); their signals add up only when they are close in the
//! chat and in time ([`episode`]), so a friend's "how old is your brother" in January and
//! "send me the pics" in June never meet. Concept rules ([`rules`]) turn word groups seen
//! together in one message into signals first. A person's result is their worst episode;
//! the chat's result is its worst person.

pub(crate) mod accused;
pub(crate) mod episode;
pub(crate) mod people;
pub(crate) mod rules;

use std::collections::HashSet;

use crate::conversation::Message;
use crate::pack::{PackSet, SignalId};
use crate::score::CountedHit;

use accused::{Blame, Owner};
use episode::{Episode, Timeline};
use people::Cast;

/// A signal found in a message, with its span in the message's original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub signal: SignalId,
    pub origin: Origin,
    pub message: usize,
    pub start: usize,
    pub end: usize,
}

/// What found a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// A phrase or pattern: an index into [`PackSet::rules`].
    Rule(usize),
    /// A rule over concepts: an index into [`PackSet::concept_rules`].
    ConceptRule(usize),
}

/// One judged participant and their worst episode (none: nothing they wrote counts).
#[derive(Debug, Clone)]
pub(crate) struct Judged<'a> {
    pub speaker: Option<&'a str>,
    pub episode: Option<Episode>,
}

/// Judges every participant of `cast` on the hits in `found` (sorted by message), worst
/// first; ties keep the order in which people first wrote. What someone told just before an
/// accusation counts for the person blamed (`blame`), unless that person said it themselves:
/// the same act told twice counts once.
pub(crate) fn judge<'a>(packs: &PackSet, messages: &'a [Message], timeline: &Timeline, found: &[Found], cast: &Cast<'a>, blame: &Blame) -> Vec<Judged<'a>> {
    let mut own: Vec<Vec<CountedHit>> = vec![Vec::new(); cast.judged.len()];
    let mut context: Vec<CountedHit> = Vec::new();
    let mut told: Vec<(usize, CountedHit)> = Vec::new();
    for f in found {
        let speaker = messages[f.message].speaker.as_deref();
        let hit = CountedHit { signal: f.signal, message: f.message };
        if cast.is_context(packs, f.signal, speaker) {
            context.push(hit);
        } else if let Some(person) = cast.person(packs, f.signal, speaker) {
            match blame.owner(packs, f, person) {
                Owner::Speaker => own[person].push(hit),
                Owner::Blamed(blamed) => told.push((blamed, hit)),
                Owner::Nobody => {}
            }
        }
    }
    // Each person's signals so far, so that a told hit of one they have adds nothing; looked up,
    // not searched for, as a long chat may hold many of both.
    let mut held: HashSet<(usize, SignalId)> = HashSet::new();
    if !told.is_empty() {
        held.extend(own.iter().enumerate().flat_map(|(person, hits)| hits.iter().map(move |h| (person, h.signal))));
    }
    for (person, hit) in told {
        if held.insert((person, hit.signal)) {
            own[person].push(hit);
        }
    }
    let mut judged: Vec<Judged<'a>> = cast
        .judged
        .iter()
        .zip(own)
        .map(|(&speaker, hits)| Judged { speaker, episode: episode::worst(packs, timeline, &merge_by_message(hits, &context)) })
        .collect();
    judged.sort_by(|a, b| {
        let rank = |j: &Judged| j.episode.as_ref().map(Episode::rank);
        rank(b).partial_cmp(&rank(a)).unwrap_or(std::cmp::Ordering::Equal)
    });
    judged
}

/// A person's own hits with the young person's context, in message order.
fn merge_by_message(mut own: Vec<CountedHit>, context: &[CountedHit]) -> Vec<CountedHit> {
    if own.is_empty() {
        return own;
    }
    own.extend_from_slice(context);
    own.sort_by_key(|h| h.message);
    own
}
