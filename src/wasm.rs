//! The browser binding, and nothing else: JavaScript values in, the same JSON the command
//! line prints out (as JavaScript objects), every error a JavaScript `Error` (a chat that
//! cannot be read also has a `code` and `args` a page translates).
//!
//! Messages come in field by field (`js_sys`), never as JSON text: stringifying a big chat
//! took most of a scan's time. Results go out as JSON text parsed once by `JSON.parse`, because
//! they must be byte-for-byte what the command line gives, and that adds nothing to the module.
//! The TypeScript types of every export and result are in [`TYPES`].

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::chat::{self, Chat, Format};
use crate::conversation::{most_active, speakers, Message, Speaker};
use crate::engine::{builtin_sources, Engine, ScanOptions};
use crate::eval::{evaluate_corpus, EvalOptions};
use crate::pack::{Lang, PackErrors, Source};
use crate::report::{Level, Report};

thread_local! {
    /// The engine, built on first use and rebuilt when packs are loaded or reset.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    /// Packs loaded with `loadPack`, on top of the built-in ones.
    static CUSTOM: RefCell<Vec<Source>> = const { RefCell::new(Vec::new()) };
    /// The message of the last panic, so the trap that follows can be explained.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
    }));
}

/// The message of the panic that stopped the module, if one did. After a panic the page
/// should load the module afresh.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the result could not be passed to JavaScript"))
}

fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsError> {
    let text: String = js_sys::JSON::stringify(value).map_err(|_| JsError::new(&format!("{what}: not plain data")))?.into();
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Like [`from_js`], for an argument JavaScript may leave out: `undefined` or `null` is `None`.
fn optional_from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<Option<T>, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        from_js(value, what).map(Some)
    }
}

/// Options as JavaScript passes them: `{ self, lang, uiLang, format }`, all optional; any
/// other key is an error that names it.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    #[serde(rename = "self")]
    self_speaker: Option<String>,
    lang: Option<String>,
    ui_lang: Option<String>,
    format: Option<String>,
}

impl JsOptions {
    fn read(value: &JsValue) -> Result<JsOptions, JsError> {
        Ok(optional_from_js(value, "the options")?.unwrap_or_default())
    }

    fn chat_format(&self) -> Result<Option<Format>, JsError> {
        match self.format.as_deref() {
            None | Some("auto") => Ok(None),
            Some(name) => Format::from_name(name)
                .map(Some)
                .ok_or_else(|| JsError::new(&format!("unknown chat format `{name}`"))),
        }
    }

    fn scan_options(&self) -> Result<ScanOptions, JsError> {
        let lang = match self.lang.as_deref() {
            None | Some("auto") => None,
            Some(code) => Some(lang_code(code)?),
        };
        let ui_lang = self.ui_lang.as_deref().map(lang_code).transpose()?.unwrap_or_default();
        Ok(ScanOptions { self_speaker: self.self_speaker.clone(), lang, ui_lang })
    }
}

fn lang_code(code: &str) -> Result<Lang, JsError> {
    Lang::from_code(code).ok_or_else(|| JsError::new(&format!("unknown language `{code}` (use en, nl or fr)")))
}

/// Reads a chat from a string or a `Uint8Array` (an export file's bytes), in the format
/// `options.format` names (none or `auto`: whichever it is). `function` names the caller in
/// the error for any other input.
fn read_chat(input: &JsValue, options: &JsOptions, function: &str) -> Result<Chat, JsValue> {
    let format = options.chat_format()?;
    // The input's copy in the module's memory lives only until the messages are read.
    let bytes = match input.as_string() {
        Some(text) => text.into_bytes(),
        None if input.is_instance_of::<js_sys::Uint8Array>() => js_sys::Uint8Array::new(input).to_vec(),
        None => return Err(JsError::new(&format!("{function} takes a string or a Uint8Array")).into()),
    };
    chat::parse(&bytes, format).map_err(|e| coded_error(&e.to_string(), e.code(), &e.args()))
}

/// A JavaScript `Error` with `message` (English), and `code` and `args` (an object of strings)
/// for a page that says it in its own language.
fn coded_error(message: &str, code: &str, args: &[(&str, String)]) -> JsValue {
    let error = js_sys::Error::new(message);
    let values = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail; the results say nothing.
    for (name, value) in args {
        let _ = js_sys::Reflect::set(&values, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("args"), &values);
    error.into()
}

/// Reads a chat from a string or a `Uint8Array` (an export file's bytes).
/// Returns `{ format, messages: [{speaker, text, time}], speakers: [{name, messages}], skipped, repaired }`.
#[wasm_bindgen(js_name = parseChat, unchecked_return_type = "ParsedChat")]
pub fn parse_chat(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let chat = read_chat(&input, &JsOptions::read(&options)?, "parseChat")?;
    #[derive(Serialize)]
    struct Parsed<'a> {
        format: &'static str,
        messages: &'a [Message],
        speakers: Vec<Speaker>,
        skipped: usize,
        repaired: usize,
    }
    to_js(&Parsed {
        format: chat.format.name(),
        messages: &chat.messages,
        speakers: speakers(&chat.messages),
        skipped: chat.skipped,
        repaired: chat.repaired,
    })
    .map_err(JsValue::from)
}

/// Reads a chat as `parseChat` does and scans it, in one step: the messages stay in the
/// module instead of crossing to JavaScript and back. Returns `{ report, messages: {
/// [index]: {speaker, text, time} }, speakers: [{name, messages}], format, skipped, repaired }`:
/// the report of `scan`, and of the chat only what a page shows with it, the messages the
/// report points at and the most active speakers.
#[wasm_bindgen(js_name = scanChat, unchecked_return_type = "ScannedChat")]
pub fn scan_chat(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = JsOptions::read(&options)?;
    let scan_options = options.scan_options()?;
    let chat = read_chat(&input, &options, "scanChat")?;
    with_engine(|engine| to_js(&ScannedChat::new(&chat, &engine.scan(&chat.messages, &scan_options)))).map_err(JsValue::from)
}

/// The most speakers `scanChat` names, for a page to ask which one is the young person: more
/// than a large group has, and few enough that a crafted file naming a million people does
/// not become a million choices.
const MAX_LISTED_SPEAKERS: usize = 256;

/// What `scanChat` returns.
#[derive(Serialize)]
struct ScannedChat<'a> {
    report: &'a Report,
    messages: BTreeMap<usize, FlaggedMessage<'a>>,
    speakers: Vec<Speaker>,
    format: &'static str,
    skipped: usize,
    repaired: usize,
}

/// A message the report points at; every field is there, `null` when unknown.
#[derive(Serialize)]
struct FlaggedMessage<'a> {
    speaker: Option<&'a str>,
    text: &'a str,
    time: Option<&'a str>,
}

impl<'a> ScannedChat<'a> {
    fn new(chat: &'a Chat, report: &'a Report) -> ScannedChat<'a> {
        let flagged = report.signals.iter().flat_map(|signal| &signal.matches).map(|found| found.message);
        let messages = flagged
            .filter_map(|index| {
                let message = chat.messages.get(index)?;
                let shown =
                    FlaggedMessage { speaker: message.speaker.as_deref(), text: &message.text, time: message.time.as_deref() };
                Some((index, shown))
            })
            .collect();
        ScannedChat {
            report,
            messages,
            speakers: most_active(speakers(&chat.messages), MAX_LISTED_SPEAKERS),
            format: chat.format.name(),
            skipped: chat.skipped,
            repaired: chat.repaired,
        }
    }
}

/// Scans pasted text (a string) or messages (`[{speaker, text, time}]`) and returns the
/// report described in `docs/report.md`.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn scan(
    #[wasm_bindgen(unchecked_param_type = "string | ChatMessage[]")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options = JsOptions::read(&options)?.scan_options()?;
    let messages = match input.as_string() {
        Some(text) => chat::parse_plain(&text),
        None => messages_from_js(&input)?,
    };
    with_engine(|engine| to_js(&engine.scan(&messages, &options)))
}

/// Reads `[{speaker, text, time}]` field by field; `speaker` and `time` may be left out or
/// `null`, other keys are ignored (as in `parseChat`'s messages, which may be passed back).
fn messages_from_js(input: &JsValue) -> Result<Vec<Message>, JsError> {
    if !js_sys::Array::is_array(input) {
        return Err(JsError::new("scan takes a string or an array of messages [{speaker, text, time}]"));
    }
    let (speaker_key, text_key, time_key) = (JsValue::from_str("speaker"), JsValue::from_str("text"), JsValue::from_str("time"));
    let array = js_sys::Array::from(input);
    let mut messages = Vec::with_capacity(array.length() as usize);
    for (index, item) in array.iter().enumerate() {
        if !item.is_object() {
            return Err(JsError::new(&format!("message {index} is not an object {{speaker, text, time}}")));
        }
        // Reading a property of an object only fails for a proxy that throws: an error then.
        let field = |key: &JsValue, name: &str| {
            js_sys::Reflect::get(&item, key).map_err(|_| JsError::new(&format!("message {index}: its {name} could not be read")))
        };
        let text = field(&text_key, "text")?.as_string().ok_or_else(|| JsError::new(&format!("message {index} has no text (a string)")))?;
        let speaker = optional_string(field(&speaker_key, "speaker")?, index, "speaker")?;
        let time = optional_string(field(&time_key, "time")?, index, "time")?;
        messages.push(Message { speaker, text, time });
    }
    Ok(messages)
}

fn optional_string(value: JsValue, index: usize, name: &str) -> Result<Option<String>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| JsError::new(&format!("message {index}: {name} is not a string")))
}

fn with_engine<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    ENGINE.with(|cell| {
        let mut engine = cell.borrow_mut();
        if engine.is_none() {
            *engine = Some(build_engine(&CUSTOM.with(|c| c.borrow().clone())).map_err(|e| JsError::new(&e.to_string()))?);
        }
        match engine.as_ref() {
            Some(engine) => f(engine),
            None => Err(JsError::new("the engine could not be built")),
        }
    })
}

fn build_engine(custom: &[Source]) -> Result<Engine, PackErrors> {
    let mut sources = builtin_sources();
    sources.extend_from_slice(custom);
    Engine::new(&sources)
}

/// One pack problem as JavaScript gets it.
#[derive(Serialize)]
struct Problem<'a> {
    file: &'a str,
    line: usize,
    field: &'a str,
    message: &'a str,
}

/// A JavaScript `Error` whose message lists the problems (`file:line: field: message`, one
/// per line) and whose `problems` holds them as `[{file, line, field, message}]`.
fn pack_error(errors: &PackErrors) -> JsValue {
    let error = js_sys::Error::new(&errors.to_string());
    let problems: Vec<Problem> = errors.0.iter().map(|e| Problem { file: &e.at.file, line: e.at.line, field: &e.field, message: &e.message }).collect();
    // A list of plain values always converts, and setting a property on a fresh Error cannot
    // fail; without them the message still says it all.
    if let Ok(list) = to_js(&problems) {
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("problems"), &list);
    }
    error.into()
}

/// Adds a pack file (TOML text) to the built-in packs. On an error nothing changes, and the
/// error names the file (`name`), line and field (see [`pack_error`]).
#[wasm_bindgen(js_name = loadPack)]
pub fn load_pack(text: String, name: Option<String>) -> Result<(), JsValue> {
    let mut custom = CUSTOM.with(|c| c.borrow().clone());
    custom.push(Source::new(name.unwrap_or_else(|| "custom pack".to_string()), text));
    let engine = build_engine(&custom).map_err(|e| pack_error(&e))?;
    CUSTOM.with(|c| *c.borrow_mut() = custom);
    ENGINE.with(|e| *e.borrow_mut() = Some(engine));
    Ok(())
}

/// Drops every pack added with `loadPack`.
#[wasm_bindgen(js_name = resetPacks)]
pub fn reset_packs() {
    CUSTOM.with(|c| c.borrow_mut().clear());
    ENGINE.with(|e| *e.borrow_mut() = None);
}

/// The TypeScript types of what the exports take and return (`docs/report.md` says what each
/// field means), added to the module's `.d.ts` so that no export is typed `any`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Level = "none" | "low" | "medium" | "high";
export type Lang = "en" | "nl" | "fr";
export type CategoryName = "grooming" | "sextortion" | "exploitation" | "exposure";

/** Options of `scan`, `scanChat` and `parseChat`; any other key is an error. */
export interface Options {
  self?: string | null;
  lang?: Lang | "auto" | null;
  uiLang?: Lang | null;
  format?: string | null;
}

export interface ChatMessage { speaker?: string | null; text: string; time?: string | null }
export interface ShownMessage { speaker: string | null; text: string; time: string | null }
export interface Speaker { name: string; messages: number }

export interface CategoryScore { level: Level; score: number }
export type Categories = Record<CategoryName, CategoryScore>;

export interface Episode { first: number; last: number; first_time?: string; last_time?: string }

export interface PersonReport {
  speaker: string | null;
  risk: Level;
  categories: Categories;
  episode: Episode | null;
  warning_at: number | null;
}

export interface MatchReport {
  message: number;
  speaker: string | null;
  time?: string;
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
  text: string;
  pattern: string;
  counted: boolean;
}

export interface SignalReport {
  id: string;
  category: CategoryName | "context" | "dampener";
  explanation: string;
  score: number;
  count: number;
  matches: MatchReport[];
}

/** The result of a scan, schema 2 (`docs/report.md`). */
export interface Report {
  schema: 2;
  risk: Level;
  kind: CategoryName | null;
  subtype: string | null;
  lang: Lang | null;
  messages: number;
  self: { speaker: string; guessed: boolean } | null;
  categories: Categories;
  people: PersonReport[];
  signals: SignalReport[];
}

export interface ParsedChat {
  format: string;
  messages: ShownMessage[];
  speakers: Speaker[];
  skipped: number;
  repaired: number;
}

export interface ScannedChat {
  report: Report;
  /** Only the messages the report points at, by index. */
  messages: Record<number, ShownMessage>;
  speakers: Speaker[];
  format: string;
  skipped: number;
  repaired: number;
}

export interface NamedText { name: string; text: string }

export interface Helpline {
  name: string;
  kind: "talk" | "report" | "remove" | "info" | "emergency";
  langs: Lang[];
  phone: string | null;
  tel: string | null;
  web: string | null;
  free: boolean | null;
  hours: string | null;
  topics: string[];
  note: string;
  sources: string[];
}

export interface Country { code: string; name: string }

/** A rate: `null` where it is undefined (nothing to divide by). */
export interface Share { value: number | null; percent: string | null }

export interface Confusion {
  tp: number; fp: number; fn_: number; tn: number;
  records: number; flagged: number;
  precision: Share; recall: Share; f1: Share; fp_rate: Share;
}

export interface Firing { positive: number; negative: number; precision: Share; recall: Share }

export interface Evaluation {
  threshold: Level;
  records: number;
  positives: number;
  overall: Confusion;
  categories: Record<string, Confusion>;
  labels: Record<string, Confusion>;
  sources: Record<string, Confusion>;
  langs: Record<string, Confusion>;
  signals: Record<string, Firing>;
  /** Keyed `signal id\tpattern`. */
  patterns: Record<string, Firing>;
  people: { offenders: number; named: number; share: Share };
  lines_to_warning: { positives: number; warned: number; share: Share; median: number | null; lines: Record<number, number> };
}

export interface EvalOptions { threshold?: "low" | "medium" | "high"; prefix?: number; recordLang?: boolean }

export interface CorpusEvaluation {
  evaluation: Evaluation;
  bad: { file: string; line: number; message: string }[];
  records: { file: string; line: number; id: unknown; label: string | null; positive: CategoryName | null; flagged: boolean; risk: Level; report: Report }[];
  definitions: Record<string, { file: string; line: number }>;
}
"#;

/// The pack files built into the module: `[{name, text}]`, for the pattern lab to edit.
#[wasm_bindgen(js_name = builtinPacks, unchecked_return_type = "NamedText[]")]
pub fn builtin_packs() -> Result<JsValue, JsError> {
    to_js(&builtin_sources().iter().map(|s| NamedText { name: s.name.clone(), text: s.text.clone() }).collect::<Vec<_>>())
}

/// A file as JavaScript passes it.
#[derive(serde::Serialize, serde::Deserialize)]
struct NamedText {
    name: String,
    text: String,
}

impl From<NamedText> for Source {
    fn from(file: NamedText) -> Source {
        Source::new(file.name, file.text)
    }
}

/// Evaluation options as JavaScript passes them: `{ threshold, prefix, recordLang }`, the
/// options of `redflag eval`.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsEvalOptions {
    threshold: Option<String>,
    prefix: Option<usize>,
    #[serde(default)]
    record_lang: bool,
}

/// Measures packs on labelled JSON Lines files, as `redflag eval` does: `corpus` and
/// `packs` are `[{name, text}]`; `packs` replaces the built-in packs (null: use them).
/// Returns `{ evaluation, bad, records, definitions }` (see `eval::CorpusEvaluation`); pack
/// problems throw an `Error` with `problems` (see [`pack_error`]).
#[wasm_bindgen(unchecked_return_type = "CorpusEvaluation")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "NamedText[]")] corpus: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NamedText[] | null | undefined")] packs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvalOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let corpus: Vec<NamedText> = from_js(&corpus, "the corpus files")?;
    let sources: Vec<Source> = match optional_from_js::<Vec<NamedText>>(&packs, "the pack files")? {
        None => builtin_sources(),
        Some(files) => files.into_iter().map(Source::from).collect()
    };
    let js_options: JsEvalOptions = optional_from_js(&options, "the options")?.unwrap_or_default();
    let threshold = match js_options.threshold.as_deref() {
        None => Level::Medium,
        Some(name) => Level::from_name(name).filter(|level| *level > Level::None).ok_or_else(|| JsError::new(&format!("unknown threshold `{name}` (use low, medium or high)")))?,
    };
    let options = EvalOptions { threshold, prefix: js_options.prefix, record_lang: js_options.record_lang };
    let engine = Engine::new(&sources).map_err(|e| pack_error(&e))?;
    let files: Vec<Source> = corpus.into_iter().map(Source::from).collect();
    Ok(to_js(&evaluate_corpus(&engine, &files, &options))?)
}

/// The helplines for a country (`BE`, …; the international ones for others), notes in `lang`.
#[wasm_bindgen(unchecked_return_type = "Helpline[]")]
pub fn helplines(country: &str, lang: &str) -> Result<JsValue, JsError> {
    let list = crate::helplines(country, lang_code(lang)?).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&list)
}

/// The countries the helpline directory covers, named in `lang`.
#[wasm_bindgen(unchecked_return_type = "Country[]")]
pub fn countries(lang: &str) -> Result<JsValue, JsError> {
    let list = crate::countries(lang_code(lang)?).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&list)
}
