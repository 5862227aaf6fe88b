//! The input to a scan: messages, who wrote them, and which speaker is the young person.

use std::collections::hash_map::{Entry, HashMap};

use serde::{Deserialize, Serialize};

/// One chat message as it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Who wrote it, when the source says so.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The message text, exactly as written (offsets in a report point into it).
    pub text: String,
    /// When it was sent, as the source gave it (ISO 8601 where the format allows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

impl Message {
    /// A message from `speaker`.
    pub fn new(speaker: impl Into<String>, text: impl Into<String>) -> Message {
        Message { speaker: Some(speaker.into()), text: text.into(), time: None }
    }
}

/// A participant of a chat with the number of messages they wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Their name as the chat gives it.
    pub name: String,
    /// How many messages they wrote.
    pub messages: usize,
}

/// The participants of `messages`, in order of first appearance.
pub fn speakers(messages: &[Message]) -> Vec<Speaker> {
    let mut speakers: Vec<Speaker> = Vec::new();
    // Where each name is in `speakers`: a crafted file can name a new speaker on each of
    // millions of lines, which a search through the list would take hours over.
    let mut places: HashMap<&str, usize> = HashMap::new();
    for name in messages.iter().filter_map(|m| m.speaker.as_deref()) {
        match places.entry(name) {
            Entry::Occupied(place) => speakers[*place.get()].messages += 1,
            Entry::Vacant(place) => {
                place.insert(speakers.len());
                speakers.push(Speaker { name: name.to_string(), messages: 1 });
            }
        }
    }
    speakers
}

/// The `limit` speakers who wrote the most, still in order of first appearance.
pub fn most_active(mut speakers: Vec<Speaker>, limit: usize) -> Vec<Speaker> {
    if speakers.len() > limit {
        let mut by_activity: Vec<usize> = (0..speakers.len()).collect();
        // Stable: of speakers who wrote as much, the earlier ones stay.
        by_activity.sort_by_key(|&i| std::cmp::Reverse(speakers[i].messages));
        let mut kept = vec![false; speakers.len()];
        by_activity.into_iter().take(limit).for_each(|i| kept[i] = true);
        let mut keep = kept.into_iter();
        speakers.retain(|_| keep.next().unwrap_or(false));
    }
    speakers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_are_counted_in_order_of_appearance() {
        let msgs = vec![Message::new("b", "hi"), Message::new("a", "yo"), Message::new("b", "?")];
        let got = speakers(&msgs);
        assert_eq!(got, vec![Speaker { name: "b".into(), messages: 2 }, Speaker { name: "a".into(), messages: 1 }]);
    }

    #[test]
    fn the_most_active_speakers_keep_their_order() {
        let speaker = |name: &str, messages| Speaker { name: name.into(), messages };
        let all = vec![speaker("a", 1), speaker("b", 5), speaker("c", 1), speaker("d", 3)];
        assert_eq!(most_active(all.clone(), 3), vec![speaker("a", 1), speaker("b", 5), speaker("d", 3)]);
        assert_eq!(most_active(all.clone(), 10), all);
        assert_eq!(most_active(all, 0), vec![]);
    }

    #[test]
    fn a_crowd_of_speakers_is_counted_in_one_pass() {
        let msgs: Vec<Message> = (0..300_000).map(|i| Message::new(i.to_string(), "hi")).collect();
        assert_eq!(speakers(&msgs).len(), 300_000);
    }
}
