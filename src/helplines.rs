//! The helpline directory (`data/helplines.toml`): who a young person can call or write to,
//! per country, each entry with the sources it was checked against.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::pack::{Lang, LineIndex};

const HELPLINES: &str = include_str!("../data/helplines.toml");
const HELPLINES_FILE: &str = "data/helplines.toml";

/// The code of the entry used for countries the directory does not list.
pub const FALLBACK: &str = "INT";

/// A service as shown to the young person, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Helpline {
    /// The service's name (`Child Focus`).
    pub name: String,
    /// `talk`, `report`, `remove` (images), `info` (a site to read) or `emergency`.
    pub kind: String,
    /// The page languages it is shown in (`nl`, `fr`, `en`); empty: all of them. Awel, which
    /// answers in Dutch, is not shown in French, where Écoute-Enfants is.
    pub langs: Vec<String>,
    /// The number as written for people (`116 000`).
    pub phone: Option<String>,
    /// The number as dialled, for a `tel:` link (`116000`).
    pub tel: Option<String>,
    /// Its website.
    pub web: Option<String>,
    /// Whether calling is free, where the source says.
    pub free: Option<bool>,
    /// When it answers (`24/7`).
    pub hours: Option<String>,
    /// The risk categories it is listed first for (`sextortion`, ...); empty: all.
    pub topics: Vec<String>,
    /// One sentence on what it does, in the language asked for.
    pub note: String,
    /// Where each fact was checked (an address or a seed document).
    pub sources: Vec<String>,
}

/// A country in the directory, named in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Country {
    /// ISO 3166 code (`BE`).
    pub code: String,
    /// Its name in the language asked for.
    pub name: String,
}

/// Why the helpline directory cannot be read. It is built in, so this means
/// `data/helplines.toml` was broken when redflag was built; the tests read it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelplineError {
    /// The file is not a valid directory.
    Invalid {
        /// The line of the problem, from 1.
        line: usize,
        /// What is wrong (the TOML reader's words).
        message: String,
    },
    /// It has no [`FALLBACK`] entry for the countries it does not list.
    NoFallback,
}

impl HelplineError {
    /// A stable code for the page to translate: `helplines_invalid` or `helplines_no_fallback`.
    pub fn code(&self) -> &'static str {
        match self {
            HelplineError::Invalid { .. } => "helplines_invalid",
            HelplineError::NoFallback => "helplines_no_fallback",
        }
    }
}

impl fmt::Display for HelplineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HelplineError::Invalid { line, message } => write!(f, "{HELPLINES_FILE}:{line}: {message}"),
            HelplineError::NoFallback => write!(f, "{HELPLINES_FILE} has no `{FALLBACK}` entry"),
        }
    }
}

impl std::error::Error for HelplineError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Directory {
    country: Vec<CountryEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    code: String,
    name: Texts,
    service: Vec<ServiceEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceEntry {
    name: String,
    kind: String,
    #[serde(default)]
    langs: Vec<String>,
    phone: Option<String>,
    tel: Option<String>,
    web: Option<String>,
    free: Option<bool>,
    hours: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    note: Texts,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    en: String,
    nl: String,
    fr: String,
}

impl Texts {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
            Lang::Fr => &self.fr,
        }
    }
}

fn directory() -> Result<Directory, HelplineError> {
    parse_directory(HELPLINES)
}

fn parse_directory(text: &str) -> Result<Directory, HelplineError> {
    toml::from_str(text).map_err(|e| {
        let line = LineIndex::new(text).line_of(e.span().map_or(0, |span| span.start));
        HelplineError::Invalid { line, message: e.message().to_string() }
    })
}

/// The countries of the directory, in its order (Belgium first), without the fallback.
pub fn countries(lang: Lang) -> Result<Vec<Country>, HelplineError> {
    Ok(directory()?
        .country
        .iter()
        .filter(|c| c.code != FALLBACK)
        .map(|c| Country { code: c.code.clone(), name: c.name.get(lang).to_string() })
        .collect())
}

/// The services for `country` (an ISO 3166 code such as `BE`) shown in `lang` (a service
/// without `langs` is shown in every language), notes in `lang`; the international fallback
/// for a country the directory does not list.
pub fn helplines(country: &str, lang: Lang) -> Result<Vec<Helpline>, HelplineError> {
    let directory = directory()?;
    let wanted = country.to_ascii_uppercase();
    let entry = directory
        .country
        .iter()
        .find(|c| c.code == wanted)
        .or_else(|| directory.country.iter().find(|c| c.code == FALLBACK))
        .ok_or(HelplineError::NoFallback)?;
    Ok(entry
        .service
        .iter()
        .filter(|s| s.langs.is_empty() || s.langs.iter().any(|l| l == lang.code()))
        .map(|s| Helpline {
            name: s.name.clone(),
            kind: s.kind.clone(),
            langs: s.langs.clone(),
            phone: s.phone.clone(),
            tel: s.tel.clone(),
            web: s.web.clone(),
            free: s.free,
            hours: s.hours.clone(),
            topics: s.topics.clone(),
            note: s.note.get(lang).to_string(),
            sources: s.sources.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgium_starts_with_child_focus_116_000() {
        let be = helplines("be", Lang::Nl).unwrap();
        assert_eq!(be[0].name, "Child Focus");
        assert_eq!(be[0].tel.as_deref(), Some("116000"));
        assert_eq!(be[0].free, Some(true));
        assert!(!be[0].note.is_empty());
    }

    #[test]
    fn every_service_has_a_source_and_a_known_kind() {
        let directory = directory().unwrap();
        for country in &directory.country {
            for s in &country.service {
                assert!(!s.sources.is_empty(), "{} in {} has no source", s.name, country.code);
                assert!(["talk", "report", "remove", "info", "emergency"].contains(&s.kind.as_str()), "{}: kind {}", s.name, s.kind);
                if let Some(tel) = &s.tel {
                    assert!(tel.bytes().all(|b| b.is_ascii_digit() || b == b'+'), "{}: tel {tel}", s.name);
                }
            }
        }
    }

    #[test]
    fn belgium_shows_awel_in_dutch_and_ecoute_enfants_in_french_and_both_in_english() {
        let names = |lang| helplines("BE", lang).unwrap().into_iter().map(|h| h.name).collect::<Vec<_>>();
        let (nl, fr, en) = (names(Lang::Nl), names(Lang::Fr), names(Lang::En));
        assert!(nl.contains(&"Awel".to_string()) && !nl.contains(&"Écoute-Enfants".to_string()), "{nl:?}");
        assert!(fr.contains(&"Écoute-Enfants".to_string()) && !fr.contains(&"Awel".to_string()), "{fr:?}");
        assert!(en.contains(&"Awel".to_string()) && en.contains(&"Écoute-Enfants".to_string()), "{en:?}");
        assert!([&nl, &fr, &en].iter().all(|list| list[0] == "Child Focus"), "a service without langs is shown in every language");
    }

    #[test]
    fn a_broken_directory_is_an_error_with_its_line() {
        let broken = HELPLINES.replacen("kind = \"talk\"", "kind = talk", 1);
        let line = broken[..broken.find("kind = talk").unwrap()].lines().count() + 1;
        let error = parse_directory(&broken).err().unwrap();
        assert_eq!(error.code(), "helplines_invalid");
        assert!(error.to_string().starts_with(&format!("data/helplines.toml:{line}: ")), "{error}");
    }

    #[test]
    fn unknown_countries_get_the_international_services() {
        let xx = helplines("ZZ", Lang::En).unwrap();
        assert!(xx.iter().any(|s| s.name.contains("Take It Down")));
        assert_eq!(countries(Lang::Fr).unwrap()[0], Country { code: "BE".into(), name: "Belgique".into() });
    }
}
