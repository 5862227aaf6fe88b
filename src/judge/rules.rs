//! Rules over concepts: `share + audience + condition` close together in one message (or
//! with `image` said earlier in the same person's episode) raises `sextortion.threat_share`,
//! in any language, because the concepts carry the words of each language and the rules carry
//! none. A rule with a `reply` waits a few messages for someone else's answer ("TAKE IT
//! DOWN") before it raises its signal in the message it holds in.

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

/// A rule that holds in a message and waits for its `reply`.
struct Awaiting {
    rule: usize,
    message: usize,
    speaker: usize,
    start: usize,
    end: usize,
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
    /// The rules that hold in one of the last [`TOPIC_MESSAGES`] and wait for their `reply`.
    awaiting: Vec<Awaiting>,
}

impl<'a> Rules<'a> {
    pub(crate) fn new(packs: &'a PackSet, messages: &'a [Message], timeline: &'a Timeline) -> Rules<'a> {
        let signals = packs.signals.len();
        Rules { packs, messages, timeline, last_seen: HashMap::new(), last_said: vec![None; signals], here: Here::new(signals), awaiting: Vec::new() }
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
                if !self.awaiting.is_empty() {
                    let said: Vec<SignalId> = found[start..end].iter().map(|f| f.signal).collect();
                    self.answer(message, &said, &mut derived);
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
            if !rule.reply.is_empty() {
                self.awaiting.push(Awaiting { rule: index, message, speaker, start: s, end: e });
                continue;
            }
            // A concept is only for the rules after it; later rules may build on a signal too.
            if packs.signals[rule.signal].category != Category::Concept {
                derived.push(Found { signal: rule.signal, origin: Origin::ConceptRule(index), message, start: s, end: e });
            }
            here.add(rule.signal, place(s, e, None));
        }
        for &signal in &here.signals {
            self.last_seen.insert((speaker, signal), message);
            self.last_said[signal] = Some(message);
        }
        if !self.awaiting.is_empty() {
            let said = self.here.signals.clone();
            self.answer(message, &said, derived);
        }
    }

    /// Raises the signal of each waiting rule whose `reply` someone else says in `message`
    /// (`said`: the signals and concepts it holds), in the message the rule held in, and
    /// forgets the rules that waited too long.
    fn answer(&mut self, message: usize, said: &[SignalId], derived: &mut Vec<Found>) {
        let (packs, speaker) = (self.packs, self.timeline.speaker(message));
        let (last_seen, last_said) = (&mut self.last_seen, &mut self.last_said);
        self.awaiting.retain(|waiting| {
            let rule = &packs.concept_rules[waiting.rule];
            if message - waiting.message > TOPIC_MESSAGES {
                return false;
            }
            if waiting.speaker == speaker || waiting.message == message || !rule.reply.iter().all(|c| said.contains(c)) {
                return true;
            }
            derived.push(Found { signal: rule.signal, origin: Origin::ConceptRule(waiting.rule), message: waiting.message, start: waiting.start, end: waiting.end });
            // Later rules of the same person and topic may build on it, as on any other.
            let seen = last_seen.entry((waiting.speaker, rule.signal)).or_insert(waiting.message);
            *seen = (*seen).max(waiting.message);
            last_said[rule.signal] = last_said[rule.signal].max(Some(waiting.message));
            false
        });
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

    /// A pack where the sharer's views count once someone else begs just after.
    fn reply_engine() -> Engine {
        let pack = PACK.to_string()
            + r#"
[[concept]]
id = "seen"
terms = ["saw it"]
[[signal]]
id = "context.plea"
weight = 0.0
explain = { en = "a", nl = "a", fr = "a" }
phrases = ["please delete"]
[[rule]]
signal = "sextortion.threat_share"
all = ["seen"]
reply = ["context.plea"]
"#;
        Engine::new(&[Source::new("p.toml", &pack)]).unwrap()
    }

    #[test]
    fn a_rule_with_a_reply_waits_for_someone_elses_answer() {
        let engine = reply_engine();
        let scan = |lines: &[(&str, &str)]| {
            let messages: Vec<Message> = lines.iter().map(|&(who, text)| Message::new(who, text)).collect();
            engine.scan(&messages, &Default::default())
        };
        let begged = scan(&[("x", "lol 40 ppl saw it"), ("y", "what"), ("y", "please delete")]);
        assert_eq!((begged.risk, begged.people[0].speaker.as_deref()), (Level::Medium, Some("x")));
        let m = &begged.signals[0].matches[0];
        assert_eq!((m.message, m.text.as_str()), (0, "saw it"), "raised where the rule held");
        assert_eq!(scan(&[("x", "lol 40 ppl saw it")]).risk, Level::None, "no answer");
        assert_eq!(scan(&[("x", "lol 40 ppl saw it"), ("x", "please delete")]).risk, Level::None, "their own words are no answer");
        let mut late = vec![("x", "lol 40 ppl saw it")];
        late.extend(std::iter::repeat_n(("y", "hm"), TOPIC_MESSAGES));
        late.push(("y", "please delete"));
        assert_eq!(scan(&late).risk, Level::None, "an answer too late is about something else");
    }

    #[test]
    fn a_rule_may_raise_a_concept_for_the_rules_after_it() {
        let (head, threat) = PACK.split_at(PACK.find("[[rule]]").unwrap());
        let head = head.replace(r#"terms = ["post"]"#, "terms = []");
        let concepts = "[[concept]]\nid = \"me\"\nterms = [\"i\"]\n[[concept]]\nid = \"put\"\nterms = [\"put\"]\n";
        let raise = "[[rule]]\nsignal = \"share\"\nall = [\"me\", \"put\"]\nwithin = 4\n";
        let engine = |rules: &str| Engine::new(&[Source::new("p.toml", &format!("{head}{concepts}{rules}"))]).unwrap();
        let first = engine(&format!("{raise}{threat}"));
        let scan = |text: &str| first.scan(&[Message::new("x", text)], &Default::default());
        let report = scan("pay or i just put it at school");
        assert_eq!(report.risk, Level::Medium);
        assert_eq!(report.signals.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["sextortion.threat_share"], "a concept is never reported");
        assert_eq!(scan("pay or it goes at school").risk, Level::None);
        let after = engine(&format!("{threat}{raise}"));
        assert_eq!(after.scan(&[Message::new("x", "pay or i just put it at school")], &Default::default()).risk, Level::None, "rules run in the order written");
    }

    #[test]
    fn a_rule_raising_a_concept_cannot_wait_for_a_reply() {
        let pack = PACK.to_string() + "[[rule]]\nsignal = \"share\"\nall = [\"audience\"]\nreply = [\"negation\"]\n";
        let err = Engine::new(&[Source::new("p.toml", &pack)]).unwrap_err();
        // The line of the added rule's `signal`, after its `[[rule]]`.
        assert_eq!((err.0[0].field.as_str(), err.0[0].at.line), ("rule.reply", PACK.lines().count() + 2), "{err}");
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
