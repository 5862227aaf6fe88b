//! Pasted chat text: `Name: message` lines (optionally after a `[date, time]` stamp, as
//! WhatsApp Web copies them), or plain lines with no speaker.

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
/// into what the person pasted.
pub fn parse_plain(text: &str) -> Vec<Message> {
    let lines: Vec<(usize, &str)> = line_spans(text).collect();
    let has_speakers = lines.iter().any(|(_, line)| split_speaker(line).is_some());
    let mut messages: Vec<Message> = Vec::new();
    // Byte range in `text` of the message being built.
    let mut current: Option<(Option<String>, Option<String>, usize, usize)> = None;
    for (start, line) in lines {
        let end = start + line.len();
        let speaker_line = if has_speakers { split_speaker(line) } else { None };
        match speaker_line {
            Some(parts) => {
                flush(&mut messages, text, current.take());
                let body_start = start + parts.body_offset;
                current = Some((Some(parts.name.to_string()), parts.time.map(str::to_string), body_start, end));
            }
            None if line.trim().is_empty() => {}
            None => match current.as_mut() {
                Some((_, _, _, cur_end)) if has_speakers => *cur_end = end,
                _ => {
                    flush(&mut messages, text, current.take());
                    current = Some((None, None, start, end));
                }
            },
        }
    }
    flush(&mut messages, text, current);
    messages
}

fn flush(messages: &mut Vec<Message>, text: &str, current: Option<(Option<String>, Option<String>, usize, usize)>) {
    if let Some((speaker, time, start, end)) = current {
        let body = text[start..end].trim_end_matches('\r');
        messages.push(Message { speaker, text: body.to_string(), time });
    }
}

/// Each line of `text` with its byte offset, without the line break.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
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
