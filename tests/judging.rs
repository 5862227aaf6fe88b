//! The judge, tried as a young person's chats would try it: each person on their own words,
//! evidence that adds up only when it is close, plainly worded threats in three languages, and
//! the young person's own words never counted against them.

use redflag::{Engine, Level, Message, Report, ScanOptions};

fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::builtin().expect("the built-in packs load"))
}

fn scan(messages: &[Message], young: Option<&str>) -> Report {
    engine().scan(messages, &ScanOptions { self_speaker: young.map(str::to_string), ..ScanOptions::default() })
}

fn chat(lines: &[(&str, &str)]) -> Vec<Message> {
    lines.iter().map(|&(speaker, text)| Message::new(speaker, text)).collect()
}

/// `x` says `first`, the young person `y` answers, then `x` says `then`.
fn said_then(first: &str, then: &str) -> Report {
    scan(&chat(&[("x", first), ("y", "ok"), ("x", then)]), Some("y"))
}

/// `x` says the first line, the young person `y` answers with the second, `x` says the third.
fn x_y_x(lines: [&str; 3]) -> Report {
    scan(&chat(&[("x", lines[0]), ("y", lines[1]), ("x", lines[2])]), Some("y"))
}

fn x_y_x_y_x(lines: [&str; 5]) -> Report {
    scan(&chat(&["x", "y", "x", "y", "x"].into_iter().zip(lines).collect::<Vec<_>>()), Some("y"))
}

fn at(speaker: &str, text: &str, time: &str) -> Message {
    Message { time: Some(time.to_string()), ..Message::new(speaker, text) }
}

#[test]
fn plainly_worded_threats_are_sextortion_in_all_three_languages() {
    for threat in [
        "i have your nudes. pay or they go to your family",
        "stuur 150€ of iedereen op je school ziet het",
        "envoie d'autres photos ou je balance tout",
        "100 euro tegen vrijdag of ik zet je naaktfoto in de klasgroep",
        "t'as jusqu'à ce soir, 200€ sinon tes nudes finissent chez tes parents",
        // A named group's chat, the Flemish "of gans" (or the whole), an either-or.
        "40 on paysafe by 9 or the football chat gets to see what u sent",
        "50€ op mijn rekening of gans de school ziet die foto",
        "soit tu m'envoies 50€ ce soir soit ta photo part sur le groupe du club",
    ] {
        let report = scan(&chat(&[("x", threat)]), None);
        assert!(report.categories.sextortion.level >= Level::Medium, "{threat}: {:?}", report.categories);
        assert_eq!(report.kind, Some("sextortion"), "{threat}");
    }
}

#[test]
fn disguised_letters_do_not_hide_a_threat() {
    // A Cyrillic і and о, leet digits, a zero-width space.
    for threat in ["і have your nudes. pay or they go to your fаmily", "i h4ve y0ur nud3s. p4y or they g0 to your family", "i have your nu\u{200b}des. pay or they go to your family"] {
        assert!(scan(&chat(&[("x", threat)]), None).categories.sextortion.level >= Level::Medium, "{threat}");
    }
}

#[test]
fn ordinary_teen_talk_stays_clear() {
    for line in ["delete that pic lol", "you owe me 10 euro for the cinema", "send me the pics from the party", "je me dois encore 5 balles", "ik stuur de foto's van het feest naar de groep", "how old is your brother", "see you in a bit, what year are you in at uni", "no one will know who i am with this mask, send me pictures of the party"] {
        assert!(scan(&chat(&[("friend", line)]), None).risk < Level::Medium, "{line}");
    }
}

#[test]
fn the_webcam_bluff_mail_is_its_own_subtype() {
    let mail = "Subject: your account is hacked\nI installed malware on your device and recorded you through your webcam while you were watching adult sites. Send $900 in Bitcoin to this wallet within 48 hours or the video goes to all your contacts.";
    let report = scan(&chat(&[("support", mail)]), None);
    assert!(report.risk >= Level::Medium, "{:?}", report.categories);
    assert_eq!((report.kind, report.subtype.as_deref()), (Some("sextortion"), Some("scam_mail")));
    let peer = scan(&chat(&[("x", "i have your nudes. pay or they go to your family")]), None);
    assert_eq!(peer.subtype, None, "a contact who has images is not the bluff");
}

#[test]
fn each_person_is_judged_on_their_own_messages_and_the_threatener_is_named() {
    let group = chat(&[
        ("dan", "who's coming to the park after school"),
        ("sophie", "me if it doesnt rain"),
        ("ryan", "ye im in"),
        ("matt", "ryan i have your nudes"),
        ("ryan", "what??"),
        ("matt", "50 euro by friday or everyone in here sees them"),
        ("sophie", "matt stop thats not funny"),
        ("dan", "bro delete that"),
    ]);
    let report = scan(&group, Some("ryan"));
    assert!(report.risk >= Level::Medium);
    assert_eq!(report.people[0].speaker.as_deref(), Some("matt"));
    assert_eq!(report.people[0].episode.as_ref().map(|e| (e.first, e.last)), Some((3, 5)));
    for friend in &report.people[1..] {
        assert!(friend.risk < Level::Medium, "{friend:?}");
    }
    assert!(!report.people.iter().any(|p| p.speaker.as_deref() == Some("ryan")), "the young person is not judged");
}

#[test]
fn the_young_persons_own_words_never_count_against_them() {
    let chat = chat(&[("sam", "i have your nudes. pay or they go to your family"), ("alex", "what? no")]);
    assert_eq!(scan(&chat, Some("sam")).risk, Level::None);
    // Without `self`, everyone is judged: then those words do count, for sam.
    assert_eq!(scan(&chat, None).people[0].speaker.as_deref(), Some("sam"));
}

#[test]
fn the_young_person_is_guessed_where_the_chat_makes_it_plain() {
    let chat = chat(&[("jay", "hey how old r u"), ("mia", "im 13"), ("jay", "cool. dont tell ur parents about me ok"), ("jay", "send me a pic of u in ur pjs")]);
    let report = scan(&chat, None);
    let young = report.young_person.expect("mia says she is 13");
    assert_eq!((young.speaker.as_str(), young.guessed), ("mia", true));
    assert_eq!(report.people.len(), 1);
    assert_eq!(report.people[0].speaker.as_deref(), Some("jay"));
}

#[test]
fn evidence_months_apart_does_not_add_up_but_close_together_it_does() {
    let lines = [("how old are you", "2026-01-10T20:00"), ("dont tell your parents about us, its our secret", "2026-03-15T20:00"), ("send me a pic of you in your pjs", "2026-06-20T20:00")];
    let apart: Vec<Message> = lines.iter().map(|&(text, time)| at("jay", text, time)).collect();
    let close: Vec<Message> = lines.iter().enumerate().map(|(i, &(text, _))| at("jay", text, &format!("2026-06-20T20:0{i}"))).collect();
    assert!(scan(&apart, Some("mia")).risk < Level::Medium, "months apart");
    assert!(scan(&close, Some("mia")).risk >= Level::Medium, "minutes apart");
}

#[test]
fn a_long_quiet_stretch_of_messages_keeps_evidence_apart() {
    let mut messages = vec![Message::new("jay", "how old are you"), Message::new("jay", "dont tell your parents about us, its our secret")];
    messages.extend((0..300).map(|i| Message::new(if i % 2 == 0 { "mia" } else { "jay" }, "haha ok lol")));
    messages.push(Message::new("jay", "send me a pic of you in your pjs"));
    assert!(scan(&messages, Some("mia")).risk < Level::Medium);
    let together: Vec<Message> = [0, 1, messages.len() - 1].iter().map(|&i| messages[i].clone()).collect();
    assert!(scan(&together, Some("mia")).risk >= Level::Medium);
}

#[test]
fn a_repeated_ordinary_phrase_saturates_instead_of_piling_up() {
    let messages: Vec<Message> = (0..2_000).map(|i| Message::new(if i % 2 == 0 { "a" } else { "b" }, "lol delete this pic before my mom sees it")).collect();
    assert!(scan(&messages, Some("a")).risk < Level::Medium);
}

#[test]
fn many_senders_saying_one_ordinary_thing_each_do_not_add_up() {
    let lines = ["on se voit ce soir ?", "t'es trop belle sur ta photo", "réponds avant 20h stp", "tu me dois 5 balles", "envoie la photo du groupe"];
    let messages: Vec<Message> = (0..300).map(|i| Message::new(format!("sender{i}"), lines[i % lines.len()])).collect();
    let report = scan(&messages, None);
    assert!(report.risk < Level::Medium, "{:?}", report.people.first());
}

#[test]
fn an_offender_inside_a_long_ordinary_chat_is_found_and_named() {
    let mut messages: Vec<Message> = (0..1_000).map(|i| Message::new(if i % 2 == 0 { "a" } else { "b" }, "did you finish the maths homework? see you tomorrow")).collect();
    for (k, line) in ["hey cutie, how old r u?", "ur so mature for ur age", "are ur parents home?", "dont tell anyone we talk ok, our secret", "send me a pic of u in ur pjs"].iter().enumerate() {
        messages.insert(900 + 10 * k, Message::new("jay_x", *line));
    }
    let report = scan(&messages, Some("a"));
    assert!(report.risk >= Level::Medium);
    assert_eq!(report.people[0].speaker.as_deref(), Some("jay_x"));
    let friend = report.people.iter().find(|p| p.speaker.as_deref() == Some("b")).expect("b is judged");
    assert!(friend.risk < Level::Medium);
}

#[test]
fn exploitation_and_exposure_are_seen_in_dutch_and_french() {
    for (line, category) in [
        ("ge zijt mij nog iets schuldig, ge kunt het terugbetalen door lief te zijn voor mijn vrienden", "exploitation"),
        ("tu me dois, tu vas rembourser en étant gentille avec mes potes", "exploitation"),
        ("ik heb je naaktfoto in de klasgroep gezet", "exposure"),
        ("j'ai mis ta photo nue dans le groupe de la classe", "exposure"),
        ("i put your nude in the class group", "exposure"),
    ] {
        let report = scan(&chat(&[("x", line)]), None);
        assert!(report.categories.get(category).is_some_and(|c| c.level >= Level::Medium), "{line}: {:?}", report.categories);
    }
}

#[test]
fn veiled_threats_and_debts_paid_in_favours_are_seen() {
    for (lines, category) in [
        (vec![("x", "remember the pic you sent me"), ("x", "would be a shame if your mum saw it")], "sextortion"),
        (vec![("x", "weet ge nog die foto"), ("x", "zou jammer zijn als uw klas dat ziet")], "sextortion"),
        (vec![("x", "ce serait dommage que tes parents voient ta photo")], "sextortion"),
        (vec![("x", "that bag wasnt free, you owe me"), ("x", "be nice to my cousin tonight and we are even")], "exploitation"),
        (vec![("x", "die schoenen waren niet gratis he"), ("x", "ge moet lief zijn voor hem en dan staan we quitte")], "exploitation"),
    ] {
        let report = scan(&chat(&lines), Some("me"));
        assert!(report.categories.get(category).is_some_and(|c| c.level >= Level::Medium), "{lines:?}: {:?}", report.categories);
    }
}

#[test]
fn a_shared_photo_is_exposure_when_the_young_person_begs_not_when_they_laugh() {
    let shown = |reply: &str| scan(&chat(&[("x", "everyone has seen that video of you now"), ("me", reply)]), Some("me")).categories.exposure.level;
    assert!(shown("delete it lol") < Level::Medium);
    assert!(shown("please delete it, it was only for you") >= Level::Medium);
}

#[test]
fn an_adult_who_talks_about_the_age_gap_and_sex_is_grooming_in_all_three_languages() {
    for lines in [
        ["im a lot older, hope that doesnt bother u", "have you ever touched a boys dick"],
        ["ik ben een stuk ouder, is dat oké voor u?", "hebt ge ooit al seks gehad"],
        ["je suis beaucoup plus vieux, ça te dérange pas ?", "t'as déjà touché une bite ?"],
    ] {
        let report = scan(&chat(&[("x", lines[0]), ("x", lines[1])]), None);
        assert!(report.categories.grooming.level >= Level::Medium, "{lines:?}: {:?}", report.categories);
    }
    let friends = scan(&chat(&[("x", "my brother is a lot older, is that ok for the trip?"), ("x", "did you see the sex ed video lol")]), None);
    assert!(friends.risk < Level::Medium, "{:?}", friends.categories);
}

/// The share of `file`'s hand-written cases judged right: a positive reaches `medium` in its
/// own category with its offender named first, a benign case stays below `medium`.
fn judged_right(file: &str) -> f64 {
    let text = std::fs::read_to_string(format!("{}/tests/cases/{file}", env!("CARGO_MANIFEST_DIR"))).expect("the case file is there");
    let records: Vec<redflag::Record> = text.lines().filter(|l| !l.trim().is_empty()).map(|l| redflag::Record::parse(l).expect("a valid case")).collect();
    let right = records
        .iter()
        .filter(|record| {
            let report = engine().scan(&record.messages, &record.options(true, redflag::Lang::En));
            match record.positive_category() {
                None => report.risk < Level::Medium,
                Some(category) => {
                    let reached = report.categories.get(category.name()).is_some_and(|c| c.level >= Level::Medium);
                    reached && report.people.first().and_then(|p| p.speaker.as_ref()) == record.offender.as_ref()
                }
            }
        })
        .count();
    right as f64 / records.len() as f64
}

/// A floor under the hand-written cases, so a change that loses ground shows. The frozen part
/// is measured here, never tuned on; docs/evaluation.md has the figures per sub-type. The dev
/// floor leaves room for the newest dev cases (`*-7NN` to `*-18NN`, partly tuned for: 739 of
/// 846 right after the last were added).
#[test]
fn the_hand_written_cases_do_not_lose_ground() {
    let (dev, frozen) = (judged_right("dev.jsonl"), judged_right("frozen.jsonl"));
    assert!(dev >= 0.87, "dev cases judged right: {dev:.3}");
    assert!(frozen >= 0.86, "frozen cases judged right: {frozen:.3}");
}

#[test]
fn a_threat_after_grooming_decides_the_advice() {
    let mut lines = vec![
        ("marc", "salut t'as quel âge ?"),
        ("lea", "14"),
        ("marc", "t'es trop mature pour ton âge, dis rien à tes parents ok, c'est notre secret"),
        ("marc", "envoie moi une photo de toi en pyjama"),
        ("marc", "ajoute moi sur snap"),
    ];
    lines.extend([("lea", "non j'ai pas envie"), ("marc", "si tu bloques j'envoie tes photos à tous tes amis, 100€ avant ce soir")]);
    let report = scan(&chat(&lines), Some("lea"));
    assert!(report.categories.grooming.level >= Level::Medium);
    assert!(report.categories.sextortion.level >= Level::Medium, "{:?}", report.categories);
    assert_eq!(report.kind, Some("sextortion"), "the young person must hear 'don't pay' first");
}

#[test]
fn a_scam_mail_pasted_line_by_line_is_still_the_bluff() {
    let lines = ["Hello, I hacked your device months ago.", "I recorded you through your webcam while you were watching adult sites.", "Send 900 USD in Bitcoin to this wallet within 48 hours.", "Otherwise the video goes to all your contacts."];
    let messages: Vec<Message> = lines.iter().map(|text| Message { speaker: None, text: text.to_string(), time: None }).collect();
    let report = scan(&messages, None);
    assert_eq!((report.kind, report.subtype.as_deref()), (Some("sextortion"), Some("scam_mail")));
}

fn signal_ids(report: &Report) -> Vec<&str> {
    report.signals.iter().map(|signal| signal.id.as_str()).collect()
}

/// Asserts that `report` (of the chat `lines`) has `signal` and reaches medium in `category`.
fn assert_raised(report: &Report, lines: &[&str], signal: &str, category: &str) {
    assert!(signal_ids(report).contains(&signal), "{lines:?}: {:?}", signal_ids(report));
    assert!(report.categories.get(category).is_some_and(|c| c.level >= Level::Medium), "{lines:?}: {:?}", report.categories);
}

#[test]
fn a_question_about_the_young_persons_body_is_sexual_talk_in_every_language() {
    for question in ["how big is ur dick", "hoe groot is uw piemel", "elle est grosse comment ta bite"] {
        assert!(signal_ids(&scan(&chat(&[("x", question)]), None)).contains(&"grooming.sexual_talk"), "{question}");
    }
    assert!(signal_ids(&scan(&chat(&[("x", "how long is the dick joke video lol")]), None)).is_empty());
}

#[test]
fn dropped_gs_and_digits_for_words_are_chat_spellings() {
    for (line, signal) in [("u interested in hookin up?", "grooming.sexual_talk"), ("when can u get here", "grooming.meet_request"), ("why ur not in school", "grooming.age_probe")] {
        assert!(signal_ids(&scan(&chat(&[("x", line)]), None)).contains(&signal), "{line}");
    }
}

#[test]
fn explicit_words_about_the_young_person_are_sexual_talk_but_insults_are_not() {
    for line in ["he lick you too?", "want a guy inside you?", "wil ge klaarkomen in u", "tu veux jouir en toi"] {
        assert!(signal_ids(&scan(&chat(&[("x", line)]), None)).contains(&"grooming.sexual_talk"), "{line}");
    }
    for line in ["lol you suck at this game", "dont be a dick to your sister", "you got wet in the rain"] {
        assert!(!signal_ids(&scan(&chat(&[("x", line)]), None)).contains(&"grooming.sexual_talk"), "{line}");
    }
}

#[test]
fn a_photo_shown_after_look_what_she_sent_me_and_blamed_on_her_is_exposure() {
    for lines in [
        ["lads look what maya sent me", "[photo]", "shouldnt have sent it then"],
        ["kijk wa lotte mij gestuurd heeft", "[foto]", "had ge maar nie moeten sturen"],
        ["regardez ce que léa m'a envoyé", "[photo]", "fallait pas me l'envoyer"],
    ] {
        let report = scan(&chat(&[("x", lines[0]), ("x", lines[1]), ("me", "delete it"), ("x", lines[2])]), Some("me"));
        assert!(report.categories.exposure.level >= Level::Medium, "{lines:?}: {:?}", report.categories);
    }
    let cake = scan(&chat(&[("x", "look what i baked"), ("x", "[photo]"), ("me", "omg yum")]), Some("me"));
    assert!(cake.risk < Level::Medium, "{:?}", cake.categories);
}

#[test]
fn an_alibi_for_the_parents_is_secrecy_in_every_language() {
    for line in ["tell ur mum ur at Ellie's", "zeg tegen uw ma da ge bij een vriendin slaapt", "tu dis à tes darons que tu dors chez Yasmine"] {
        assert!(signal_ids(&scan(&chat(&[("x", line)]), None)).contains(&"grooming.secrecy"), "{line}");
    }
}

#[test]
fn french_a_meaning_to_is_not_someone_having_the_photo() {
    let line = "et tu dis à tes parents que tu dors chez Yasmine. efface le snap après stp";
    assert!(!signal_ids(&scan(&chat(&[("x", line)]), None)).contains(&"exposure.image_shared"), "{line}");
    assert!(signal_ids(&scan(&chat(&[("x", "toute ta classe a ta photo")]), None)).contains(&"exposure.image_shared"));
}

#[test]
fn a_rule_sees_what_the_person_said_before_a_long_stretch_of_text() {
    // 90 messages of 3 KB between the two lines: the engine matches text in batches of 256 KB,
    // and what was said in an earlier batch must still count.
    let judged = |filler: &str| {
        let mut lines = vec![("x", "i still have everything you sent me")];
        lines.extend(std::iter::repeat_n(("y", filler), 90));
        lines.push(("x", "100 euro by tomorrow 8pm"));
        scan(&chat(&lines), Some("y"))
    };
    let long = judged(&"lol ok see you at practice tomorrow ".repeat(85));
    assert!(long.categories.sextortion.level >= Level::Medium, "{:?}", long.categories);
    assert_eq!(long.categories, judged("lol ok").categories);
}

#[test]
fn a_price_after_the_images_were_named_is_a_demand_without_an_or() {
    for lines in [
        ["i still have everything you sent me", "50 quid by tmrw lunch n it stays in my camera roll"],
        ["ik heb nog alles wa ge mij gestuurd hebt", "100 euro via payconiq tegen vrijdag en ik vergeet da het bestaat"],
        ["j'ai encore tout ce que tu m'as envoyé", "50€ sur paypal avant demain et j'efface tout"],
    ] {
        let report = said_then(lines[0], lines[1]);
        assert!(report.categories.sextortion.level >= Level::Medium, "{lines:?}: {:?}", signal_ids(&report));
    }
}

#[test]
fn an_or_between_two_things_is_no_condition() {
    for text in [
        "send the video of the game to the group chat or post it on ur story today",
        "als die ooit begint over facetimen of fotos: blokkeren en het zeggen tegen iemand van je klas",
        "si quelqu'un te demande un facetime ou des photos tu bloques et tu le dis à ta classe",
    ] {
        let report = scan(&chat(&[("x", text)]), None);
        assert!(report.categories.sextortion.level < Level::Medium, "{text}: {:?}", signal_ids(&report));
    }
    for threat in ["send more pics or the video goes to your school", "stuur er meer of de video staat in de klasgroep", "envoie plus de photos ou la vidéo part dans le groupe de ta classe"] {
        let report = scan(&chat(&[("x", threat)]), None);
        assert!(report.categories.sextortion.level >= Level::Medium, "{threat}: {:?}", signal_ids(&report));
    }
}

#[test]
fn after_a_demand_for_money_a_condition_and_where_it_goes_is_a_threat() {
    for lines in [
        ["80 in bitcoin by friday", "otherwise monday its in the year 10 group chat"],
        ["80 euro in bitcoin tegen vrijdag", "anders staat hij maandag in de groep van het vierde"],
        ["80€ en bitcoin avant vendredi", "sinon lundi c'est dans le groupe des 4e"],
    ] {
        let report = said_then(lines[0], lines[1]);
        assert!(report.categories.sextortion.level >= Level::Medium, "{lines:?}: {:?}", signal_ids(&report));
    }
}

#[test]
fn a_debt_kept_from_the_parents_is_exploitation() {
    for lines in [
        ["you have a debt with me now. 300", "and dont tell your parents about this"],
        ["gij zijt mij 400 schuldig. ge gaat da afwerken", "en zeg niks tegen uw ouders"],
        ["t'as une dette de 300 balles maintenant", "tu dis rien à tes parents"],
    ] {
        let report = said_then(lines[0], lines[1]);
        assert!(report.categories.exploitation.level >= Level::Medium, "{lines:?}: {:?}", signal_ids(&report));
    }
    let friends = scan(&chat(&[("x", "you still owe me 10 for the cinema btw"), ("y", "ya tmrw"), ("x", "and dont tell mum we went")]), Some("y"));
    assert!(friends.risk < Level::Medium, "{:?}", signal_ids(&friends));
}

#[test]
fn a_debt_told_to_a_minor_is_exploitation() {
    for lines in [
        ["you have a debt with me now. 300", "im 14, i dont have that"],
        ["gij zijt mij 400 schuldig", "ik ben 14, kheb da ni"],
        ["t'as une dette de 300 balles maintenant", "j'ai 14 ans, j'ai pas ça"],
    ] {
        let report = scan(&chat(&[("x", lines[0]), ("y", lines[1])]), Some("y"));
        assert!(report.categories.exploitation.level >= Level::Medium, "{lines:?}: {:?}", signal_ids(&report));
    }
    let sister = scan(&chat(&[("x", "you still owe me 10 for the cinema btw"), ("y", "im 14 i have no money lol")]), Some("y"));
    assert!(sister.risk < Level::Medium, "{:?}", signal_ids(&sister));
}

#[test]
fn too_late_to_a_young_person_who_begs_is_rubbing_it_in() {
    for lines in [
        ["i put your pic in the class group", "please take it down", "too late, everyone has screenshots"],
        ["ik heb uw foto in de klasgroep gezet", "doe hem weg alsjeblieft", "te laat, iedereen heeft screenshots"],
        ["j'ai mis ta photo dans le groupe de la classe", "supprime la stp", "trop tard, tout le monde a des captures"],
    ] {
        let report = x_y_x(lines);
        assert_raised(&report, &lines, "exposure.mocking", "exposure");
    }
}

#[test]
fn someone_in_the_young_persons_account_has_the_images() {
    for lines in [
        ["im in your snapchat. i opened my eyes only", "pay 250 by sunday or the private folder goes on your story"],
        ["ik zit in uw icloud, ik heb alles gezien", "250 euro tegen zondag of alles staat op uw story"],
        ["j'ai accès à ton drive et à ta galerie", "150€ avant minuit sinon tout part chez ta mère"],
    ] {
        let report = said_then(lines[0], lines[1]);
        assert_raised(&report, &lines, "sextortion.has_images", "sextortion");
    }
    let friend = said_then("ik heb uw gsm nummer van lisa gekregen", "kom je zaterdag naar de fuif?");
    assert!(!signal_ids(&friend).contains(&"sextortion.has_images"), "{:?}", signal_ids(&friend));
}

#[test]
fn a_no_answered_with_where_the_images_will_go_is_a_threat() {
    for lines in [
        ["send me a couple of new ones tonight", "no way", "fine. then the old ones go in the class group tomorrow"],
        ["stuur er vanavond een paar nieuwe", "nee echt niet", "oke dan staan die oude in de klasgroep"],
        ["envoie m'en une nouvelle ce soir", "hors de question", "ok alors demain elle est dans le groupe de la classe"],
    ] {
        let report = x_y_x(lines);
        assert_raised(&report, &lines, "sextortion.threat_share", "sextortion");
    }
    // The same words from a friend who asked for nothing.
    let friend = x_y_x(["are you coming saturday", "no way", "ok then the class group will be boring"]);
    assert!(!signal_ids(&friend).contains(&"sextortion.threat_share"), "{:?}", signal_ids(&friend));
}

#[test]
fn after_a_demand_for_an_image_named_a_condition_and_sending_is_a_threat_without_saying_to_whom() {
    for lines in [
        ["80 euro on payconiq by tomorrow noon for the video you sent me in september", "you said you deleted it", "80 or i send it. no third message"],
        ["80 euro via payconiq tegen morgenmiddag voor die video die ge mij in september stuurde", "ge zei da ge het gewist had", "80 of ik stuur het door. geen derde bericht"],
        ["80 balles sur payconiq avant demain midi pour la video que tu m'as envoyée en septembre", "t'avais dit que t'avais tout effacé", "80 ou je l'envoie. y aura pas de 3e message"],
    ] {
        let report = x_y_x(lines);
        assert!(report.categories.sextortion.level >= Level::Medium, "{lines:?}: {:?}", signal_ids(&report));
    }
    // A bill: a demand, a condition and "goes to", but no image.
    let bill = scan(&chat(&[("+32 460", "LAATSTE HERINNERING: uw factuur is niet betaald. Betaal vandaag 24,50 euro of uw dossier gaat naar de deurwaarder")]), None);
    assert!(bill.risk < Level::Medium, "{:?}", signal_ids(&bill));
}

#[test]
fn views_and_sharing_said_to_a_young_person_who_begs_are_the_sharers_words() {
    for lines in [
        ["check my story", "please take it down, that was private", "why? it's got 400 views already"],
        ["kijk eens op mijn story", "haal het weg alsjeblieft, da was privé", "waarom? al 300 views haha"],
        ["regarde ma story", "supprime la stp c'était privé", "pourquoi? y a deja 500 vues mdr"],
        ["did u like my airdrop", "i sent that to u only, u promised", "i airdropped it to the whole bus lol"],
    ] {
        let report = x_y_x(lines);
        assert!(report.categories.exposure.level >= Level::Medium, "{lines:?}: {:?}", signal_ids(&report));
        assert_eq!(report.people[0].speaker.as_deref(), Some("x"), "{lines:?}");
    }
    // A bystander who says they saved it is not the one who showed it.
    let group = scan(&chat(&[("x", "kijk wa ze mij gestuurd heeft"), ("x", "[foto]"), ("y", "da was privé, verwijder da"), ("z", "kheb hem al opgeslagen lol")]), Some("y"));
    assert_eq!(group.people[0].speaker.as_deref(), Some("x"), "{:?}", group.people);
}

#[test]
fn advice_about_what_to_do_if_someone_threatens_stays_clear() {
    for line in [
        "if someone ever threatens to post your pics unless you pay, don't pay and tell someone",
        "als iemand ooit dreigt om uw foto's te delen als ge ni betaalt, betaal niks en zeg het aan iemand",
        "si quelqu'un te menace de partager des photos ou des vidéos de toi si tu paies pas, tu paies rien",
    ] {
        let report = scan(&chat(&[("friend", line), ("y", "ok merci")]), Some("y"));
        assert!(report.risk < Level::Medium, "{line}: {:?}", signal_ids(&report));
    }
}

#[test]
fn a_friend_who_breaks_the_news_and_points_to_help_is_not_named_instead_of_the_sharer() {
    for lines in [
        ["your pic is on their story, the one you sent noah. im so sorry", "NO. noah take it down please", "lol it's got 300 views already", "ive reported it, ur not in trouble. we'll call child focus tomorrow"],
        ["uw foto staat op hun story, die ge naar noah stuurde. sorry", "NOAH haal het weg alsjeblieft", "haha al 300 views", "kheb het gerapporteerd, we kunnen child focus bellen"],
        ["ta photo est sur leur story, celle que t'as envoyée à noah. dsl", "NOAH supprime la stp", "mdr y a deja 300 vues", "j'ai signalé le compte, on appelle child focus demain"],
    ] {
        let report = scan(&chat(&[("friend", lines[0]), ("y", lines[1]), ("noah", lines[2]), ("friend", lines[3])]), Some("y"));
        assert_eq!(report.people[0].speaker.as_deref(), Some("noah"), "{lines:?}: {:?}", report.people);
        assert!(report.people.iter().any(|p| p.speaker.as_deref() == Some("friend") && p.risk < Level::Medium), "{lines:?}: {:?}", report.people);
    }
}

#[test]
fn the_answer_to_and_if_i_dont_is_the_threat() {
    for lines in [
        ["one call tonight, cam on, and i delete it", "and if i dont", "then your bf and the whole server see it"],
        ["één videocall vanavond en ik wis het", "en als ik nee zeg", "dan ziet heel de klasgroep het morgen"],
        ["un appel vidéo ce soir et je supprime", "et si je dis non", "alors tout le serveur la voit demain"],
    ] {
        assert_raised(&x_y_x(lines), &lines, "sextortion.threat_share", "sextortion");
    }
    let party = x_y_x(["r u coming to the party sat", "and if i dont", "then u miss the best night of the year lol"]);
    assert!(!signal_ids(&party).contains(&"sextortion.threat_share"), "{:?}", signal_ids(&party));
}

#[test]
fn a_second_person_who_says_where_it_goes_after_the_gift_card_demand_is_threatening() {
    for lines in [
        ["we each want a 50 steam card, thats all", "what", "or else its in the class group tomorrow"],
        ["wij willen elk ne steam kaart van 50", "wa", "en anders staat da morgen in de klasgroep"],
        ["on veut chacun une carte steam de 50", "quoi", "sinon demain elle est dans le groupe de la classe"],
    ] {
        let report = scan(&chat(&[("x", lines[0]), ("y", lines[1]), ("z", lines[2])]), Some("y"));
        assert!(report.people.iter().any(|p| p.speaker.as_deref() == Some("z") && p.risk >= Level::Medium), "{lines:?}: {:?}", report.people);
    }
}

#[test]
fn the_young_persons_image_held_with_a_way_to_pay_is_possession() {
    for line in [
        "got ur vid from the other nite and a screenshot of ur friends list. 150 in btc by 10pm",
        "kheb uw video van vorige week en een screenshot van uw vriendenlijst. 150 euro in bitcoin tegen 22u",
        "jai ta video de l'autre soir et ta liste d'amis. 150€ en bitcoin avant 22h",
    ] {
        let report = scan(&chat(&[("x", line)]), None);
        assert!(signal_ids(&report).contains(&"sextortion.has_images"), "{line}: {:?}", signal_ids(&report));
    }
}

#[test]
fn an_image_the_young_person_says_they_sent_only_to_the_sharer_is_exposure() {
    // The same views and the same "take it down": what tells them apart is the young person
    // saying the image was one they sent to this person, not a photo someone took of them.
    for (private, ordinary) in [
        (["lol its on my story, 40 views already", "the pic i sent you?? take it down", "nah"], ["lol its on my story, 40 views already", "the pic of me asleep?? take it down", "nah"]),
        (["haha staat op mijn story, al 40 views", "die ik naar u gestuurd heb?? haal da weg", "nee"], ["haha staat op mijn story, al 40 views", "die van mij slapend op de bus?? haal da weg", "nee"]),
        (["mdr c'est sur ma story, déjà 40 vues", "celle que je t'avais envoyée?? supprime la", "non"], ["mdr c'est sur ma story, déjà 40 vues", "celle où je dors dans le bus?? supprime la", "non"]),
    ] {
        assert_exposure_by_x(&x_y_x(private), &x_y_x(ordinary), &format!("{private:?}"));
    }
}

/// `worrying` names `x`, with exposure at `medium` or above; `ordinary`, the same words but
/// for one thing, stays below it.
fn assert_exposure_by_x(worrying: &Report, ordinary: &Report, what: &str) {
    assert!(worrying.categories.exposure.level >= Level::Medium, "{what}: {:?}", worrying.categories);
    assert_eq!(worrying.people[0].speaker.as_deref(), Some("x"), "{what}");
    assert!(ordinary.categories.exposure.level < Level::Medium, "{what}, the ordinary one: {:?}", ordinary.categories);
}

#[test]
fn what_the_sharer_says_counts_when_the_young_person_begs_just_after() {
    // The plea comes after the sharer's words: it tells what the views or the passing on were
    // of. The same words answered with a laugh are about an ordinary photo.
    for (sharer, plea, laugh) in [
        ("lol like 40 ppl saw it already", "please delete it, i trusted you", "lmao delete that"),
        ("i already uploaded it last night", "please delete it, i trusted you", "lmao delete that"),
        ("haha al 40 mensen hebben hem gezien", "aub verwijder da, ik vertrouwde u", "haha verwijder da"),
        ("kheb hem gisteren aan de admin gegeven", "aub verwijder da, ik vertrouwde u", "haha verwijder da"),
        ("mdr 40 personnes l'ont déjà vue", "stp supprime la, je te faisais confiance", "mdr supprime ça"),
        ("je l'ai aussi mise en story", "stp supprime la, je te faisais confiance", "mdr supprime ça"),
        // The young person's own words for "it was private": a name, a plea to a group.
        ("lol i airdropped it to the whole bus", "wtf i only sent it to milo", "lmao"),
        ("haha kheb hem geairdropt naar de bus", "ik had die enkel naar milo gestuurd", "haha"),
        ("mdr je l'ai mise dans le groupe", "enlevez ma photo stp j'ai 15 ans", "mdr"),
    ] {
        let answered = |answer: &str| scan(&chat(&[("x", sharer), ("y", answer)]), Some("y"));
        assert_exposure_by_x(&answered(plea), &answered(laugh), &format!("{sharer} / {plea} / {laugh}"));
    }
}

#[test]
fn where_the_images_go_is_a_threat_from_someone_who_asked_for_more() {
    // The condition has no price or image in it; the same person named the images and asked
    // for new ones before. A friend's "help me with maths or I post it" asks for no images.
    for (asked, banter) in [
        (["still got the pics from the summer. u send me new ones once a week", "no", "or they go in the year 11 chat. ur choice"], ["still got that pic of u asleep on the bus lol", "no", "help me with maths or i post it in the group"]),
        (["kheb die fotos nog. ge stuurt mij elke week nieuwe", "nee", "of ze gaan in de groep van 4C"], ["kheb die foto van u slapend op de bus lol", "nee", "help mij met wiskunde of ik post em in de groep"]),
        (["j'ai encore les photos. tu m'en envoies des nouvelles chaque semaine", "non", "sinon elles vont dans le groupe des 4e"], ["j'ai la photo de toi qui dors dans le bus mdr", "non", "aide moi en maths sinon je la mets dans le groupe"]),
    ] {
        let report = x_y_x(asked);
        assert!(report.categories.sextortion.level >= Level::Medium, "{asked:?}: {:?}", report.categories);
        let report = x_y_x(banter);
        assert!(report.risk < Level::Medium, "{banter:?}: {:?}", report.categories);
    }
    // Veiled, about what the young person sent: "would be a shame if he ever saw the stuff u sent me".
    let report = said_then("saw ur dad at the club", "would be a real shame if he ever saw the stuff u sent me");
    assert!(report.categories.sextortion.level >= Level::Medium, "{:?}", report.categories);
    assert!(said_then("saw ur dad at the club", "would be a real shame if he ever saw the mess in ur room").risk < Level::Medium);
}

#[test]
fn a_threat_to_post_an_ordinary_embarrassing_photo_is_banter() {
    // The same condition and group: what the photo is said to show tells them apart.
    for (threat, banter) in [
        ("pay me friday or else i post the pic in the class group", "pay me friday or else i post the pic of u asleep in the class group"),
        ("betaal vrijdag of anders zet ik die foto in de klasgroep", "betaal vrijdag of anders zet ik die foto waar ge slaapt in de klasgroep"),
        ("paie vendredi sinon je mets la photo dans le groupe de la classe", "paie vendredi sinon je mets la photo où tu dors dans le groupe de la classe"),
        // A bank app's screen: proof that someone is broke, not an intimate image.
        ("pay me friday or else i post the pic in the class group", "pay me friday or else i post a screenshot of ur bank app in the class group"),
        ("betaal vrijdag of anders zet ik die foto in de klasgroep", "betaal vrijdag of anders zet ik een screenshot van uw bankapp in de klasgroep"),
        ("paie vendredi sinon je mets la photo dans le groupe de la classe", "paie vendredi sinon je mets une capture de ton appli bancaire dans le groupe de la classe"),
    ] {
        let report = said_then("u still owe me 25", threat);
        assert!(report.categories.sextortion.level >= Level::Medium, "{threat}: {:?}", report.categories);
        let report = said_then("u still owe me 25", banter);
        assert!(report.risk < Level::Medium, "{banter}: {:?}", report.categories);
    }
}

#[test]
fn a_friend_who_breaks_the_news_and_goes_to_a_teacher_with_them_is_helping() {
    // The news itself reads like sharing; refusing the image and going to a teacher with the
    // young person is what a friend does, and it reaches their whole episode.
    for (news, plea, help) in [
        ("lotte just airdropped something to the whole bus. its u. the pic from when u were together", "please delete it, i trusted you", "i declined it. ill tell mr de smet with u"),
        ("dans le bus plein de gens ont reçu un airdrop. c'était ta photo. celle que t'avais envoyée à Thomas", "stp supprime la, je te faisais confiance", "j'ai refusé direct. on va voir madame Lambert ce soir"),
    ] {
        assert!(x_y_x([news, plea, "ok"]).risk >= Level::Medium, "{news}: the news alone reads like sharing");
        let report = x_y_x([news, plea, help]);
        assert!(report.risk < Level::Medium, "{help}: {:?}", report.categories);
    }
}

#[test]
fn the_person_the_young_person_blames_by_name_is_named_not_the_friend_who_told_them() {
    // The friend's news reads like sharing; the young person's plea to jordan by name says who
    // shared. Without a name the friend's words stay the friend's.
    for (news, blame) in [
        ("bro ur pic is going round the whole year, someone put it in the class group", "jordan why would u do that, please delete it i trusted u"),
        ("uw foto staat in de klasgroep, iedereen heeft hem al gezien", "jordan waarom doe ge da, aub verwijder da ik vertrouwde u"),
        ("ta photo tourne dans le groupe de la classe, tout le monde l'a vue", "jordan pourquoi t'as fait ça, stp supprime la je te faisais confiance"),
    ] {
        let blamed = scan(&chat(&[("mo", news), ("y", blame), ("jordan", "lol chill")]), Some("y"));
        assert!(blamed.categories.exposure.level >= Level::Medium, "{blame}: {:?}", blamed.categories);
        assert_eq!(blamed.people[0].speaker.as_deref(), Some("jordan"), "{blame}");
        let unnamed = blame.split_once(' ').map_or(blame, |(_, rest)| rest);
        let report = scan(&chat(&[("mo", news), ("y", unnamed), ("jordan", "lol chill")]), Some("y"));
        assert_eq!(report.people[0].speaker.as_deref(), Some("mo"), "{unnamed}");
    }
    // A reproach for what was done blames by name too: "c quoi ce délire, t'as montré ma photo".
    let reproach = scan(&chat(&[("mo", "ta photo est passée en live, tout le monde l'a vue"), ("y", "jordan c quoi ce délire t'as montré ma photo en live???"), ("jordan", "mdr")]), Some("y"));
    assert_eq!(reproach.people[0].speaker.as_deref(), Some("jordan"));
    // A quoted example keeps its dampener: it becomes nobody's threat.
    let lesson = chat(&[
        ("juf", "in the lesson we read an example: 'i put your pic in the class group, everyone has seen it'"),
        ("y", "jordan please delete it i trusted u, that's what they say right"),
        ("jordan", "lol"),
    ]);
    assert!(scan(&lesson, Some("y")).risk < Level::Medium);
}

#[test]
fn anyone_saying_the_shared_image_is_illegal_says_it_was_intimate() {
    // The young person may never write in the group: a bystander's "that's illegal, she's a
    // minor" tells what was posted, as the young person's plea would. A laugh does not.
    for (posted, illegal, laugh) in [
        ("lol i posted it in the year group", "bro thats literally illegal, shes a minor", "bro thats literally hilarious"),
        ("haha kheb hem in de klasgroep gezet", "man da is strafbaar, ze is minderjarig", "man da is grappig"),
        ("mdr je l'ai mise dans le groupe de la classe", "frère c'est illégal, elle est mineure", "frère c'est trop drôle"),
    ] {
        let answered = |answer: &str| scan(&chat(&[("x", posted), ("z", answer)]), None);
        assert_exposure_by_x(&answered(illegal), &answered(laugh), &format!("{posted} / {illegal}"));
    }
}

#[test]
fn revenge_or_blame_after_the_image_is_out_is_mocking() {
    // "You shouldn't have dumped me" once the bus has the video: the sharer rubbing it in.
    for (out, plea, blame, laugh) in [
        ("half the bus has seen ur video lol", "delete it", "nah thats what u get for dumping me", "nah its too funny"),
        ("heel de bus heeft uw video gekregen haha", "verwijder da", "nee, had ge mij ni moeten dumpen", "nee, tis te grappig"),
        ("tout le bus a reçu ta vidéo mdr", "supprime ça", "non, fallait pas me larguer", "non, c'est trop drôle"),
    ] {
        let answered = |last: &str| x_y_x([out, plea, last]);
        assert_exposure_by_x(&answered(blame), &answered(laugh), blame);
    }
}

#[test]
fn a_job_after_a_debt_with_its_own_phone_and_a_threat_is_exploitation() {
    // "u owe me", then a bag to carry with a phone only for that, then what happened to
    // someone else: how children are held in drug running. Each says the debt first.
    for lines in [
        ["u owe me for the trainers, thats how it works", "i can pay u back", "nah. take a bag to the coast saturday. new phone for it, dont use urs", "i dont want to", "u know what happened to deano"],
        ["ge zijt mij nog 300 schuldig voor die schoenen", "kbetaal u terug", "nee. ge brengt zaterdag een pakje naar gent. ge krijgt een andere gsm, gebruik uw eigen ni", "kwil da ni", "wij weten waar ge woont"],
        ["tu me dois 300 pour les baskets", "je vais te rembourser", "non. tu déposes ce colis à liège samedi. prends ce tel, utilise pas le tien", "je veux pas", "tu sais ce qui est arrivé à kevin"],
    ] {
        assert!(x_y_x_y_x(lines).categories.exploitation.level >= Level::Medium, "{lines:?}");
    }
    // A friend's errand after a small debt stays an errand.
    for lines in [
        ["u owe me for the pizza lol", "i can pay u back", "nah just pick up a package at the post office for me saturday", "ok", "thx"],
        ["ge zijt mij nog 5 schuldig voor de frieten", "kbetaal u terug", "laat maar, haal zaterdag gewoon mijn pakje op bij de post", "ok", "merci"],
        ["tu me dois 5 pour les frites", "je vais te rembourser", "laisse, va juste chercher mon colis à la poste samedi", "ok", "merci"],
    ] {
        assert!(x_y_x_y_x(lines).risk < Level::Medium, "{lines:?}");
    }
}

#[test]
fn who_asks_who_shared_it_did_not_share_it() {
    // The question tells what happened, not what the asker did: it counts for the person the
    // young person then blames, and for nobody when no one is blamed.
    for (question, plea, shrug) in [
        ("ok who tf airdropped that pic to half the bus", "thats me. i sent that ONLY to u max. u promised", "relax its just the bus lol"),
        ("wie heeft die foto naar heel de bus geairdropt", "da ben ik. da was alleen voor u max. ge had beloofd", "chill tis maar de bus haha"),
        ("qui a envoyé cette photo à tout le bus", "c'est moi. c'était que pour toi max. tu avais promis", "calme toi c'est que le bus mdr"),
    ] {
        let said = |plea: &str| scan(&chat(&[("ruby", question), ("zoe", "wait what pic"), ("zoe", plea), ("max", shrug)]), Some("zoe"));
        let blamed = said(plea);
        assert!(blamed.categories.exposure.level >= Level::Medium, "{plea}: {:?}", blamed.categories);
        assert_eq!(blamed.people[0].speaker.as_deref(), Some("max"), "{plea}");
        let unnamed = said(&plea.replace(" max", ""));
        assert!(unnamed.risk < Level::Medium, "{question}: the one who asks is not the one who shared");
        let asked = unnamed.signals.iter().filter(|s| s.category != "context").flat_map(|s| &s.matches).filter(|m| m.message == 0);
        assert!(asked.clone().count() > 0 && asked.clone().all(|m| !m.counted), "{question}: its hits are shown, counted for nobody");
    }
}

#[test]
fn either_new_pictures_or_money_after_asking_for_one_is_asking_for_more() {
    // After a request for a picture, "either new ones or 100" asks for more images; without one
    // it is a bill for something broken.
    for (asked, either) in [
        ("send me a pic like before 🥺", "either u send new ones tonight or u payconiq me 100"),
        ("stuur mij een foto zoals vroeger 🥺", "ofwel stuurt ge vanavond nieuwe ofwel doet ge 100 via payconiq"),
        ("envoie une photo comme avant 🥺", "soit tu m'envoies des nouvelles ce soir soit tu me payconiq 100 balles"),
    ] {
        let report = x_y_x([asked, "no", either]);
        assert!(signal_ids(&report).contains(&"sextortion.more_images"), "{either}: {:?}", signal_ids(&report));
        let bill = x_y_x(["u broke my headphones, they were 100", "sorry", either]);
        assert!(!signal_ids(&bill).contains(&"sextortion.more_images"), "{either}: {:?}", signal_ids(&bill));
    }
}

#[test]
fn who_might_like_to_see_what_was_sent_is_a_veiled_threat() {
    // After "I still have everything you sent", naming who would find it interesting is the
    // threat; the same words after old course notes are not.
    for lines in [
        ["i still have everything from the summer btw. every single thing u sent", "what do u mean", "ur brother might find it interesting"],
        ["ik heb nog altijd wa ge mij in januari stuurde he", "en?", "zou gewoon spijtig zijn moest uw broer da ooit te zien krijgen"],
        ["j'ai encore tout ce que tu m'as envoyé cet été", "et alors?", "ton frère trouverait ça intéressant"],
    ] {
        assert!(x_y_x(lines).categories.sextortion.level >= Level::Medium, "{lines:?}");
    }
    assert!(x_y_x(["i still have the notes from the summer course", "what do u mean", "ur brother might find it interesting"]).risk < Level::Medium);
}

#[test]
fn a_secret_kept_from_the_speakers_own_family_is_not_grooming_secrecy() {
    // Grooming hides things from the young person's family; a host keeping the party from
    // their own sister does not.
    for (own, yours) in [
        ("keep it secret from my sister ok, my dad can pick u up sat", "keep it secret from your parents ok, i can pick u up sat"),
        ("hou het geheim voor mijn zus, mijn pa komt u zaterdag halen", "hou het geheim voor uw ouders, ik kom u zaterdag halen"),
        ("garde le secret pour ma soeur, mon père passe te prendre samedi", "garde le secret pour tes parents, je passe te prendre samedi"),
    ] {
        let asked = |last: &str| x_y_x(["how old r u", "13", last]);
        assert!(asked(own).risk < Level::Medium, "{own}: {:?}", asked(own).categories);
        assert!(asked(yours).categories.grooming.level >= Level::Medium, "{yours}");
    }
}
