//! Pasted chat text: `Name: message` lines (optionally after a `[date, time]` stamp, as
//! WhatsApp Web copies them), or plain lines with no speaker.

use super::text;
use crate::conversation::Message;

/// The longest prefix before `:` that is still read as a speaker's name.
const MAX_NAME_CHARS: usize = 40;
/// A name has at most this many words; a longer prefix is a sentence that contains `:`.
const MAX_NAME_WORDS: usize = 4;

/// Splits pasted text into messages.
///
/// When some lines start with a speaker (`Alex: hi`), a line that does not continues the
/// message before it. When no line does, every non-empty line is a message of its own with
/// no speaker. Message texts are exact slices of `text`, so offsets into them are offsets
/// into what the person pasted. Lines end at `\n`, `\r\n` or a lone `\r`.
pub fn parse_plain(text: &str) -> Vec<Message> {
    let survey = Survey::of(text);
    let mut messages: Vec<Message> = Vec::with_capacity(survey.messages());
    let mut current: Option<Pending<'_>> = None;
    for (start, line) in text::lines(text) {
        let end = start + line.len();
        let speaker_line = if survey.has_speakers() { split_speaker(line) } else { None };
        match speaker_line {
            Some(parts) => {
                flush(&mut messages, text, current.take());
                current = Some(Pending { speaker: Some(parts.name), time: parts.time, start: start + parts.body_offset, end });
            }
            None if line.trim().is_empty() => {}
            None => match current.as_mut() {
                Some(pending) if survey.has_speakers() => pending.end = end,
                _ => {
                    flush(&mut messages, text, current.take());
                    current = Some(Pending { speaker: None, time: None, start, end });
                }
            },
        }
    }
    flush(&mut messages, text, current);
    messages
}

/// The message being built: its speaker and stamp, and its byte range in the text.
struct Pending<'a> {
    speaker: Option<&'a str>,
    time: Option<&'a str>,
    start: usize,
    end: usize,
}

fn flush(messages: &mut Vec<Message>, text: &str, pending: Option<Pending<'_>>) {
    if let Some(Pending { speaker, time, start, end }) = pending {
        messages.push(Message {
            speaker: speaker.map(str::to_string),
            text: text[start..end].to_string(),
            time: time.map(str::to_string),
        });
    }
}

/// A first reading of the text: whether any line names a speaker, which decides how lines
/// become messages, and how many messages that makes, so they are stored without spare room.
struct Survey {
    speaker_lines: usize,
    /// Lines that are not blank.
    text_lines: usize,
    /// A line that is not blank comes before the first speaker line: a message of its own.
    text_before_speakers: bool,
}

impl Survey {
    fn of(text: &str) -> Survey {
        let mut survey = Survey { speaker_lines: 0, text_lines: 0, text_before_speakers: false };
        for (_, line) in text::lines(text) {
            if split_speaker(line).is_some() {
                survey.speaker_lines += 1;
            } else if !line.trim().is_empty() {
                survey.text_lines += 1;
                survey.text_before_speakers |= survey.speaker_lines == 0;
            }
        }
        survey
    }

    fn has_speakers(&self) -> bool {
        self.speaker_lines > 0
    }

    fn messages(&self) -> usize {
        if self.has_speakers() {
            self.speaker_lines + usize::from(self.text_before_speakers)
        } else {
            self.text_lines
        }
    }
}

/// The parts of a `[stamp] Name: body` line.
#[derive(Debug, PartialEq, Eq)]
struct SpeakerLine<'a> {
    time: Option<&'a str>,
    name: &'a str,
    /// Where the body starts in the line.
    body_offset: usize,
}

fn split_speaker(line: &str) -> Option<SpeakerLine<'_>> {
    let (time, rest_offset) = match line.strip_prefix('[') {
        Some(after) => {
            let close = after.find(']')?;
            (Some(after[..close].trim()), 1 + close + 1)
        }
        None => (None, 0),
    };
    let rest = &line[rest_offset..];
    let colon = rest.find(':')?;
    let raw_name = &rest[..colon];
    let name = raw_name.trim();
    let after_colon = &rest[colon + 1..];
    if !is_name(name) || after_colon.starts_with("//") {
        return None;
    }
    let body_offset = rest_offset + colon + 1 + (after_colon.len() - after_colon.trim_start().len());
    Some(SpeakerLine { time, name, body_offset })
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.split_whitespace().count() <= MAX_NAME_WORDS
        && !name.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lines_become_messages_and_other_lines_continue_them() {
        let text = "Alex: hey\nhow are you\r\nSam: fine\n\nAlex: cool";
        let msgs = parse_plain(text);
        let got: Vec<(Option<&str>, &str)> = msgs.iter().map(|m| (m.speaker.as_deref(), m.text.as_str())).collect();
        assert_eq!(got, vec![(Some("Alex"), "hey\nhow are you"), (Some("Sam"), "fine"), (Some("Alex"), "cool")]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let msgs = parse_plain("Alex: hi\rSam: hey\rhow are you\r\nAlex: ok\r");
        let got: Vec<(Option<&str>, &str)> = msgs.iter().map(|m| (m.speaker.as_deref(), m.text.as_str())).collect();
        assert_eq!(got, vec![(Some("Alex"), "hi"), (Some("Sam"), "hey\rhow are you"), (Some("Alex"), "ok")]);
        assert_eq!(parse_plain("how old are you\rkeep it secret").len(), 2);
    }

    #[test]
    fn room_is_made_for_exactly_the_messages_there_are() {
        for text in ["intro\nAlex: a\nmore\n\nSam: b", "Alex: a\nSam: b", "one\n\ntwo\nthree", "", "\n \n"] {
            let msgs = parse_plain(text);
            assert_eq!(msgs.len(), Survey::of(text).messages(), "{text:?}");
            assert_eq!(msgs.capacity(), msgs.len(), "{text:?}");
        }
    }

    #[test]
    fn text_without_speakers_is_one_message_per_line() {
        let msgs = parse_plain("how old are you\n\nkeep it secret");
        assert_eq!(msgs.len(), 2);
        assert!(msgs.iter().all(|m| m.speaker.is_none()));
        assert_eq!(msgs[1].text, "keep it secret");
    }

    #[test]
    fn bracketed_stamps_are_read_as_time() {
        let msgs = parse_plain("[23/11/2026, 21:14:05] Alex Doe: send a pic");
        assert_eq!(msgs[0].speaker.as_deref(), Some("Alex Doe"));
        assert_eq!(msgs[0].time.as_deref(), Some("23/11/2026, 21:14:05"));
        assert_eq!(msgs[0].text, "send a pic");
    }

    #[test]
    fn sentences_and_links_are_not_names() {
        assert!(split_speaker("this is a long sentence with: a colon").is_none());
        assert!(split_speaker("https://example.org").is_none());
        assert!(split_speaker("21:14").is_none());
    }
}
