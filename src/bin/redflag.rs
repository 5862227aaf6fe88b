//! `redflag`: the command line for researchers and benchmarks. `scan` reads a chat or a
//! JSON Lines corpus, `eval` measures packs on a labelled corpus, `lint` checks packs.
//! JSON Lines in, JSON Lines out, in constant memory, on every core.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use redflag::{builtin_sources, parse_chat, Chat, Engine, EvalOptions, Evaluation, Format, IdentifiedReport, Lang, Level, Record, ScanOptions, Severity, Source};

#[derive(Parser)]
#[command(name = "redflag", version, about = "Scans chat text for signs of online grooming and sextortion, on this computer.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a chat (plain text or an export) or, with --jsonl, a corpus of conversations.
    Scan {
        /// The speaker who is the young person: their own words do not raise the score.
        #[arg(long = "self", value_name = "NAME")]
        self_speaker: Option<String>,
        /// Which language's packs to use.
        #[arg(long, value_enum, default_value_t = LangChoice::Auto)]
        lang: LangChoice,
        /// The language of the explanations.
        #[arg(long, value_enum, default_value_t = UiLang::En)]
        ui_lang: UiLang,
        /// The chat format (detected when not given).
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// Read JSON Lines records {"id","lang"?,"self"?,"messages":[...]} and write one result per line.
        #[arg(long)]
        jsonl: bool,
        #[command(flatten)]
        packs: PackArgs,
        /// The file to read; `-` or nothing for standard input.
        file: Option<PathBuf>,
    },
    /// Measure the packs on labelled JSON Lines corpora.
    Eval {
        #[command(flatten)]
        packs: PackArgs,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
        /// A record counts as flagged from this level up.
        #[arg(long, value_enum, default_value_t = Threshold::Medium)]
        threshold: Threshold,
        /// Use only the first N messages of each conversation (early warning).
        #[arg(long, value_name = "N")]
        prefix: Option<usize>,
        /// Use only the packs of each record's `lang` (default: all packs, as the page does).
        #[arg(long)]
        record_lang: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check pack files; errors name the file, line and field.
    Lint {
        /// Pack files or folders (default: data/packs).
        paths: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct PackArgs {
    /// Pack files or folders to use instead of the built-in packs (repeatable).
    #[arg(long = "pack", value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangChoice {
    Auto,
    En,
    Nl,
    Fr,
}

#[derive(Clone, Copy, ValueEnum)]
enum UiLang {
    En,
    Nl,
    Fr,
}

#[derive(Clone, Copy, ValueEnum)]
enum Threshold {
    Low,
    Medium,
    High,
}

impl LangChoice {
    fn lang(self) -> Option<Lang> {
        match self {
            LangChoice::Auto => None,
            LangChoice::En => Some(Lang::En),
            LangChoice::Nl => Some(Lang::Nl),
            LangChoice::Fr => Some(Lang::Fr),
        }
    }
}

impl UiLang {
    fn lang(self) -> Lang {
        match self {
            UiLang::En => Lang::En,
            UiLang::Nl => Lang::Nl,
            UiLang::Fr => Lang::Fr,
        }
    }
}

impl Threshold {
    fn level(self) -> Level {
        match self {
            Threshold::Low => Level::Low,
            Threshold::Medium => Level::Medium,
            Threshold::High => Level::High,
        }
    }
}

/// A failure to report to the user: what went wrong, in one sentence.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan { self_speaker, lang, ui_lang, format, jsonl, packs, file } => {
            let options = ScanOptions { self_speaker, lang: lang.lang(), ui_lang: ui_lang.lang() };
            if jsonl {
                scan_jsonl(&packs, file.as_deref(), &options)
            } else {
                scan_chat(&packs, file.as_deref(), format.as_deref(), &options)
            }
        }
        Command::Eval { packs, json, threshold, prefix, record_lang, files } => {
            eval(&packs, &files, json, EvalOptions { threshold: threshold.level(), prefix, record_lang })
        }
        Command::Lint { paths } => lint(&paths),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("redflag: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The engine for the packs asked for: the built-in ones unless `--pack` is given.
fn engine(packs: &PackArgs) -> Result<Engine, Failure> {
    let sources = if packs.paths.is_empty() { builtin_sources() } else { read_packs(&packs.paths)? };
    Engine::new(&sources).map_err(|e| Failure(format!("the packs have errors:\n{e}")))
}

/// Every `.toml` file under `paths`, with its text (the engine puts them in order).
fn read_packs(paths: &[PathBuf]) -> Result<Vec<Source>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        collect_toml(path, &mut files)?;
    }
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).map_err(|e| Failure(format!("{}: {e}", f.display())))?;
            Ok(Source::new(f.display().to_string(), text))
        })
        .collect()
}

fn collect_toml(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    for entry in entries {
        let p = entry?.path();
        if p.is_dir() {
            collect_toml(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    Ok(())
}

/// The input: a file, or standard input for `-` or none.
fn open_input(file: Option<&Path>) -> Result<(Box<dyn Read + Send>, String, Option<u64>), Failure> {
    match file {
        None => Ok((Box::new(io::stdin()), "standard input".to_string(), None)),
        Some(p) if p == Path::new("-") => Ok((Box::new(io::stdin()), "standard input".to_string(), None)),
        Some(p) => {
            let f = File::open(p).map_err(|e| Failure(format!("{}: {e}", p.display())))?;
            let size = f.metadata().ok().map(|m| m.len());
            Ok((Box::new(f), p.display().to_string(), size))
        }
    }
}

fn scan_chat(packs: &PackArgs, file: Option<&Path>, format: Option<&str>, options: &ScanOptions) -> Result<ExitCode, Failure> {
    let format = match format {
        None => None,
        Some(name) => Some(Format::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            Failure(format!("unknown format `{name}` (known: {})", known.join(", ")))
        })?),
    };
    let engine = engine(packs)?;
    let (mut input, name, _) = open_input(file)?;
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| Failure(format!("{name}: {e}")))?;
    let chat = parse_chat(&bytes, format).map_err(|e| Failure(format!("{name}: {e}")))?;
    // The messages hold their own text: the file need not stay in memory for the scan.
    drop(bytes);
    if let Some(note) = flaws_note(&chat) {
        eprintln!("{name}: {note}");
    }
    let report = engine.scan(&chat.messages, options);
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &report)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// What reading the file left out or mended, when it did, so that nobody takes the report
/// for one of every message in the file.
fn flaws_note(chat: &Chat) -> Option<String> {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if chat.skipped > 0 {
        parts.push(format!("left out {} that could not be read", count(chat.skipped, "message")));
    }
    if chat.repaired > 0 {
        parts.push(format!("repaired {} (a broken character, or a time written as a fraction)", count(chat.repaired, "flaw")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Lines read and handled together: enough to keep every core busy, few enough to keep
/// memory flat.
const CHUNK_LINES: usize = 1024;

/// Reads JSON Lines records in chunks and hands each chunk, with line numbers, to `handle`.
/// Bad lines are reported on standard error with their line number and counted.
fn for_each_chunk(file: Option<&Path>, mut handle: impl FnMut(Vec<(usize, Record)>) -> Result<(), Failure>) -> Result<usize, Failure> {
    let (input, name, size) = open_input(file)?;
    let mut reader = BufReader::with_capacity(1 << 20, input);
    let mut progress = Progress::new(&name, size);
    let mut bad_lines = 0;
    let mut line_number = 0;
    let mut line = String::new();
    loop {
        let mut chunk = Vec::with_capacity(CHUNK_LINES);
        let mut done = false;
        while chunk.len() < CHUNK_LINES {
            line.clear();
            let read = reader.read_line(&mut line).map_err(|e| Failure(format!("{name}: line {}: {e}", line_number + 1)))?;
            if read == 0 {
                done = true;
                break;
            }
            line_number += 1;
            progress.advance(read as u64);
            match Record::from_line(&line) {
                None => {}
                Some(Ok(record)) => chunk.push((line_number, record)),
                Some(Err(e)) => {
                    eprintln!("redflag: {name}: line {line_number}: {e}");
                    bad_lines += 1;
                }
            }
        }
        handle(chunk)?;
        if done {
            break;
        }
    }
    progress.finish();
    Ok(bad_lines)
}

fn scan_jsonl(packs: &PackArgs, file: Option<&Path>, options: &ScanOptions) -> Result<ExitCode, Failure> {
    let engine = engine(packs)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let bad = for_each_chunk(file, |chunk| {
        let lines: Vec<String> = chunk
            .par_iter()
            .map(|(_, record)| {
                // The record's own `lang` and `self` apply unless the command line sets them.
                let mut record_options = record.options(false, options.ui_lang);
                record_options.lang = options.lang.or(record_options.lang);
                record_options.self_speaker = record_options.self_speaker.or_else(|| options.self_speaker.clone());
                let report = engine.scan(&record.messages, &record_options);
                serde_json::to_string(&IdentifiedReport { id: &record.id, report: &report })
            })
            .collect::<Result<_, _>>()?;
        for line in lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(exit_for(bad))
}

fn exit_for(bad_lines: usize) -> ExitCode {
    if bad_lines == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("redflag: {bad_lines} line(s) could not be read (see above)");
        ExitCode::FAILURE
    }
}

fn eval(packs: &PackArgs, files: &[PathBuf], json: bool, options: EvalOptions) -> Result<ExitCode, Failure> {
    let engine = engine(packs)?;
    let threshold = options.threshold;
    let mut total = Evaluation::new(threshold);
    let mut bad = 0;
    for file in files {
        bad += for_each_chunk(Some(file), |chunk| {
            let part = chunk
                .par_iter()
                .fold(
                    || Evaluation::new(threshold),
                    |mut evaluation, (_, record)| {
                        evaluation.add(record, &options.scan(&engine, record));
                        evaluation
                    },
                )
                .reduce(
                    || Evaluation::new(threshold),
                    |mut a, b| {
                        a.merge(&b);
                        a
                    },
                );
            total.merge(&part);
            Ok(())
        })?;
    }
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &total)?;
        writeln!(out)?;
    } else {
        write!(out, "{total}")?;
    }
    Ok(exit_for(bad))
}

fn lint(paths: &[PathBuf]) -> Result<ExitCode, Failure> {
    let default = [PathBuf::from("data/packs")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let sources = read_packs(paths)?;
    let engine = match Engine::new(&sources) {
        Ok(engine) => engine,
        Err(errors) => {
            for e in &errors.0 {
                println!("{e}");
            }
            eprintln!("redflag: {} problem(s) in the packs", errors.0.len());
            return Ok(ExitCode::FAILURE);
        }
    };
    let findings = redflag::lint(&engine);
    for finding in &findings {
        println!("{finding}");
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let packs = engine.packs();
    let summary = format!(
        "{} files, {} signals, {} phrases and patterns: {errors} error(s), {} warning(s)",
        sources.len(),
        packs.signal_count(),
        packs.rule_count(),
        findings.len() - errors
    );
    if errors == 0 {
        println!("{summary}");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("redflag: {summary}");
        Ok(ExitCode::FAILURE)
    }
}

/// A progress line on standard error, only when it is a terminal.
struct Progress {
    name: String,
    total: Option<u64>,
    done: u64,
    started: Instant,
    last_drawn: Option<Instant>,
    visible: bool,
}

impl Progress {
    fn new(name: &str, total: Option<u64>) -> Progress {
        Progress { name: name.to_string(), total, done: 0, started: Instant::now(), last_drawn: None, visible: io::stderr().is_terminal() }
    }

    fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        if !self.visible || self.last_drawn.is_some_and(|t| t.elapsed() < Duration::from_millis(200)) {
            return;
        }
        self.last_drawn = Some(Instant::now());
        let mb = self.done as f64 / 1e6;
        let rate = mb / self.started.elapsed().as_secs_f64().max(1e-3);
        let line = match self.total {
            Some(total) if total > 0 => {
                let share = self.done as f64 / total as f64;
                let bar = "#".repeat((share * 30.0) as usize);
                format!("{}: [{bar:<30}] {:>5.1}% {mb:.1} MB, {rate:.1} MB/s", self.name, share * 100.0)
            }
            _ => format!("{}: {mb:.1} MB, {rate:.1} MB/s", self.name),
        };
        eprint!("\r{line}\x1b[K");
    }

    fn finish(&self) {
        if self.visible && self.last_drawn.is_some() {
            eprintln!();
        }
    }
}
