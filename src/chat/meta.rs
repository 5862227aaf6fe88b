//! Instagram and Facebook Messenger "Download your information" JSON: one conversation
//! per `messages/inbox/<thread>/message_N.json`, written newest message first, with text
//! in Meta's mojibake (each UTF-8 byte escaped as its own `\u00XX`).

use serde::Deserialize;

use super::json::{repair_mojibake, Tolerant, WholeNumber};
use super::time::Timestamp;
use super::Read;
use crate::conversation::Message;

#[derive(Deserialize)]
struct Thread {
    messages: Tolerant<ThreadMessage>,
}

#[derive(Deserialize)]
struct ThreadMessage {
    sender_name: String,
    timestamp_ms: WholeNumber,
    content: Option<String>,
    #[serde(default)]
    photos: Vec<MediaFile>,
    #[serde(default)]
    videos: Vec<MediaFile>,
    #[serde(default)]
    audio_files: Vec<MediaFile>,
    #[serde(default)]
    gifs: Vec<MediaFile>,
    #[serde(default)]
    files: Vec<MediaFile>,
    sticker: Option<MediaFile>,
    share: Option<Share>,
}

#[derive(Deserialize)]
struct MediaFile {
    uri: String,
}

#[derive(Deserialize)]
struct Share {
    link: Option<String>,
}

impl ThreadMessage {
    /// The written text or, for a message that only carries media or a link, the export's
    /// own reference to it (a photo's file path, the link): a photo was sent, and that matters.
    fn into_text(self) -> Option<String> {
        if let Some(content) = self.content.filter(|c| !c.is_empty()) {
            return Some(repair_mojibake(content));
        }
        let media = [self.photos, self.videos, self.audio_files, self.gifs, self.files].into_iter().flatten();
        media.chain(self.sticker).map(|file| file.uri).next().or_else(|| self.share.and_then(|share| share.link))
    }
}

/// Reads one `message_N.json`, oldest message first.
pub(super) fn read(text: &str) -> serde_json::Result<Read> {
    let thread: Thread = serde_json::from_str(text)?;
    let repaired = thread.messages.items.iter().filter(|message| message.timestamp_ms.was_fraction).count();
    let mut timed: Vec<(i64, Message)> = thread
        .messages
        .items
        .into_iter()
        .rev()
        .filter_map(|mut message| {
            let timestamp_ms = message.timestamp_ms.value;
            let speaker = repair_mojibake(std::mem::take(&mut message.sender_name));
            let time = Timestamp::from_unix_millis(timestamp_ms).map(|t| t.to_iso());
            let text = message.into_text()?;
            Some((timestamp_ms, Message { speaker: Some(speaker), text, time }))
        })
        .collect();
    // Reversing already gives the oldest first; the stable sort only fixes files whose
    // order was disturbed, keeping the file's order for equal times.
    timed.sort_by_key(|(timestamp_ms, _)| *timestamp_ms);
    let messages = timed.into_iter().map(|(_, message)| message).collect();
    Ok(Read { messages, skipped: thread.messages.skipped, repaired })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_come_out_oldest_first_with_mojibake_repaired() {
        let json = r#"{"participants":[{"name":"Zo\u00c3\u00a9"},{"name":"Max"}],"messages":[
            {"sender_name":"Max","timestamp_ms":1795468505000,"content":"\u00f0\u009f\u0098\u0098"},
            {"sender_name":"Zo\u00c3\u00a9","timestamp_ms":1795468445000,"content":"salut \u00c3\u00a7a va"}
        ],"title":"Max"}"#;
        let messages = read(json).unwrap().messages;
        assert_eq!(messages[0].speaker.as_deref(), Some("Zoé"));
        assert_eq!(messages[0].text, "salut ça va");
        assert_eq!(messages[0].time.as_deref(), Some("2026-11-23T21:14:05Z"));
        assert_eq!(messages[1].text, "😘");
    }

    #[test]
    fn media_only_messages_keep_the_file_reference() {
        let json = r#"{"messages":[{"sender_name":"Max","timestamp_ms":1,
            "photos":[{"uri":"messages/inbox/max_123/photos/1.jpg","creation_timestamp":1}]},
            {"sender_name":"Max","timestamp_ms":0,"is_geoblocked_for_viewer":false}]}"#;
        let messages = read(json).unwrap().messages;
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].text, "messages/inbox/max_123/photos/1.jpg");
    }
}
