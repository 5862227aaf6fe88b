//! WhatsApp "Export chat": the `.txt` file and the `.zip` that holds it with the media.
//!
//! Android writes `23/11/2026, 21:14 - Name: text`, iOS `[23/11/2026, 21:14:05] Name: text`;
//! the date and time follow the phone's language (`23-11-2026 21:14`, `11/23/26, 9:14 PM`,
//! `9:14 p.m.`, a narrow no-break space before `PM` on newer phones). Lines that do not
//! start with a stamp continue the message before them. System lines (the encryption
//! notice, "X created group", "X added Y", in English, Dutch and French) are dropped so that
//! they are never put in a person's mouth. Media lines (`<Media omitted>`, `image omitted`)
//! stay as messages of their sender with WhatsApp's own text: a photo was sent.

use std::borrow::Cow;

use super::text::{self, decode_text, LineSplitter};
use super::time::{Cursor, Timestamp};
use super::zip::{Archive, Entry};
use super::{ParseError, MAX_MESSAGES};
use crate::conversation::Message;

/// Invisible direction marks WhatsApp puts before lines, media notices and phone numbers.
const DIRECTION_MARKS: &[char] = &[
    '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
    '\u{2068}', '\u{2069}', '\u{feff}',
];

/// Words of WhatsApp's own notices, in English, Dutch and French. A line is a notice when it
/// holds every piece of one entry. Only lines that already look like notices are checked
/// (no `Name: ` part, a quoted group name, or text behind an invisible mark as iOS writes
/// notices), so people's own words are never matched against this list.
const NOTICE_PHRASES: &[&[&str]] = &[
    &["end-to-end encrypted"],
    &["end-to-end versleuteld"],
    &["chiffrés de bout en bout"],
    &["security code"],
    &["beveiligingscode"],
    &["code de sécurité"],
    &["created group"],
    &["created this group"],
    &["groep", "aangemaakt"],
    &["a créé"],
    &["avez créé"],
    &[" added "],
    &[" toegevoegd"],
    &[" a ajouté "],
    &["avez ajouté "],
    &[" removed "],
    &[" heeft ", " verwijderd"],
    &["hebt ", " verwijderd"],
    &[" a retiré "],
    &["avez retiré "],
    &[" left"],
    &[" is vertrokken"],
    &[" heeft de groep verlaten"],
    &[" est parti"],
    &[" a quitté"],
    &["changed the subject"],
    &["changed this group"],
    &["changed the group"],
    &[" heeft de groepsnaam"],
    &[" heeft de groepsafbeelding"],
    &[" heeft de groepsbeschrijving"],
    &[" a modifié "],
    &[" a changé "],
    &["joined using"],
    &["lid geworden via"],
    &[" a rejoint "],
];

/// Quote marks WhatsApp puts around group names in notices.
const QUOTES: &[char] = &['"', '“', '”', '«', '»'];

/// Reads a WhatsApp export, whether the `.txt` file or the `.zip`.
pub(super) fn parse_export(bytes: &[u8]) -> Result<Vec<Message>, ParseError> {
    if super::zip::is_zip(bytes) {
        parse_zip(bytes)
    } else {
        parse_text(decode_text(bytes)?)
    }
}

/// Reads the chat file inside a WhatsApp `.zip` export: `_chat.txt` from iOS, `WhatsApp
/// Chat with X.txt` (`WhatsApp-chat met X.txt`, `Discussion WhatsApp avec X.txt`) from Android.
/// The file is unpacked once per reading rather than kept: only the messages stay in memory.
pub(super) fn parse_zip(bytes: &[u8]) -> Result<Vec<Message>, ParseError> {
    let archive = Archive::open(bytes)?;
    let entry = find_chat_file(&archive).ok_or_else(|| ParseError::Unsupported {
        detail: "it is a zip file without a WhatsApp chat in it (no _chat.txt or \"WhatsApp Chat\" .txt file)"
            .to_string(),
    })?;
    parse_lines(&ZippedText { archive: &archive, entry })
}

fn find_chat_file<'a>(archive: &'a Archive<'_>) -> Option<&'a Entry> {
    // macOS adds "__MACOSX/._name" shadow files when it zips; they are not the chat.
    let texts: Vec<_> = archive
        .entries()
        .iter()
        .filter(|e| {
            !e.is_directory() && !e.name.starts_with("__MACOSX/") && e.name.to_ascii_lowercase().ends_with(".txt")
        })
        .collect();
    let file_name = |name: &str| name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let named = |test: &dyn Fn(&str) -> bool| texts.iter().copied().find(|e| test(&file_name(&e.name)));
    named(&|name| name == "_chat.txt")
        .or_else(|| named(&|name| name.contains("whatsapp")))
        .or_else(|| texts.first().copied().filter(|_| texts.len() == 1))
}

/// Whether `text` is a WhatsApp export: its first line starts with a stamp (an export
/// always does), or at least half of its first lines do (a copied part of one).
pub(super) fn looks_like_whatsapp(text: &str) -> bool {
    const SAMPLE_LINES: usize = 100;
    let mut lines =
        text::lines(text).map(|(_, line)| strip_marks(line)).filter(|line| !line.trim().is_empty()).take(SAMPLE_LINES);
    let Some(first) = lines.next() else { return false };
    if parse_stamp_line(first).is_some() {
        return true;
    }
    let (stamped, total) = lines
        .fold((0, 1), |(stamped, total), line| (stamped + usize::from(parse_stamp_line(line).is_some()), total + 1));
    stamped * 2 >= total && stamped > 0
}

/// Reads the text of a WhatsApp `.txt` export; text in which no line starts with a stamp
/// is not one.
pub(super) fn parse_text(text: &str) -> Result<Vec<Message>, ParseError> {
    parse_lines(text)
}

/// The lines of an export, which [`parse_lines`] reads twice: text in memory, or a zip
/// entry unpacked anew for each reading, so that the unpacked text is never held whole.
trait LineSource {
    /// Calls `visit` with each line, without its line break.
    fn each_line(&self, visit: &mut dyn FnMut(&str)) -> Result<(), ParseError>;
}

impl LineSource for str {
    fn each_line(&self, visit: &mut dyn FnMut(&str)) -> Result<(), ParseError> {
        text::lines(self).for_each(|(_, line)| visit(line));
        Ok(())
    }
}

/// The chat file of a zip export.
struct ZippedText<'a> {
    archive: &'a Archive<'a>,
    entry: &'a Entry,
}

impl LineSource for ZippedText<'_> {
    fn each_line(&self, visit: &mut dyn FnMut(&str)) -> Result<(), ParseError> {
        let mut splitter = LineSplitter::new();
        self.archive.unpack(self.entry, &mut |piece| splitter.push(piece, visit))?;
        splitter.finish(visit)
    }
}

/// Reads an export in two passes: the first learns what the second needs (whether day or
/// month comes first, which only the whole file tells, and how many messages there are,
/// so that they are stored without spare room), the second makes the messages.
fn parse_lines(source: &(impl LineSource + ?Sized)) -> Result<Vec<Message>, ParseError> {
    let mut survey = Survey::default();
    let mut reader = Reader::default();
    source.each_line(&mut |line| survey.note(reader.read(line)))?;
    if survey.stamps == 0 && survey.has_text {
        return Err(ParseError::Unsupported {
            detail: "it is not a WhatsApp chat: no line starts with a date and time the way WhatsApp writes them"
                .to_string(),
        });
    }
    // Refused before any message is made: a zip of a few hundred kilobytes can hold
    // millions of one-word messages.
    if survey.messages > MAX_MESSAGES {
        return Err(ParseError::TooManyMessages { limit: MAX_MESSAGES });
    }
    let day_first = survey.day_comes_first();
    let mut messages = Vec::with_capacity(survey.messages);
    let mut current: Option<Message> = None;
    let mut reader = Reader::default();
    source.each_line(&mut |line| match reader.read(line) {
        Step::Message { stamp, speaker, body } => {
            messages.extend(current.take().map(finish));
            let time = stamp.timestamp(day_first).map(|t| t.to_iso());
            current = Some(Message { speaker: Some(speaker.into_owned()), text: body.to_string(), time });
        }
        Step::Notice(_) => messages.extend(current.take().map(finish)),
        Step::Orphan(text) => current = Some(Message { speaker: None, text: text.to_string(), time: None }),
        Step::More(text) => {
            if let Some(message) = current.as_mut() {
                message.text.push('\n');
                message.text.push_str(text);
            }
        }
        Step::Skip => {}
    })?;
    messages.extend(current.map(finish));
    Ok(messages)
}

/// Drops the line breaks WhatsApp leaves after a message's last line, and the spare room
/// that joining its lines left.
fn finish(mut message: Message) -> Message {
    let kept = message.text.trim_end_matches(['\n', '\r']).len();
    message.text.truncate(kept);
    message.text.shrink_to_fit();
    message
}

/// What a line of the export does.
enum Step<'a> {
    /// A stamped line that starts a message.
    Message { stamp: Stamp, speaker: Cow<'a, str>, body: &'a str },
    /// A stamped line of WhatsApp's own (a notice); the lines after it go with it.
    Notice(Stamp),
    /// Text before the first stamp: part of a message whose start was not copied.
    Orphan(&'a str),
    /// More of the message before.
    More(&'a str),
    /// A blank line before any message, or more of a notice (a group description).
    Skip,
}

/// Reads the export line by line. A line is taken as stamped only when its stamp is
/// written like the file's first stamp, so that a date someone typed at the start of a
/// line of a longer message does not cut it in two.
#[derive(Default)]
struct Reader {
    layout: Option<StampLayout>,
    in_message: bool,
    in_notice: bool,
}

impl Reader {
    fn read<'a>(&mut self, line: &'a str) -> Step<'a> {
        // Only a digit, `[` or an invisible mark can start a stamp: most lines of a long
        // message, and blank lines, are told at their first byte.
        let may_be_stamped = matches!(line.as_bytes().first(), Some(b'0'..=b'9' | b'[' | 0xe2 | 0xef));
        if let Some(stamped) = may_be_stamped.then(|| parse_stamp_line(strip_marks(line))).flatten() {
            if *self.layout.get_or_insert(stamped.stamp.layout) == stamped.stamp.layout {
                let author = split_author(stamped.rest);
                self.in_message = author.is_some();
                self.in_notice = author.is_none();
                return match author {
                    Some((speaker, body)) => Step::Message { stamp: stamped.stamp, speaker, body },
                    None => Step::Notice(stamped.stamp),
                };
            }
        }
        if self.in_message {
            Step::More(line)
        } else if self.in_notice || line.trim().is_empty() {
            Step::Skip
        } else {
            self.in_message = true;
            Step::Orphan(line)
        }
    }
}

/// What the first reading of an export learns.
#[derive(Default)]
struct Survey {
    stamps: usize,
    messages: usize,
    /// Some line is not blank (every such line is a message's or a stamp's).
    has_text: bool,
    /// Some date's first number is above 12, so it is a day.
    first_above_12: bool,
    /// Some date's second number is above 12, so it is a day.
    second_above_12: bool,
    /// The layout of the first stamp whose date order is not known from the year.
    first_layout: Option<StampLayout>,
}

impl Survey {
    fn note(&mut self, step: Step<'_>) {
        let stamp = match step {
            Step::Message { stamp, .. } => {
                self.messages += 1;
                stamp
            }
            Step::Notice(stamp) => stamp,
            Step::Orphan(_) => {
                self.messages += 1;
                self.has_text = true;
                return;
            }
            Step::More(_) | Step::Skip => return,
        };
        self.stamps += 1;
        self.has_text = true;
        if !stamp.year_first {
            self.first_above_12 |= stamp.date[0] > 12;
            self.second_above_12 |= stamp.date[1] > 12;
            self.first_layout.get_or_insert(stamp.layout);
        }
    }

    /// Whether dates are day/month (`23/11`) or month/day (`11/23`): any first number above
    /// 12 means day first, any second number above 12 means month first; when every date
    /// fits both ways, the layout's habit decides (US phones write `M/D/YY` with `AM`/`PM`).
    fn day_comes_first(&self) -> bool {
        match (self.first_above_12, self.second_above_12) {
            (true, false) => true,
            (false, true) => false,
            _ => self.first_layout.is_none_or(|l| !(l.separator == b'/' && l.clock == Clock::UpperAmPm)),
        }
    }
}

/// How a stamp is written, which stays the same throughout one export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StampLayout {
    /// `[date, time] ` (iOS) rather than `date, time - ` (Android).
    bracketed: bool,
    /// The date separator: `/`, `-` or `.`.
    separator: u8,
    clock: Clock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    TwentyFourHour,
    /// `AM`/`PM` in capitals, as US English phones write it.
    UpperAmPm,
    /// `am`, `a.m.` and the like.
    OtherAmPm,
}

/// A stamp as written, before knowing whether its date is day or month first.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    layout: StampLayout,
    /// The three numbers of the date, in the order written.
    date: [u32; 3],
    /// The date is `2026-11-23` (year first), so its order is known.
    year_first: bool,
    hour: u32,
    minute: u32,
    second: Option<u32>,
}

impl Stamp {
    fn timestamp(&self, day_first: bool) -> Option<Timestamp> {
        let [a, b, c] = self.date;
        let (year, month, day) = match (self.year_first, day_first) {
            (true, _) => (a, b, c),
            (false, true) => (c, b, a),
            (false, false) => (c, a, b),
        };
        let year = if year < 100 { 2000 + year } else { year };
        Timestamp::new(year, month, day, self.hour, self.minute, self.second)
    }
}

/// A line that starts with a stamp: the stamp and what follows it.
#[derive(Debug)]
struct StampedLine<'a> {
    stamp: Stamp,
    /// `Name: text`, or a notice.
    rest: &'a str,
}

/// Reads `[date, time] rest` or `date, time - rest`.
fn parse_stamp_line(line: &str) -> Option<StampedLine<'_>> {
    let mut cursor = Cursor::new(line);
    let bracketed = cursor.eat("[");
    let (date, separator, year_first) = read_date(&mut cursor)?;
    cursor.eat(",");
    if cursor.skip_spaces() == 0 {
        return None;
    }
    // Some French phones write `23/11/2026 à 21:14`.
    if cursor.eat("à") && cursor.skip_spaces() == 0 {
        return None;
    }
    let (hour, minute, second, clock) = read_time(&mut cursor)?;
    if bracketed {
        cursor.expect("]")?;
        cursor.expect(" ")?;
    } else {
        cursor.skip_spaces();
        cursor.eat_any(&["-", "–"])?;
        cursor.expect(" ")?;
    }
    let stamp = Stamp { layout: StampLayout { bracketed, separator, clock }, date, year_first, hour, minute, second };
    Some(StampedLine { stamp, rest: cursor.rest() })
}

/// Reads `23/11/2026`, `23-11-26`, `23.11.26` or `2026-11-23`.
fn read_date(cursor: &mut Cursor<'_>) -> Option<([u32; 3], u8, bool)> {
    let (first, first_width) = cursor.number_with_width(1, 4)?;
    let separator = *cursor.rest().as_bytes().first()?;
    if !matches!(separator, b'/' | b'-' | b'.') || first_width == 3 {
        return None;
    }
    let separator_text = if separator == b'/' {
        "/"
    } else if separator == b'-' {
        "-"
    } else {
        "."
    };
    cursor.expect(separator_text)?;
    let second = cursor.number(1, 2)?;
    cursor.expect(separator_text)?;
    let year_first = first_width == 4;
    let third =
        if year_first { cursor.number(1, 2)? } else { cursor.number_with_width(2, 4).filter(|(_, w)| *w != 3)?.0 };
    // German-style phones end the date with a dot too (`23.11.26.`); harmless to accept.
    if separator == b'.' {
        cursor.eat(".");
    }
    let plausible = if year_first {
        (1..=12).contains(&second) && (1..=31).contains(&third)
    } else {
        (1..=31).contains(&first) && (1..=31).contains(&second) && (first <= 12 || second <= 12)
    };
    plausible.then_some(([first, second, third], separator, year_first))
}

/// Reads `21:14`, `21:14:05`, `9:14 PM`, `9:14 p.m.`, `9:14\u{202f}PM`: hour on the
/// 24-hour clock, minute, second if written, and which clock the phone uses.
fn read_time(cursor: &mut Cursor<'_>) -> Option<(u32, u32, Option<u32>, Clock)> {
    let hour = cursor.number(1, 2)?;
    cursor.expect(":")?;
    let minute = cursor.number(2, 2)?;
    let second = if cursor.eat(":") { Some(cursor.number(2, 2)?) } else { None };
    let before_marker = cursor.clone();
    cursor.skip_spaces();
    let marker = cursor.eat_any(&["AM", "PM", "am", "pm", "a.m.", "p.m.", "a. m.", "p. m.", "A.M.", "P.M."]);
    let (hour, clock) = match marker {
        None => {
            // Spaces skipped while looking for AM/PM belong to what follows.
            *cursor = before_marker;
            (hour, Clock::TwentyFourHour)
        }
        Some(marker) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let afternoon = marker.starts_with(['p', 'P']);
            let clock = if marker.starts_with(['A', 'P']) && !marker.contains('.') {
                Clock::UpperAmPm
            } else {
                Clock::OtherAmPm
            };
            (hour % 12 + if afternoon { 12 } else { 0 }, clock)
        }
    };
    (hour < 24 && minute < 60 && second.map_or(true, |s| s < 60)).then_some((hour, minute, second, clock))
}

/// The author and text of what follows a stamp, or `None` for WhatsApp's own notices.
fn split_author(rest: &str) -> Option<(Cow<'_, str>, &str)> {
    let rest = strip_marks(rest);
    let (name, body) = match rest.split_once(": ") {
        Some(parts) => parts,
        None => (rest.strip_suffix(':')?, ""),
    };
    // `Alex changed the subject to "Tip: ..."`: the colon is inside a quoted group name.
    if name.contains(QUOTES) && is_notice(name) {
        return None;
    }
    // iOS writes notices as if the chat or group had said them, behind an invisible mark.
    let marked = body.starts_with(DIRECTION_MARKS);
    let body = strip_marks(body);
    if marked && is_notice(body) {
        return None;
    }
    // Borrowed unless marks must go, so that the first reading allocates nothing.
    let name = if name.contains(DIRECTION_MARKS) {
        Cow::Owned(name.chars().filter(|c| !DIRECTION_MARKS.contains(c)).collect::<String>().trim().to_string())
    } else {
        Cow::Borrowed(name.trim())
    };
    (!name.is_empty()).then_some((name, body))
}

fn is_notice(text: &str) -> bool {
    NOTICE_PHRASES.iter().any(|pieces| pieces.iter().all(|piece| text.contains(piece)))
}

fn strip_marks(text: &str) -> &str {
    text.trim_start_matches(DIRECTION_MARKS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Option<String>, String, Option<String>)> {
        parse_text(text).unwrap().into_iter().map(|m| (m.speaker, m.text, m.time)).collect()
    }

    fn one(text: &str) -> (Option<String>, String, Option<String>) {
        read(text).into_iter().next().unwrap()
    }

    #[test]
    fn android_and_ios_stamps_in_nl_fr_en() {
        let expect = |line: &str, time: &str| {
            let (speaker, text, got) = one(line);
            assert_eq!(speaker.as_deref(), Some("Max"), "{line}");
            assert_eq!(text, "hoi", "{line}");
            assert_eq!(got.as_deref(), Some(time), "{line}");
        };
        expect("23-11-2026 21:14 - Max: hoi", "2026-11-23T21:14");
        expect("23/11/2026 21:14 - Max: hoi", "2026-11-23T21:14");
        expect("23/11/2026, 21:14 - Max: hoi", "2026-11-23T21:14");
        expect("11/23/26, 9:14 PM - Max: hoi", "2026-11-23T21:14");
        expect("11/23/26, 9:14\u{202f}PM - Max: hoi", "2026-11-23T21:14");
        expect("23/11/2026, 9:14 p.m. - Max: hoi", "2026-11-23T21:14");
        expect("23/11/26, 12:05 am - Max: hoi", "2026-11-23T00:05");
        expect("[23/11/2026, 21:14:05] Max: hoi", "2026-11-23T21:14:05");
        expect("[23-11-2026 21:14:05] Max: hoi", "2026-11-23T21:14:05");
        expect("[11/23/26, 9:14:05 PM] Max: hoi", "2026-11-23T21:14:05");
        expect("[11/23/26, 9:14:05\u{202f}PM] Max: hoi", "2026-11-23T21:14:05");
        expect("\u{200e}[23.11.26, 21:14:05] Max: hoi", "2026-11-23T21:14:05");
        expect("2026-11-23, 9:14 p.m. - Max: hoi", "2026-11-23T21:14");
        expect("23/11/2026 à 21:14 - Max: hoi", "2026-11-23T21:14");
    }

    #[test]
    fn day_and_month_order_comes_from_the_whole_file() {
        let month_first = "[11/05/26, 9:14:05 AM] Max: a\n[11/23/26, 9:15:05 AM] Max: b";
        assert_eq!(read(month_first)[0].2.as_deref(), Some("2026-11-05T09:14:05"));
        let day_first = "05/11/2026, 09:14 - Max: a\n23/11/2026, 09:15 - Max: b";
        assert_eq!(read(day_first)[0].2.as_deref(), Some("2026-11-05T09:14"));
        // Ambiguous all through: US iOS habit for `/` with AM/PM, day first otherwise.
        assert_eq!(read("[11/05/26, 9:14:05 AM] Max: a")[0].2.as_deref(), Some("2026-11-05T09:14:05"));
        assert_eq!(read("11/05/2026 09:14 - Max: a")[0].2.as_deref(), Some("2026-05-11T09:14"));
    }

    #[test]
    fn continuation_lines_join_the_message_before() {
        let got = read("23/11/2026 21:14 - Max: first line\nsecond line\r\n\nfourth\n23/11/2026 21:15 - Lina: ok\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "first line\nsecond line\n\nfourth");
        assert_eq!(got[1].1, "ok");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let got = read("23/11/2026 21:14 - Max: hi\r23/11/2026 21:15 - Lina: hey\rsecond line\r\n23/11/2026 21:16 - Max: ok\r");
        let texts: Vec<(Option<&str>, &str)> = got.iter().map(|(who, text, _)| (who.as_deref(), text.as_str())).collect();
        assert_eq!(texts, [(Some("Max"), "hi"), (Some("Lina"), "hey\nsecond line"), (Some("Max"), "ok")]);
        assert!(looks_like_whatsapp("rest of a message\r23/11/2026 21:14 - Max: hoi\r23/11/2026 21:15 - Max: ok"));
    }

    #[test]
    fn room_is_made_for_exactly_the_messages_there_are() {
        let export = "cut off\n23/11/2026 21:10 - Max created group \"x\"\ndescription\n23/11/2026 21:14 - Max: a\nb\n\n";
        let messages = parse_text(export).unwrap();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages.capacity(), 2);
        assert_eq!(messages[1].text, "a\nb");
        assert_eq!(messages[1].text.capacity(), 3, "no spare room is left after joining lines");
    }

    #[test]
    fn notices_are_never_put_in_a_persons_mouth() {
        let export = "\
23/11/2026 21:10 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
23/11/2026 21:11 - Max created group \"Tips: gamen\"
23/11/2026 21:11 - Max heeft Lina toegevoegd
[23/11/2026, 21:12:00] Gamers: \u{200e}Max a ajouté Lina
[23/11/2026, 21:12:00] Gamers: \u{200e}Berichten en gesprekken worden end-to-end versleuteld.
23/11/2026 21:13 - Max: I added you, you're welcome";
        let got = read(export);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "I added you, you're welcome");
    }

    #[test]
    fn media_lines_stay_with_their_sender() {
        let ios = one("\u{200e}[23/11/2026, 21:14:05] Max: \u{200e}image omitted");
        assert_eq!(ios, (Some("Max".into()), "image omitted".into(), Some("2026-11-23T21:14:05".into())));
        assert_eq!(one("23/11/2026 21:15 - Lina: <Media weggelaten>").1, "<Media weggelaten>");
    }

    #[test]
    fn phone_numbers_lose_their_invisible_marks() {
        let (speaker, _, _) = one("23/11/2026 21:14 - \u{202a}+32 470 12 34 56\u{202c}: hallo");
        assert_eq!(speaker.as_deref(), Some("+32 470 12 34 56"));
    }

    #[test]
    fn a_date_typed_in_a_message_of_another_layout_does_not_split_it() {
        let got = read("[23/11/2026, 21:14:05] Max: plan:\n24/11/2026 20:00 - Party: bring snacks");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "plan:\n24/11/2026 20:00 - Party: bring snacks");
    }

    #[test]
    fn text_without_stamps_is_not_whatsapp() {
        let error = parse_text("{\"messages\": []}\nMax: hoi").unwrap_err();
        assert!(error.to_string().contains("no line starts with a date and time"), "{error}");
    }

    #[test]
    fn detection_needs_stamps_at_the_start() {
        assert!(looks_like_whatsapp("\u{200e}[23/11/2026, 21:14:05] Max: hoi"));
        assert!(looks_like_whatsapp("rest of a message\n23/11/2026 21:14 - Max: hoi\n23/11/2026 21:15 - Max: ok"));
        assert!(!looks_like_whatsapp("[21:14, 23/11/2026] Max: hoi"));
        assert!(!looks_like_whatsapp("Max: hoi\nLina: hey"));
        assert!(!looks_like_whatsapp(""));
    }
}
