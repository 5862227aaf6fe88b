//! Snapchat "My Data" chat history (`json/chat_history.json`). The current layout maps
//! each conversation to its messages (`{"From", "Media Type", "Created", "Content",
//! "IsSender", "Created(microseconds)", ..}`); the older one has `"Received Saved Chat
//! History"` and `"Sent Saved Chat History"` lists (`{"From"/"To", "Created", "Text"}`).
//! Messages of all conversations come out in time order.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::json::{Tolerant, WholeNumber};
use super::time::Timestamp;
use super::Read;
use crate::conversation::Message;

/// What the account owner is called when the export does not give their name: the older
/// layout only names the other person of a sent message.
const ACCOUNT_OWNER: &str = "me";

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "From")]
    from: Option<String>,
    #[serde(rename = "Media Type")]
    media_type: Option<String>,
    #[serde(rename = "Created")]
    created: String,
    #[serde(rename = "Created(microseconds)")]
    created_micros: Option<WholeNumber>,
    #[serde(rename = "Content")]
    content: Option<String>,
    #[serde(rename = "Text")]
    old_text: Option<String>,
    #[serde(rename = "IsSender")]
    is_sender: Option<bool>,
}

impl Entry {
    /// The message with its time in microseconds for ordering; `sent_list` says the entry
    /// is in an older export's list of the owner's sent messages.
    fn into_message(self, sent_list: bool) -> Option<(i64, Message)> {
        let from = self.from.filter(|f| !f.is_empty());
        let by_owner = sent_list || self.is_sender == Some(true);
        let speaker = match from {
            Some(name) if !sent_list => Some(name),
            _ => by_owner.then(|| ACCOUNT_OWNER.to_string()),
        };
        let stamp = Timestamp::parse_iso(&self.created);
        let order = self.created_micros.map(|micros| micros.value).or(stamp.map(|t| t.unix_micros())).unwrap_or(i64::MAX);
        let written = self.content.or(self.old_text).filter(|t| !t.is_empty());
        // A snap, photo or voice note has no text; its media type says something was sent.
        let media = self.media_type.filter(|kind| !kind.is_empty() && kind != "TEXT");
        let text = written.or(media)?;
        Some((order, Message { speaker, text, time: stamp.map(|t| t.to_iso()) }))
    }
}

/// Reads either layout.
pub(super) fn read(text: &str) -> serde_json::Result<Read> {
    let lists: BTreeMap<String, Tolerant<Entry>> = serde_json::from_str(text)?;
    let skipped = lists.values().map(|entries| entries.skipped).sum();
    let entries = || lists.values().flat_map(|entries| &entries.items);
    let repaired = entries().filter(|entry| entry.created_micros.is_some_and(|micros| micros.was_fraction)).count();
    let mut timed: Vec<(i64, Message)> = lists
        .into_iter()
        .flat_map(|(key, entries)| {
            let sent_list = key.starts_with("Sent ") && key.contains("Chat History");
            entries.items.into_iter().filter_map(move |entry| entry.into_message(sent_list))
        })
        .collect();
    timed.sort_by_key(|(order, _)| *order);
    let messages = timed.into_iter().map(|(_, message)| message).collect();
    Ok(Read { messages, skipped, repaired })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers_and_texts(messages: &[Message]) -> Vec<(Option<&str>, &str)> {
        messages.iter().map(|m| (m.speaker.as_deref(), m.text.as_str())).collect()
    }

    #[test]
    fn the_current_layout_is_ordered_by_time() {
        let json = r#"{"max_2009":[
            {"From":"max_2009","Media Type":"TEXT","Created":"2026-11-23 21:15:00 UTC","Content":"second","Conversation Title":null,"IsSender":false,"Created(microseconds)":1795468500000000},
            {"From":"lina.v","Media Type":"TEXT","Created":"2026-11-23 21:14:05 UTC","Content":"first","Conversation Title":null,"IsSender":true,"Created(microseconds)":1795468445000000},
            {"From":"max_2009","Media Type":"MEDIA","Created":"2026-11-23 21:16:00 UTC","Content":"","Conversation Title":null,"IsSender":false,"Created(microseconds)":1795468560000000}]}"#;
        let messages = read(json).unwrap().messages;
        assert_eq!(
            speakers_and_texts(&messages),
            [(Some("lina.v"), "first"), (Some("max_2009"), "second"), (Some("max_2009"), "MEDIA")]
        );
        assert_eq!(messages[0].time.as_deref(), Some("2026-11-23T21:14:05Z"));
    }

    #[test]
    fn the_older_layout_names_sent_messages_after_the_owner() {
        let json = r#"{"Received Saved Chat History":[{"From":"max_2009","Media Type":"TEXT","Created":"2026-11-23 21:15:00 UTC","Text":"hey"}],
            "Sent Saved Chat History":[{"To":"max_2009","Media Type":"TEXT","Created":"2026-11-23 21:14:05 UTC","Text":"hoi"}]}"#;
        let messages = read(json).unwrap().messages;
        assert_eq!(speakers_and_texts(&messages), [(Some("me"), "hoi"), (Some("max_2009"), "hey")]);
    }
}
