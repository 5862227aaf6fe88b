//! The input to a scan: messages, who wrote them, and which speaker is the young person.

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
    pub name: String,
    pub messages: usize,
}

/// The participants of `messages`, in order of first appearance.
pub fn speakers(messages: &[Message]) -> Vec<Speaker> {
    let mut speakers: Vec<Speaker> = Vec::new();
    for name in messages.iter().filter_map(|m| m.speaker.as_deref()) {
        match speakers.iter_mut().find(|s| s.name == name) {
            Some(s) => s.messages += 1,
            None => speakers.push(Speaker { name: name.to_string(), messages: 1 }),
        }
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
}
