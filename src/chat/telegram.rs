//! Telegram Desktop's JSON export (`result.json`): one chat (`{"name", "messages": [..]}`)
//! or a full export (`{"chats": {"list": [..]}}`), whose chats are read one after another.
//! Text is a string or a list of plain strings and formatted pieces (`{"type": "bold",
//! "text": ".."}`); service messages (someone joined, a call) have no author and are skipped.

use std::fmt;

use serde::de::{self, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::json::Tolerant;
use super::time::Timestamp;
use super::Read;
use crate::conversation::Message;

#[derive(Deserialize)]
struct Export {
    messages: Option<Tolerant<ChatMessage>>,
    chats: Option<ChatList>,
    left_chats: Option<ChatList>,
}

#[derive(Deserialize)]
struct ChatList {
    list: Vec<ChatMessages>,
}

#[derive(Deserialize)]
struct ChatMessages {
    #[serde(default)]
    messages: Tolerant<ChatMessage>,
}

#[derive(Deserialize)]
struct ChatMessage {
    #[serde(rename = "type")]
    kind: String,
    date: String,
    from: Option<String>,
    #[serde(default)]
    text: Text,
    photo: Option<String>,
    file: Option<String>,
}

/// A message's text, its formatted pieces joined. Read by hand rather than with an untagged
/// enum: serde's untagged support buffers every value and costs much wasm code.
#[derive(Default)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_any(TextVisitor).map(Text)
    }
}

/// Reads a plain string, a list of pieces, or one formatted piece (`{"type", "text"}`),
/// into the text it shows.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text, a list of text pieces, or a formatted piece")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_string())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut pieces: A) -> Result<String, A::Error> {
        let mut text = String::new();
        while let Some(Text(piece)) = pieces.next_element()? {
            text.push_str(&piece);
        }
        Ok(text)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<String, A::Error> {
        let mut text = String::new();
        while let Some(key) = fields.next_key::<String>()? {
            if key == "text" {
                text = fields.next_value()?;
            } else {
                fields.next_value::<IgnoredAny>()?;
            }
        }
        Ok(text)
    }
}

impl ChatMessage {
    /// The message, unless it is a service message or has neither text nor a file.
    fn into_message(self) -> Option<Message> {
        if self.kind != "message" {
            return None;
        }
        let time = Timestamp::parse_iso(&self.date).map(|t| t.to_iso());
        let written = self.text.0;
        // A photo or file without a caption keeps the export's reference to it: something was sent.
        let text = Some(written).filter(|t| !t.is_empty()).or(self.photo).or(self.file)?;
        Some(Message { speaker: self.from, text, time })
    }
}

/// Reads a single-chat or full Telegram export.
pub(super) fn read(text: &str) -> serde_json::Result<Read> {
    let export: Export = serde_json::from_str(text)?;
    if export.messages.is_none() && export.chats.is_none() {
        return Err(serde_json::Error::custom("there is no list of messages or chats"));
    }
    let chats = export.chats.into_iter().chain(export.left_chats).flat_map(|list| list.list);
    let lists: Vec<Tolerant<ChatMessage>> = export.messages.into_iter().chain(chats.map(|chat| chat.messages)).collect();
    let skipped = lists.iter().map(|list| list.skipped).sum();
    let messages = lists.into_iter().flat_map(|list| list.items).filter_map(ChatMessage::into_message).collect();
    Ok(Read { messages, skipped, repaired: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_pieces_are_joined_and_service_messages_skipped() {
        let json = r#"{"name":"Max","type":"personal_chat","id":1,"messages":[
            {"id":1,"type":"service","date":"2026-11-23T21:13:00","actor":"Max","action":"phone_call","text":""},
            {"id":2,"type":"message","date":"2026-11-23T21:14:05","from":"Max","from_id":"user2",
             "text":["dit is ",{"type":"text_link","text":"ons geheim","href":"https://example.org"},", ok?"]}]}"#;
        let messages = read(json).unwrap().messages;
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].text, "dit is ons geheim, ok?");
        assert_eq!(messages[0].speaker.as_deref(), Some("Max"));
        assert_eq!(messages[0].time.as_deref(), Some("2026-11-23T21:14:05"));
    }

    #[test]
    fn a_full_export_reads_every_chat() {
        let json = r#"{"about":"x","chats":{"about":"y","list":[
            {"name":"A","type":"personal_chat","id":1,"messages":[{"id":1,"type":"message","date":"2026-11-23T21:14:05","from":"A","text":"one"}]},
            {"name":"B","type":"personal_chat","id":2,"messages":[{"id":1,"type":"message","date":"2026-11-23T21:15:05","from":"B","text":"two"}]}]}}"#;
        let texts: Vec<String> = read(json).unwrap().messages.into_iter().map(|m| m.text).collect();
        assert_eq!(texts, ["one", "two"]);
    }

    #[test]
    fn other_json_objects_are_not_telegram() {
        assert!(read(r#"{"name":"x"}"#).is_err());
    }
}
