//! Discord channels exported by DiscordChatExporter as JSON (`{"guild", "channel",
//! "messages": [..]}`). Authors are named by their server nickname when they have one,
//! since that is the name the other people in the channel saw.

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::json::Tolerant;
use super::time::Timestamp;
use super::Read;
use crate::conversation::Message;

#[derive(Deserialize)]
struct Export {
    // Never read: required so that only DiscordChatExporter files match.
    #[serde(rename = "guild")]
    _guild: IgnoredAny,
    #[serde(rename = "channel")]
    _channel: IgnoredAny,
    messages: Tolerant<ChannelMessage>,
}

#[derive(Deserialize)]
struct ChannelMessage {
    #[serde(rename = "type")]
    kind: Option<String>,
    timestamp: String,
    #[serde(default)]
    content: String,
    author: Author,
    #[serde(default)]
    attachments: Vec<Attachment>,
    #[serde(default)]
    stickers: Vec<Sticker>,
}

#[derive(Deserialize)]
struct Author {
    name: String,
    nickname: Option<String>,
}

#[derive(Deserialize)]
struct Attachment {
    #[serde(rename = "fileName")]
    file_name: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Sticker {
    name: String,
}

impl ChannelMessage {
    /// The message, unless Discord wrote it (someone joined, a pin, a call) or it is empty.
    fn into_message(self) -> Option<Message> {
        if !matches!(self.kind.as_deref(), None | Some("Default" | "Reply")) {
            return None;
        }
        let time = Timestamp::parse_iso(&self.timestamp).map(|t| t.to_iso());
        let speaker = self.author.nickname.filter(|n| !n.is_empty()).unwrap_or(self.author.name);
        // A file or sticker without text keeps the export's name for it: something was sent.
        let attachment = self.attachments.into_iter().find_map(|a| a.file_name.or(a.url));
        let sticker = self.stickers.into_iter().map(|s| s.name).next();
        let text = Some(self.content).filter(|c| !c.is_empty()).or(attachment).or(sticker)?;
        Some(Message { speaker: Some(speaker), text, time })
    }
}

/// Reads one exported channel.
pub(super) fn read(text: &str) -> serde_json::Result<Read> {
    let export: Export = serde_json::from_str(text)?;
    let messages = export.messages.items.into_iter().filter_map(ChannelMessage::into_message).collect();
    Ok(Read { messages, skipped: export.messages.skipped, repaired: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_win_and_system_messages_are_skipped() {
        let json = r#"{"guild":{"id":"1","name":"Direct Messages"},"channel":{"id":"2","type":"DirectTextChat","name":"max"},
          "messages":[
            {"id":"1","type":"RecipientAdd","timestamp":"2026-11-23T21:13:00+01:00","content":"Added lina to the group.","author":{"id":"9","name":"max_2009"}},
            {"id":"2","type":"Default","timestamp":"2026-11-23T21:14:05.123+01:00","content":"hey","author":{"id":"9","name":"max_2009","nickname":"Max"}},
            {"id":"3","type":"Default","timestamp":"2026-11-23T21:15:00+01:00","content":"","author":{"id":"8","name":"lina"},
             "attachments":[{"id":"5","url":"https://cdn.example/a.png","fileName":"a.png","fileSizeBytes":1}]}]}"#;
        let messages = read(json).unwrap().messages;
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].speaker.as_deref(), Some("Max"));
        assert_eq!(messages[0].time.as_deref(), Some("2026-11-23T21:14:05+01:00"));
        assert_eq!(messages[1].speaker.as_deref(), Some("lina"));
        assert_eq!(messages[1].text, "a.png");
    }
}
