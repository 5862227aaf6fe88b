//! Chat exports as the apps write them (fixtures in `tests/fixtures/chat/`, made by its
//! `make_fixtures.py`): format detection, speakers, texts, times, and clear errors.

use std::path::Path;

use redflag::{parse_chat as parse, Chat, Format, ParseError, MAX_MESSAGES};

fn fixture(path: &str) -> Vec<u8> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chat").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

/// Parses a fixture with format detection and checks the detected format.
fn detect(path: &str, format: Format) -> Chat {
    let chat = parse(&fixture(path), None).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(chat.format, format, "{path}");
    chat
}

fn speakers_and_texts(chat: &Chat) -> Vec<(Option<&str>, &str)> {
    chat.messages.iter().map(|m| (m.speaker.as_deref(), m.text.as_str())).collect()
}

fn times(chat: &Chat) -> Vec<Option<&str>> {
    chat.messages.iter().map(|m| m.time.as_deref()).collect()
}

fn error_of(path: &str) -> ParseError {
    match parse(&fixture(path), None) {
        Ok(chat) => panic!("{path} parsed as {:?}", chat.format),
        Err(error) => error,
    }
}

// --- The same conversation in every app -------------------------------------------------

const CONVERSATION_FILES: &[(&str, Format)] = &[
    ("conversation/whatsapp_android.txt", Format::WhatsApp),
    ("conversation/whatsapp_ios.txt", Format::WhatsApp),
    ("conversation/whatsapp_ios.zip", Format::WhatsApp),
    ("conversation/whatsapp_android.zip", Format::WhatsApp),
    ("conversation/telegram.json", Format::Telegram),
    ("conversation/discord.json", Format::Discord),
    ("conversation/instagram.json", Format::InstagramMessenger),
    ("conversation/snapchat.json", Format::Snapchat),
    ("conversation/plain.txt", Format::Plain),
    // Lines ended by a carriage return alone, in a text file and in a zip.
    ("hostile/whatsapp_android_cr.txt", Format::WhatsApp),
    ("hostile/whatsapp_ios_cr.zip", Format::WhatsApp),
];

#[test]
fn the_same_conversation_reads_the_same_from_every_app() {
    let expected = [
        ("Max", "hoi Lina, leuk gespeeld vandaag 😊"),
        ("Lina", "dankje! wie ben jij?"),
        ("Max", "ik ben Max, 16. hoe oud ben jij?"),
        ("Lina", "14"),
        ("Max", "cool.\nzeg niet tegen je ouders dat we praten, oké?"),
        ("Lina", "waarom niet?"),
        ("Max", "gewoon, ons geheimpje 🤫 stuur je een foto van jezelf?"),
        ("Lina", "nee sorry"),
        ("Max", "één fotootje maar, niemand ziet het"),
    ];
    let expected: Vec<(Option<&str>, &str)> = expected.iter().map(|&(who, text)| (Some(who), text)).collect();
    for &(path, format) in CONVERSATION_FILES {
        let chat = detect(path, format);
        assert_eq!(speakers_and_texts(&chat), expected, "{path}");
    }
}

#[test]
fn the_same_conversation_has_its_times_in_iso_8601() {
    let first_times = [
        ("conversation/whatsapp_android.txt", "2026-11-23T21:14"),
        ("conversation/whatsapp_ios.txt", "2026-11-23T21:14:05"),
        ("conversation/telegram.json", "2026-11-23T21:14:05"),
        ("conversation/discord.json", "2026-11-23T21:14:05+01:00"),
        ("conversation/instagram.json", "2026-11-23T20:14:05Z"),
        ("conversation/snapchat.json", "2026-11-23T20:14:05Z"),
    ];
    for (path, time) in first_times {
        let chat = parse(&fixture(path), None).unwrap();
        assert_eq!(chat.messages[0].time.as_deref(), Some(time), "{path}");
        assert!(chat.messages.iter().all(|m| m.time.is_some()), "{path}");
    }
    let plain = parse(&fixture("conversation/plain.txt"), None).unwrap();
    assert!(plain.messages.iter().all(|m| m.time.is_none()));
}

#[test]
fn a_named_format_reads_its_own_file() {
    for &(path, format) in CONVERSATION_FILES {
        let chat = parse(&fixture(path), Some(format)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(chat.messages.len(), 9, "{path}");
    }
}

// --- WhatsApp ------------------------------------------------------------------------

#[test]
fn whatsapp_android_fr_drops_notices_and_keeps_media_lines() {
    let chat = detect("whatsapp/android_fr.txt", Format::WhatsApp);
    assert_eq!(
        speakers_and_texts(&chat),
        [
            (Some("Tom"), "Entraînement demain à 17h, n'oubliez pas vos gourdes"),
            (Some("Chloé"), "ok !\nà demain"),
            (Some("+32 470 12 34 56"), "<Médias omis>"),
            (Some("+32 470 12 34 56"), "t'as quel âge ? tu m'envoies une photo en privé ?"),
        ]
    );
    assert_eq!(chat.messages[0].time.as_deref(), Some("2026-11-23T21:02"));
}

#[test]
fn whatsapp_android_en_us_reads_month_first_twelve_hour_times() {
    let chat = detect("whatsapp/android_en_us.txt", Format::WhatsApp);
    assert_eq!(chat.messages.len(), 4);
    assert_eq!(speakers_and_texts(&chat)[1], (Some("Sam"), "<Media omitted>"));
    assert_eq!(
        times(&chat),
        [Some("2026-11-23T21:14"), Some("2026-11-23T21:15"), Some("2026-11-23T21:16"), Some("2026-11-24T00:01")]
    );
}

#[test]
fn whatsapp_android_en_gb_reads_a_m_and_p_m() {
    let chat = detect("whatsapp/android_en_gb.txt", Format::WhatsApp);
    assert_eq!(times(&chat), [Some("2026-11-23T21:14"), Some("2026-11-23T21:15"), Some("2026-11-24T07:02")]);
    assert_eq!(chat.messages[1].speaker.as_deref(), Some("Noah"));
}

#[test]
fn whatsapp_ios_en_us_reads_marks_media_and_multi_line_threats() {
    let chat = detect("whatsapp/ios_en_us.txt", Format::WhatsApp);
    assert_eq!(
        speakers_and_texts(&chat),
        [
            (Some("Chris"), "hey, you looked great in your stream today"),
            (Some("Mia"), "thanks i guess?"),
            (Some("Chris"), "image omitted"),
            (Some("Chris"), "your turn. if you don't send one i'll share our chat\nwith everyone at your school"),
            (Some("Mia"), "leave me alone"),
        ]
    );
    assert_eq!(chat.messages[0].time.as_deref(), Some("2026-11-23T21:14:05"));
}

#[test]
fn whatsapp_ios_nl_group_notices_are_not_said_by_the_group() {
    let chat = detect("whatsapp/ios_nl_group.txt", Format::WhatsApp);
    assert_eq!(
        speakers_and_texts(&chat),
        [
            (Some("Jonas"), "wie heeft het huiswerk van wiskunde?"),
            (Some("Emma"), "afbeelding weggelaten"),
            (Some("Emma"), "hier, pagina 34"),
            (Some("Jonas"), "top, merci!"),
        ]
    );
    assert_eq!(chat.messages[3].time.as_deref(), Some("2026-11-23T21:16:00"));
}

#[test]
fn whatsapp_ios_fr_reads_day_first_without_a_comma() {
    let chat = detect("whatsapp/ios_fr.txt", Format::WhatsApp);
    assert_eq!(chat.messages.len(), 4);
    assert_eq!(speakers_and_texts(&chat)[2], (Some("Inès"), "image absente"));
    assert_eq!(chat.messages[1].time.as_deref(), Some("2026-11-23T21:14:50"));
}

#[test]
fn whatsapp_zip_named_after_the_chat_is_read() {
    let zipped = detect("whatsapp/WhatsApp Chat with Chris.zip", Format::WhatsApp);
    let text = detect("whatsapp/ios_en_us.txt", Format::WhatsApp);
    assert_eq!(zipped, text);
}

#[test]
fn whatsapp_txt_is_not_mistaken_for_plain_text() {
    for path in ["whatsapp/android_fr.txt", "whatsapp/ios_en_us.txt", "conversation/whatsapp_ios.txt"] {
        assert_eq!(parse(&fixture(path), None).unwrap().format, Format::WhatsApp, "{path}");
    }
}

// --- Other apps ----------------------------------------------------------------------

#[test]
fn telegram_full_export_reads_every_chat_and_its_files() {
    let chat = detect("telegram/full_export_en.json", Format::Telegram);
    assert_eq!(
        speakers_and_texts(&chat),
        [
            (Some("Coach Dan"), "Training moved to 6pm"),
            (Some("Sam"), "ok, see you there"),
            (Some("Alex"), "check this: https://example.org/game"),
            (Some("Alex"), "(File not included. Change data exporting settings to download.)"),
            (Some("Sam"), "files/homework.pdf"),
        ]
    );
    assert_eq!(chat.messages[4].time.as_deref(), Some("2026-11-23T20:07:00"));
}

#[test]
fn discord_guild_channel_skips_discord_s_own_messages() {
    let chat = detect("discord/guild_en.json", Format::Discord);
    assert_eq!(
        speakers_and_texts(&chat),
        [(Some("Max"), "gg everyone"), (Some("Lina"), "thanks, that was fun"), (Some("Max"), "clip.mp4")]
    );
    assert_eq!(chat.messages[0].time.as_deref(), Some("2026-11-23T21:01:00+01:00"));
}

#[test]
fn instagram_fr_is_repaired_ordered_and_keeps_photos() {
    let chat = detect("meta/instagram_fr.json", Format::InstagramMessenger);
    assert_eq!(
        speakers_and_texts(&chat),
        [
            (Some("Léa"), "salut ! tu fais quoi ce week-end ?"),
            (Some("Hugo"), "rien de spécial 😅"),
            (Some("Léa"), "on va au cinéma ?"),
            (Some("Hugo"), "your_instagram_activity/messages/inbox/lea_17845/photos/1789.jpg"),
        ]
    );
}

#[test]
fn messenger_en_is_read_oldest_first() {
    let chat = detect("meta/messenger_en.json", Format::InstagramMessenger);
    assert_eq!(chat.messages.len(), 3);
    assert_eq!(chat.messages[2].text, "you seem mature for your age. what's your snap?");
    assert_eq!(
        times(&chat),
        [Some("2026-11-23T20:14:05Z"), Some("2026-11-23T20:16:05Z"), Some("2026-11-23T20:18:05Z")]
    );
}

#[test]
fn snapchat_older_layout_names_the_owner_and_orders_by_time() {
    let chat = detect("snapchat/old_layout_en.json", Format::Snapchat);
    assert_eq!(
        speakers_and_texts(&chat),
        [(Some("ryan.c"), "MEDIA"), (Some("ryan.c"), "did you get my snap?"), (Some("me"), "yes. please stop")]
    );
    assert_eq!(chat.messages[2].time.as_deref(), Some("2026-11-23T20:17:30Z"));
}

#[test]
fn snapchat_current_layout_fr_is_read_in_time_order() {
    let chat = detect("snapchat/current_fr.json", Format::Snapchat);
    assert_eq!(
        speakers_and_texts(&chat),
        [(Some("ines.b"), "t'es où ?"), (Some("lucas_2011"), "au parc, tu viens ?"), (Some("ines.b"), "j'arrive 🛹")]
    );
}

#[test]
fn pasted_whatsapp_web_lines_stay_plain_text() {
    let chat =
        parse("[21:14, 23/11/2026] Max: stuur een foto\n[21:15, 23/11/2026] Lina: nee".as_bytes(), None).unwrap();
    assert_eq!(chat.format, Format::Plain);
    assert_eq!(speakers_and_texts(&chat), [(Some("Max"), "stuur een foto"), (Some("Lina"), "nee")]);
}

// --- Hostile and odd files ------------------------------------------------------------------

#[test]
fn pasted_text_with_carriage_returns_alone_is_one_message_per_speaker_line() {
    let chat = detect("hostile/plain_cr.txt", Format::Plain);
    assert_eq!(chat.messages.len(), 9);
    assert_eq!(speakers_and_texts(&chat)[1], (Some("Lina"), "dankje! wie ben jij?"));
    // Plain text keeps its own line breaks inside a message: offsets point into the paste.
    assert_eq!(speakers_and_texts(&chat)[4], (Some("Max"), "cool.\rzeg niet tegen je ouders dat we praten, oké?"));
    let inline = parse(b"Alex: hi\rSam: hey\rAlex: how old are you?", None).unwrap();
    assert_eq!(speakers_and_texts(&inline), [(Some("Alex"), "hi"), (Some("Sam"), "hey"), (Some("Alex"), "how old are you?")]);
}

#[test]
fn half_an_emoji_in_discord_is_repaired_and_a_message_without_author_skipped() {
    let chat = detect("hostile/discord_cut_emoji.json", Format::Discord);
    assert_eq!(chat.messages.len(), 9);
    assert_eq!(chat.messages[6].text, "gewoon, ons geheimpje \u{fffd} stuur je een foto van jezelf?");
    assert!(chat.messages.iter().all(|m| m.text != "no one wrote this"));
    assert_eq!((chat.skipped, chat.repaired), (1, 1));
    let named = parse(&fixture("hostile/discord_cut_emoji.json"), Some(Format::Discord)).unwrap();
    assert_eq!((named.messages.len(), named.skipped, named.repaired), (9, 1, 1));
}

#[test]
fn fractional_instagram_times_are_repaired_and_a_message_without_a_time_skipped() {
    let chat = detect("hostile/instagram_fractional_times.json", Format::InstagramMessenger);
    let whole = detect("conversation/instagram.json", Format::InstagramMessenger);
    assert_eq!(chat.messages, whole.messages);
    assert_eq!((chat.skipped, chat.repaired), (1, 9));
    assert_eq!((whole.skipped, whole.repaired), (0, 0));
}

#[test]
fn an_export_whose_every_message_is_unreadable_is_damaged_not_empty() {
    let json = br#"{"guild":{},"channel":{},"messages":[{"timestamp":"2026-11-23T21:14:05+01:00","content":"hi","author":7}]}"#;
    let error = parse(json, None).unwrap_err();
    assert!(matches!(error, ParseError::Corrupt { format: Format::Discord, .. }), "{error:?}");
}

#[test]
fn a_zip_that_declares_more_than_the_limit_is_refused_before_unpacking() {
    let error = error_of("hostile/zip_declares_4_gb.zip");
    assert_eq!(error, ParseError::TooLarge { limit_mb: 200 });
    assert_eq!(error.to_string(), "this chat export is too big for redflag: it unpacks to more than 200 MB");
}

/// The issue's zip bomb: 200 KB that unpack to 201 MiB while the headers say 28 bytes. It
/// is refused while it is read, and reading it keeps no more than a piece of it in memory
/// (the messages are only made on a second reading, which the refusal never reaches).
#[test]
fn a_zip_bomb_that_lies_about_its_size_is_refused_by_what_it_unpacks_to() {
    let bomb = fixture("limits/zip_bomb.zip");
    assert!(bomb.len() < 300_000);
    assert_eq!(parse(&bomb, None), Err(ParseError::TooLarge { limit_mb: 200 }));
}

/// What the issue's 0.5 MB zip held: millions of one-word messages, each of which takes some
/// 170 bytes in memory. Refused by their count, which the first reading learns before any
/// message is made.
#[test]
fn a_whatsapp_chat_of_millions_of_tiny_messages_is_refused_by_their_count() {
    let text = "1/1/26, 1:00 - a: b\n".repeat(MAX_MESSAGES + 1);
    let error = parse(text.as_bytes(), None).unwrap_err();
    assert_eq!(error, ParseError::TooManyMessages { limit: MAX_MESSAGES });
    assert!(error.to_string().contains("more than 2,000,000"), "{error}");
}

// --- Broken and foreign files ------------------------------------------------------------

#[test]
fn truncated_json_names_the_app_and_the_place() {
    let error = error_of("broken/truncated_telegram.json");
    assert!(matches!(error, ParseError::Corrupt { format: Format::Telegram, .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.starts_with("this Telegram chat export is damaged: the file stops too early at line "),
        "{message}"
    );
    assert!(message.contains(", column "), "{message}");

    let error = error_of("broken/truncated_instagram.json");
    assert!(error.to_string().starts_with("this Instagram or Messenger chat export is damaged"), "{error}");
}

#[test]
fn damaged_json_is_never_read_as_plain_text() {
    let error = parse(b"{\"messages\": [{\"text\": \"hi\"", None).unwrap_err();
    assert!(matches!(error, ParseError::Damaged { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "this file is damaged: the file stops too early at line 1, column 27; maybe the download did not finish"
    );
}

#[test]
fn json_from_elsewhere_is_not_a_chat() {
    assert_eq!(
        error_of("broken/not_a_chat.json").to_string(),
        "this file is not a chat export redflag can read: it is a JSON file, but not a chat export from an app redflag knows"
    );
}

#[test]
fn latin1_text_says_which_line() {
    let error = error_of("broken/latin1_whatsapp.txt");
    assert_eq!(error, ParseError::NotUtf8 { line: 2 });
    assert!(error.to_string().contains("not saved as UTF-8 (line 2 has letters redflag cannot read)"), "{error}");
}

#[test]
fn empty_chats_say_so() {
    assert_eq!(error_of("broken/empty_whatsapp.txt").to_string(), "this chat has no messages");
    assert_eq!(error_of("broken/empty_telegram.json"), ParseError::Empty);
    assert_eq!(parse(b"", None), Err(ParseError::Empty));
}

#[test]
fn a_binary_file_renamed_txt_is_not_text() {
    for format in [None, Some(Format::WhatsApp), Some(Format::Plain), Some(Format::Telegram)] {
        let error = parse(&fixture("broken/binary.txt"), format).unwrap_err();
        assert_eq!(error.to_string(), "this file is not a chat export redflag can read (it is not text)", "{format:?}");
    }
}

#[test]
fn zips_without_a_chat_locked_or_cut_off_are_refused_clearly() {
    assert_eq!(
        error_of("broken/no_chat.zip").to_string(),
        "this file is not a chat export redflag can read: it is a zip file without a WhatsApp chat in it \
         (no _chat.txt or \"WhatsApp Chat\" .txt file)"
    );
    assert_eq!(error_of("broken/password.zip"), ParseError::Encrypted);
    assert!(error_of("broken/password.zip").to_string().contains("locked with a password"));
    let cut = error_of("broken/cut_off.zip").to_string();
    assert!(cut.starts_with("this file is damaged: the zip file is cut off"), "{cut}");
}

#[test]
fn a_named_json_format_on_another_app_s_file_says_what_is_missing() {
    let error = parse(&fixture("conversation/discord.json"), Some(Format::Telegram)).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("this Telegram chat export is damaged: the file does not have what a Telegram export has"),
        "{message}"
    );
}

// --- Robustness ----------------------------------------------------------------------

/// A small deterministic pseudo-random generator (xorshift64*), so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that steer random bytes into the parsers' deeper paths.
const SEEDS: &[&[u8]] = &[
    b"[23/11/2026, 21:14:05] ",
    b"23/11/26, 9:14\xe2\x80\xafPM - ",
    b"\xe2\x80\x8e",
    b": ",
    b"\n",
    b"{\"messages\":[",
    b"{\"guild\":{},\"channel\":{},\"messages\":[{\"timestamp\":\"2026-11-23T21:14:05+01:00\",\"author\":{\"name\":\"a\"}}]}",
    b"\"sender_name\":\"\\u00c3\",\"timestamp_ms\":-99999999999999999",
    b"\"Created\":\"2026-11-23 21:14:05 UTC\"",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x01\x02",
];

fn mutate(rng: &mut XorShift, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let at = at.min(bytes.len() - 1);
                bytes[at] = rng.next() as u8;
            }
            1 => bytes.truncate(at),
            2 => {
                let seed = SEEDS[rng.below(SEEDS.len())];
                bytes.splice(at..at, seed.iter().copied());
            }
            3 if at < bytes.len() => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => bytes.insert(at.min(bytes.len()), rng.next() as u8),
        }
    }
    bytes
}

fn all_fixtures() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chat");
    let mut files = Vec::new();
    for folder in std::fs::read_dir(&root).unwrap().flatten() {
        // Each reading of a file in limits/ unpacks hundreds of megabytes: fine once, too
        // slow to mutate thousands of times.
        if folder.path().is_dir() && folder.file_name() != "limits" {
            for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
                files.push(std::fs::read(file.path()).unwrap());
            }
        }
    }
    assert!(files.len() > 25);
    files
}

#[test]
fn no_input_makes_any_parser_panic() {
    let fixtures = all_fixtures();
    let formats: Vec<Option<Format>> = std::iter::once(None).chain(Format::ALL.iter().copied().map(Some)).collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let input = match round % 3 {
            0 => (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
            1 => {
                let seeds: Vec<u8> =
                    (0..rng.below(12)).flat_map(|_| SEEDS[rng.below(SEEDS.len())].iter().copied()).collect();
                mutate(&mut rng, &seeds)
            }
            _ => {
                let base = &fixtures[rng.below(fixtures.len())];
                mutate(&mut rng, base)
            }
        };
        for &format in &formats {
            // Returning at all is the test: Ok and Err are both fine, a panic fails it.
            let _ = parse(&input, format);
        }
    }
}

/// A WhatsApp export of about `target_bytes`, with multi-line messages, notices and media.
fn big_whatsapp_export(target_bytes: usize) -> (String, usize) {
    let mut text = String::with_capacity(target_bytes + 200);
    text.push_str("23/11/2026 21:10 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n");
    let mut messages = 0;
    while text.len() < target_bytes {
        let minute = messages % 60;
        let day = 1 + messages / 1440 % 28;
        let hour = messages / 60 % 24;
        let body = match messages % 5 {
            0 => "hoi, alles goed? 😊".to_string(),
            1 => "<Media weggelaten>".to_string(),
            2 => format!("bericht {messages}\ntweede regel\nderde regel"),
            3 => "zeg het tegen niemand: dit blijft tussen ons".to_string(),
            _ => "ok".to_string(),
        };
        let who = if messages % 2 == 0 { "Max" } else { "Lina" };
        text.push_str(&format!("{day:02}/11/2026 {hour:02}:{minute:02} - {who}: {body}\n"));
        messages += 1;
    }
    (text, messages)
}

#[test]
fn a_5_mb_whatsapp_export_parses_in_one_pass() {
    let (text, count) = big_whatsapp_export(5 * 1024 * 1024);
    let chat = parse(text.as_bytes(), None).unwrap();
    assert_eq!(chat.format, Format::WhatsApp);
    assert_eq!(chat.messages.len(), count);
    assert_eq!(chat.messages[2].text, "bericht 2\ntweede regel\nderde regel");
}
