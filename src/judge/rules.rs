//! Rules over concepts: `share + audience + condition` close together in one message (or
//! with `image` said earlier in the same person's episode) raises `sextortion.threat_share`,
//! in any language, because the concepts carry the words of each language and the rules carry
//! none.

use std::collections::HashMap;

use crate::conversation::Message;
use crate::pack::{Category, ConceptRule, Lang, PackSet, SignalId, TOPIC_MESSAGES};

use super::episode::Timeline;
use super::{Found, Origin};

/// A hit in one message: its byte span, the words it covers, and the language of the words
/// that found it (`None`: a pattern for any language, or a signal an earlier rule raised).
#[derive(Debug, Clone, Copy)]
struct Place {
    start: usize,
    end: usize,
    first_word: usize,
    last_word: usize,
    lang: Option<Lang>,
}

/// The hits of each signal and concept in one message, by signal; its memory is reused from
/// message to message.
struct Here {
    places: Vec<Vec<Place>>,
    /// The signals that have places.
    signals: Vec<SignalId>,
}

impl Here {
    fn new(signals: usize) -> Here {
        Here { places: vec![Vec::new(); signals], signals: Vec::new() }
    }

    fn clear(&mut self) {
        for signal in self.signals.drain(..) {
            self.places[signal].clear();
        }
    }

    fn add(&mut self, signal: SignalId, place: Place) {
        if self.places[signal].is_empty() {
            self.signals.push(signal);
        }
        self.places[signal].push(place);
    }

    fn has(&self, signal: SignalId) -> bool {
        !self.places[signal].is_empty()
    }

    fn places(&self, signal: SignalId) -> Option<&Vec<Place>> {
        Some(&self.places[signal]).filter(|places| !places.is_empty())
    }
}

/// The packs' concept rules, applied batch after batch of messages in chat order. What each
/// speaker and the chat last said is kept between batches, so the concept hits (words of a
/// group, which raise nothing by themselves and are most of all hits) are dropped batch by
/// batch instead of piling up for the whole chat.
pub(crate) struct Rules<'a> {
    packs: &'a PackSet,
    messages: &'a [Message],
    timeline: &'a Timeline,
    /// Where each speaker (by their number in the timeline) last had each signal or concept.
    last_seen: HashMap<(usize, SignalId), usize>,
    /// Where anyone last had each signal or concept, by signal: the chat's topic.
    last_said: Vec<Option<usize>>,
    /// Every hit of each signal and concept in the current message.
    here: Here,
}

impl<'a> Rules<'a> {
    pub(crate) fn new(packs: &'a PackSet, messages: &'a [Message], timeline: &'a Timeline) -> Rules<'a> {
        let signals = packs.signals.len();
        Rules { packs, messages, timeline, last_seen: HashMap::new(), last_said: vec![None; signals], here: Here::new(signals) }
    }

    /// Adds the hits of the concept rules to `found` (the hits of the next messages, sorted by
    /// message; the added hits come last, unsorted) and removes the concept hits.
    pub(crate) fn apply(&mut self, found: &mut Vec<Found>) {
        let packs = self.packs;
        let is_concept = |signal: SignalId| packs.signals[signal].category == Category::Concept;
        let mut derived = Vec::new();
        let mut start = 0;
        while start < found.len() {
            let message = found[start].message;
            let end = start + found[start..].iter().take_while(|f| f.message == message).count();
            if found[start..end].iter().any(|f| is_concept(f.signal)) {
                self.apply_to_message(message, &found[start..end], &mut derived);
            } else {
                let speaker = self.timeline.speaker(message);
                for f in &found[start..end] {
                    self.last_seen.insert((speaker, f.signal), message);
                    self.last_said[f.signal] = Some(message);
                }
            }
            start = end;
        }
        found.retain(|f| !is_concept(f.signal));
        found.extend(derived);
    }

    fn apply_to_message(&mut self, message: usize, hits: &[Found], derived: &mut Vec<Found>) {
        let (packs, timeline) = (self.packs, self.timeline);
        let speaker = timeline.speaker(message);
        let here = &mut self.here;
        here.clear();
        let words = WordIndex::new(&self.messages[message].text);
        let place = |s: usize, e: usize, lang: Option<Lang>| Place { start: s, end: e, first_word: words.at(s), last_word: words.at(e.saturating_sub(1).max(s)), lang };
        for f in hits {
            let lang = match f.origin {
                Origin::Rule(rule) => packs.rules[rule].lang,
                Origin::ConceptRule(_) => None,
            };
            here.add(f.signal, place(f.start, f.end, lang));
        }
        for (index, rule) in packs.concept_rules.iter().enumerate() {
            let seen_before = |c: &SignalId| self.last_seen.get(&(speaker, *c)).is_some_and(|&m| timeline.close(m, message));
            let talked_about = |c: &SignalId| here.has(*c) || self.last_said[*c].is_some_and(|m| message - m <= TOPIC_MESSAGES);
            let possible = !rule.none.iter().any(|c| here.has(*c)) && rule.earlier.iter().all(|c| here.has(*c) || seen_before(c)) && rule.topic.iter().all(talked_about);
            let Some((s, e)) = possible.then(|| close_together(rule, here)).flatten() else { continue };
            derived.push(Found { signal: rule.signal, origin: Origin::ConceptRule(index), message, start: s, end: e });
            // Later rules may build on it.
            here.add(rule.signal, place(s, e, None));
        }
        for &signal in &here.signals {
            self.last_seen.insert((speaker, signal), message);
            self.last_said[signal] = Some(message);
        }
    }
}

/// The span of the first stretch of at most `rule.within` words that holds a hit of every
/// concept in `all` and of one in `any`, all in one language, if the message has one: the
/// Dutch "of" (or) in "a pic of you" is no condition.
fn close_together(rule: &ConceptRule, here: &Here) -> Option<(usize, usize)> {
    let all: Vec<&Vec<Place>> = rule.all.iter().map(|&c| here.places(c)).collect::<Option<_>>()?;
    let any: Vec<&Vec<Place>> = rule.any.iter().filter_map(|&c| here.places(c)).collect();
    if !rule.any.is_empty() && any.is_empty() {
        return None;
    }
    Lang::ALL.iter().find_map(|&lang| {
        let usable = |p: &&Place| p.lang.is_none_or(|l| l == lang);
        let mut lefts: Vec<usize> = all.iter().chain(&any).flat_map(|places| places.iter().filter(usable).map(|p| p.first_word)).collect();
        lefts.sort_unstable();
        lefts.dedup();
        lefts.into_iter().find_map(|left| {
            let right = left + rule.within;
            let inside = |places: &Vec<Place>| places.iter().filter(usable).find(|p| p.first_word >= left && p.last_word <= right).copied();
            let mut chosen: Vec<Place> = all.iter().map(|places| inside(places)).collect::<Option<_>>()?;
            if !rule.any.is_empty() {
                chosen.push(any.iter().find_map(|places| inside(places))?);
            }
            Some(chosen.iter().fold((usize::MAX, 0), |(s, e), p| (s.min(p.start), e.max(p.end))))
        })
    })
}

/// Which word of a message each byte is in: words are runs of characters between white space.
struct WordIndex(Vec<usize>);

impl WordIndex {
    fn new(text: &str) -> WordIndex {
        // The byte offsets where words start.
        let mut starts = Vec::new();
        let mut in_word = false;
        for (i, c) in text.char_indices() {
            let word = !c.is_whitespace();
            if word && !in_word {
                starts.push(i);
            }
            in_word = word;
        }
        WordIndex(starts)
    }

    fn at(&self, byte: usize) -> usize {
        self.0.partition_point(|&s| s <= byte).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::pack::Source;
    use crate::report::Level;

    const PACK: &str = r#"
[scoring]
low = 2.0
medium = 5.0
high = 9.0
rule_words = 6
[[signal]]
id = "sextortion.threat_share"
weight = 5.5
explain = { en = "a", nl = "a", fr = "a" }
[[concept]]
id = "share"
terms = ["post"]
[[concept]]
id = "audience"
terms = ["school", "family"]
[[concept]]
id = "condition"
terms = ["or"]
[[concept]]
id = "negation"
terms = ["never"]
[[rule]]
signal = "sextortion.threat_share"
all = ["share", "audience"]
any = ["condition"]
none = ["negation"]
"#;

    fn level(text: &str) -> Level {
        let engine = Engine::new(&[Source::new("p.toml", PACK)]).unwrap();
        engine.scan(&[Message::new("x", text)], &Default::default()).risk
    }

    #[test]
    fn a_rule_needs_its_concepts_close_together_and_none_of_its_blockers() {
        assert_eq!(level("pay or i post it at school"), Level::Medium);
        assert_eq!(level("pay or i post it, and everyone you know at your school"), Level::None, "too far apart");
        assert_eq!(level("i would never post it at school or anywhere"), Level::None);
        assert_eq!(level("i post at school"), Level::None, "no condition");
    }

    #[test]
    fn a_rule_sees_pattern_and_phrase_hits_of_a_message_that_other_messages_follow() {
        // The matcher finds a batch's phrases before its patterns: here `audience` is a
        // pattern, and the next message has a phrase hit between the two.
        let pack = PACK.replace(r#"terms = ["school", "family"]"#, r#"terms = []
patterns = ['\bschool\b']"#);
        let engine = Engine::new(&[Source::new("p.toml", &pack)]).unwrap();
        let messages = [Message::new("x", "pay or i post it at school"), Message::new("y", "never")];
        assert_eq!(engine.scan(&messages, &Default::default()).risk, Level::Medium);
    }

    #[test]
    fn the_hit_spans_the_concepts_it_used() {
        let engine = Engine::new(&[Source::new("p.toml", PACK)]).unwrap();
        let report = engine.scan(&[Message::new("x", "ok so pay or i post it at school, bye")], &Default::default());
        let m = &report.signals[0].matches[0];
        assert_eq!((m.text.as_str(), m.pattern.as_str()), ("or i post it at school", "rule: share + audience + one of (condition), without (negation)"));
    }

    /// A pack with `image` as the topic of a rule: a sharer's words about an image someone else named.
    fn topic_engine() -> Engine {
        let pack = PACK.to_string()
            + r#"
[[signal]]
id = "exposure.shared_images"
weight = 5.0
explain = { en = "a", nl = "a", fr = "a" }
[[concept]]
id = "image"
terms = ["video"]
[[concept]]
id = "seen"
terms = ["seen it"]
[[rule]]
signal = "exposure.shared_images"
all = ["audience", "seen"]
topic = ["image"]
"#;
        Engine::new(&[Source::new("p.toml", &pack.replace(r#"terms = ["school", "family"]"#, r#"terms = ["school", "family", "everyone"]"#))]).unwrap()
    }

    #[test]
    fn a_topic_may_come_from_anyone_a_few_messages_before() {
        let engine = topic_engine();
        let warned = [Message::new("friend", "your video is in the group"), Message::new("y", "what"), Message::new("x", "lol everyone has seen it")];
        let report = engine.scan(&warned, &Default::default());
        assert_eq!((report.risk, report.people[0].speaker.as_deref()), (Level::Medium, Some("x")));
        let mut later: Vec<Message> = vec![Message::new("friend", "your video is in the group")];
        later.extend((0..TOPIC_MESSAGES).map(|i| Message::new("y", &format!("message {i}"))));
        later.push(Message::new("x", "lol everyone has seen it"));
        assert_eq!(engine.scan(&later, &Default::default()).risk, Level::None, "the video is no longer the topic");
        assert_eq!(engine.scan(&[Message::new("x", "lol everyone has seen it")], &Default::default()).risk, Level::None, "no topic");
    }

    #[test]
    fn a_rules_concepts_must_come_from_one_language() {
        let (rules, concepts) = PACK.split_at(PACK.find("[[concept]]").unwrap());
        let rules = rules.to_string() + &concepts[concepts.find("[[rule]]").unwrap()..];
        let english = "lang = \"en\"\n".to_string() + &concepts[..concepts.find("[[rule]]").unwrap()];
        let dutch = "lang = \"nl\"\n[[concept]]\nid = \"condition\"\nterms = [\"of\"]\n";
        let engine = Engine::new(&[Source::new("p.toml", &rules), Source::new("en/c.toml", &english), Source::new("nl/c.toml", dutch)]).unwrap();
        let scan = |text: &str| engine.scan(&[Message::new("x", text)], &Default::default()).risk;
        assert_eq!(scan("post a pic of you at school"), Level::None, "the Dutch 'of' is no English condition");
        assert_eq!(scan("pay or i post it at school"), Level::Medium);
    }
}
