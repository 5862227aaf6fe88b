// Every string the page shows, in Dutch, French and English.
// Values are strings with {placeholders}, arrays of strings (lists), or functions (plurals).
// Copy rules: short sentences, "je"/"tu"/"you", never blaming, written for a 13-year-old.

export const LANGS = ["nl", "fr", "en"];

/** Countries in the order of the country selector: Belgium first, "other" last. */
export const COUNTRIES = ["BE", "NL", "FR", "LU", "DE", "GB", "IE", "US", "CA", "AU", "INT"];

export const STRINGS = {
  en: {
    langName: "English",
    title: "Check a chat – redflag",
    tagline: "Check a chat, privately",
    quickExit: "Quick exit",
    quickExitHint: "or press Esc",
    skip: "Skip to the chat check",
    settingsLabel: "Language and country",
    languageLabel: "Language",
    countryLabel: "Country",
    introTitle: "Does something in a chat feel wrong?",
    introText:
      "Paste the messages below. We look for signs that someone is trying to groom you, pressure you or blackmail you.",
    privacyShort: "Everything stays on this device. Nothing is sent, saved or shared.",
    formLabel: "Check a chat",
    inputLabel: "The messages",
    inputHint: "Paste the chat here. Best is one message per line, with the name first, like: Alex: how old are you?",
    fileLabel: "Choose a .txt file",
    fileHint: "or drop a file here",
    fileLoaded: "“{name}” is now in the box.",
    fileNotText: "This file can't be read. Use a .txt file, or copy and paste the messages.",
    fileTooBig: "This file is too big (more than {mb} MB). Try a smaller part of the chat.",
    selfLabel: "Which name is you?",
    selfHint: "Optional. Then we only count what the others wrote.",
    selfNone: "I'd rather not say",
    check: "Check the chat",
    clear: "Clear",
    cleared: "Cleared. The text and the result are gone.",
    needText: "Paste some messages first, or choose a file.",
    starting: "Getting ready…",
    busy: "Checking the chat…",
    elapsed: (s) => (s === 1 ? "1 second" : `${s} seconds`),
    cancel: "Stop",
    cancelled: "Stopped. Your text is still there.",
    errorTitle: "Something went wrong",
    errorText: "We couldn't check this chat. Your text is still there, so you can try again.",
    errorDetails: "What the checker said: {msg}",
    restartFailed: "The checker could not restart. Reload the page to try again.",
    engineFailed: "The checker could not start in this browser. Try another browser, or talk to someone right away.",
    stale: "You changed the text. Check again to update the result.",
    resultTitle: "What we found",
    checkedCount: (n) => (n === 1 ? "1 message checked." : `${n} messages checked.`),
    risk_high_title: "This chat shows serious warning signs.",
    risk_high_text: "Someone may be trying to hurt you. You did the right thing by checking. It is not your fault.",
    risk_medium_title: "This chat shows some warning signs.",
    risk_medium_text:
      "Some messages look like what people write when they want to take advantage of young people. Take them seriously. You don't have to deal with this alone.",
    risk_low_title: "We didn't find clear warning signs.",
    risk_low_text:
      "A few things caught our eye, but nothing clear. If something still feels off, your feeling counts. You can always talk to someone.",
    risk_none_title: "We didn't find warning signs.",
    risk_none_text: "This check can miss things. If something feels wrong, trust that feeling and talk to someone.",
    signalsTitle: "Why we think so",
    signalsHint: "The words we noticed are highlighted.",
    messageN: "Message {n}",
    showMore: (n) => `Show ${n} more`,
    category_grooming: "Grooming",
    category_sextortion: "Sextortion",
    category_exploitation: "Exploitation",
    category_exposure: "Sexual content",
    stepsTitle: "What you can do now",
    steps_grooming_title: "If someone is trying to get too close (grooming)",
    steps_grooming: [
      "Trust your feeling. If something feels wrong, it's okay to stop.",
      "Don't meet up with this person.",
      "Don't send pictures or videos of yourself.",
      "Save the chat: take screenshots, with the name of the account.",
      "Block the person and report them in the app.",
      "Talk to someone: an adult you trust, or one of the helplines below.",
    ],
    steps_sextortion_title: "If someone threatens to share pictures of you (sextortion)",
    steps_sextortion: [
      "Don't pay, and don't send more pictures. Paying almost never makes it stop.",
      "Stop replying. Don't try to make a deal.",
      "Keep screenshots of the threats and of the account, before you block it.",
      "Report the account in the app.",
      "Tell an adult you trust. You won't be in trouble for asking for help.",
      "It is not your fault. The person threatening you is the one doing wrong.",
    ],
    steps_exploitation_title: "If someone offers money, gifts or favours for sexual things",
    steps_exploitation: [
      "Whatever they promise, you don't owe them anything.",
      "Don't go to meet them, and don't get into their car.",
      "Save the messages and the name of the account.",
      "Block and report the account.",
      "Talk to an adult you trust or a helpline. You are not in trouble.",
    ],
    steps_exposure_title: "If someone sent you sexual pictures, or asked for yours",
    steps_exposure: [
      "You don't have to look, reply or send anything back.",
      "Don't forward the pictures to anyone, not even to show what happened.",
      "Block and report the account in the app.",
      "Is there a picture of you out there? It can be taken down. Under 18? Take It Down can help, without you sending the picture to anyone.",
      "Talk to someone you trust or a helpline.",
    ],
    steps_calm_title: "If something still feels off",
    steps_calm: [
      "Trust your feeling. You can stop chatting at any time.",
      "Don't send pictures, and don't agree to meet someone you only know online.",
      "Talk about it with someone you trust.",
    ],
    notYourFault: "Whatever happened: it is not your fault, and help is there for you.",
    helpTitle: "Who can help",
    helpTitleUrgent: "People who can help you now",
    kind_talk: "Talk to someone",
    kind_report: "Report it",
    kind_remove: "Get pictures taken down",
    kind_emergency: "In danger right now?",
    free: "Free",
    call: "Call {phone}",
    talkNow: "Want to talk to someone now?",
    callNamed: "Call {name}: {phone}",
    website: "Website: {host}",
    newTab: "(opens in a new tab)",
    asideTitle: "Need someone to talk to?",
    helplinesMissing: "We couldn't load the helplines. In an emergency, call 112 (in Europe).",
    privacyTitle: "Private by design",
    privacyText:
      "This page checks the chat on your device. It does not send, store or share what you paste. No account, no cookies, no tracking.",
    limitsText:
      "This check is a helper, not a judge. It can miss things and it can be wrong. You know your situation best.",
    historyNote:
      "Quick exit takes you to a neutral page, and “back” won't bring you here. Your browser history can still show this page: delete it there, or use a private window.",
    country_BE: "Belgium",
    country_NL: "Netherlands",
    country_FR: "France",
    country_LU: "Luxembourg",
    country_DE: "Germany",
    country_GB: "United Kingdom",
    country_IE: "Ireland",
    country_US: "United States",
    country_CA: "Canada",
    country_AU: "Australia",
    country_INT: "Other country",
  },

  nl: {
    langName: "Nederlands",
    title: "Check een chat – redflag",
    tagline: "Check een chat, privé",
    quickExit: "Snel weg",
    quickExitHint: "of druk op Esc",
    skip: "Ga naar de chatcheck",
    settingsLabel: "Taal en land",
    languageLabel: "Taal",
    countryLabel: "Land",
    introTitle: "Voelt iets in een chat niet juist?",
    introText:
      "Plak de berichten hieronder. We zoeken naar tekenen dat iemand je probeert in te palmen, onder druk te zetten of te chanteren.",
    privacyShort: "Alles blijft op dit toestel. Er wordt niets verstuurd, bewaard of gedeeld.",
    formLabel: "Check een chat",
    inputLabel: "De berichten",
    inputHint:
      "Plak hier de chat. Het liefst één bericht per regel, met eerst de naam, zoals: Alex: hoe oud ben jij?",
    fileLabel: "Kies een .txt-bestand",
    fileHint: "of sleep een bestand hierheen",
    fileLoaded: "“{name}” staat nu in het vak.",
    fileNotText: "Dit bestand kunnen we niet lezen. Gebruik een .txt-bestand, of kopieer en plak de berichten.",
    fileTooBig: "Dit bestand is te groot (meer dan {mb} MB). Probeer een kleiner stuk van de chat.",
    selfLabel: "Welke naam ben jij?",
    selfHint: "Niet verplicht. Dan tellen we alleen wat de anderen schreven.",
    selfNone: "Zeg ik liever niet",
    check: "Check de chat",
    clear: "Wissen",
    cleared: "Gewist. De tekst en het resultaat zijn weg.",
    needText: "Plak eerst een paar berichten, of kies een bestand.",
    starting: "Even klaarzetten…",
    busy: "De chat wordt gecheckt…",
    elapsed: (s) => (s === 1 ? "1 seconde" : `${s} seconden`),
    cancel: "Stop",
    cancelled: "Gestopt. Je tekst staat er nog.",
    errorTitle: "Er ging iets mis",
    errorText: "We konden deze chat niet checken. Je tekst staat er nog, dus je kunt het opnieuw proberen.",
    errorDetails: "Wat de checker zei: {msg}",
    restartFailed: "De checker kon niet opnieuw starten. Laad de pagina opnieuw om het nog eens te proberen.",
    engineFailed:
      "De checker kan niet starten in deze browser. Probeer een andere browser, of praat meteen met iemand.",
    stale: "Je hebt de tekst veranderd. Check opnieuw om het resultaat bij te werken.",
    resultTitle: "Wat we vonden",
    checkedCount: (n) => (n === 1 ? "1 bericht gecheckt." : `${n} berichten gecheckt.`),
    risk_high_title: "Deze chat toont ernstige alarmsignalen.",
    risk_high_text:
      "Iemand probeert je misschien pijn te doen. Je deed het goed door dit te checken. Het is niet jouw schuld.",
    risk_medium_title: "Deze chat toont een paar alarmsignalen.",
    risk_medium_text:
      "Sommige berichten lijken op wat mensen schrijven als ze misbruik willen maken van jongeren. Neem dat serieus. Je hoeft dit niet alleen op te lossen.",
    risk_low_title: "We vonden geen duidelijke alarmsignalen.",
    risk_low_text:
      "Een paar dingen vielen op, maar niets duidelijks. Voelt er toch iets niet goed? Dat gevoel telt. Je kunt altijd met iemand praten.",
    risk_none_title: "We vonden geen alarmsignalen.",
    risk_none_text: "Deze check kan dingen missen. Voelt iets niet goed? Vertrouw op dat gevoel en praat erover met iemand.",
    signalsTitle: "Waarom we dat denken",
    signalsHint: "De woorden die ons opvielen, zijn gemarkeerd.",
    messageN: "Bericht {n}",
    showMore: (n) => `Toon nog ${n}`,
    category_grooming: "Grooming",
    category_sextortion: "Sextortion",
    category_exploitation: "Uitbuiting",
    category_exposure: "Seksuele beelden",
    stepsTitle: "Wat je nu kunt doen",
    steps_grooming_title: "Als iemand te dichtbij probeert te komen (grooming)",
    steps_grooming: [
      "Vertrouw op je gevoel. Voelt iets niet juist, dan mag je stoppen.",
      "Spreek niet af met deze persoon.",
      "Stuur geen foto's of video's van jezelf.",
      "Bewaar de chat: maak screenshots, met de naam van het account.",
      "Blokkeer de persoon en meld hem of haar in de app.",
      "Praat erover: met een volwassene die je vertrouwt, of met een hulplijn hieronder.",
    ],
    steps_sextortion_title: "Als iemand dreigt foto's van je te verspreiden (sextortion)",
    steps_sextortion: [
      "Betaal niet en stuur geen foto's meer. Betalen doet het bijna nooit stoppen.",
      "Stop met antwoorden. Probeer geen deal te maken.",
      "Bewaar screenshots van de bedreigingen en van het account, voor je het blokkeert.",
      "Meld het account in de app.",
      "Vertel het aan een volwassene die je vertrouwt. Je komt niet in de problemen omdat je hulp vraagt.",
      "Het is niet jouw schuld. Wie jou bedreigt, is degene die fout is.",
    ],
    steps_exploitation_title: "Als iemand geld, cadeaus of gunsten biedt voor seksuele dingen",
    steps_exploitation: [
      "Wat ze ook beloven: je bent hen niets verschuldigd.",
      "Spreek niet met hen af en stap niet bij hen in de auto.",
      "Bewaar de berichten en de naam van het account.",
      "Blokkeer en meld het account.",
      "Praat met een volwassene die je vertrouwt of met een hulplijn. Jij zit niet in de problemen.",
    ],
    steps_exposure_title: "Als iemand je seksuele beelden stuurde, of om de jouwe vroeg",
    steps_exposure: [
      "Je hoeft niet te kijken, te antwoorden of iets terug te sturen.",
      "Stuur de beelden naar niemand door, ook niet om te tonen wat er gebeurde.",
      "Blokkeer en meld het account in de app.",
      "Staat er een beeld van jou online? Het kan weggehaald worden. Jonger dan 18? Take It Down kan helpen, zonder dat je het beeld naar iemand stuurt.",
      "Praat erover met iemand die je vertrouwt of met een hulplijn.",
    ],
    steps_calm_title: "Als er toch iets niet goed voelt",
    steps_calm: [
      "Vertrouw op je gevoel. Je mag altijd stoppen met chatten.",
      "Stuur geen foto's en spreek niet af met iemand die je alleen online kent.",
      "Praat erover met iemand die je vertrouwt.",
    ],
    notYourFault: "Wat er ook gebeurd is: het is niet jouw schuld, en er is hulp voor jou.",
    helpTitle: "Wie kan je helpen",
    helpTitleUrgent: "Mensen die je nu kunnen helpen",
    kind_talk: "Praat met iemand",
    kind_report: "Meld het",
    kind_remove: "Laat beelden weghalen",
    kind_emergency: "Nu in gevaar?",
    free: "Gratis",
    call: "Bel {phone}",
    talkNow: "Wil je nu met iemand praten?",
    callNamed: "Bel {name}: {phone}",
    website: "Website: {host}",
    newTab: "(opent in een nieuw tabblad)",
    asideTitle: "Wil je met iemand praten?",
    helplinesMissing: "We konden de hulplijnen niet laden. In nood: bel 112 (in Europa).",
    privacyTitle: "Privé, van bij het begin",
    privacyText:
      "Deze pagina checkt de chat op jouw toestel. Ze verstuurt, bewaart of deelt niets van wat je plakt. Geen account, geen cookies, geen tracking.",
    limitsText:
      "Deze check helpt je, maar beslist niets. Hij kan dingen missen en zich vergissen. Jij kent je situatie het best.",
    historyNote:
      "“Snel weg” brengt je naar een neutrale pagina, en met “terug” kom je hier niet meer. Je browsergeschiedenis kan deze pagina nog tonen: wis ze daar, of gebruik een privévenster.",
    country_BE: "België",
    country_NL: "Nederland",
    country_FR: "Frankrijk",
    country_LU: "Luxemburg",
    country_DE: "Duitsland",
    country_GB: "Verenigd Koninkrijk",
    country_IE: "Ierland",
    country_US: "Verenigde Staten",
    country_CA: "Canada",
    country_AU: "Australië",
    country_INT: "Ander land",
  },

  fr: {
    langName: "Français",
    title: "Vérifier une conversation – redflag",
    tagline: "Vérifie une conversation, en privé",
    quickExit: "Sortie rapide",
    quickExitHint: "ou appuie sur Échap",
    skip: "Aller à la vérification",
    settingsLabel: "Langue et pays",
    languageLabel: "Langue",
    countryLabel: "Pays",
    introTitle: "Quelque chose te met mal à l'aise dans une conversation ?",
    introText:
      "Colle les messages ci-dessous. On cherche des signes que quelqu'un essaie de te manipuler, de te mettre la pression ou de te faire du chantage.",
    privacyShort: "Tout reste sur cet appareil. Rien n'est envoyé, enregistré ou partagé.",
    formLabel: "Vérifier une conversation",
    inputLabel: "Les messages",
    inputHint:
      "Colle la conversation ici. Idéalement un message par ligne, avec le nom d'abord, par exemple : Alex: t'as quel âge ?",
    fileLabel: "Choisir un fichier .txt",
    fileHint: "ou dépose un fichier ici",
    fileLoaded: "« {name} » est maintenant dans la zone de texte.",
    fileNotText: "Ce fichier ne peut pas être lu. Utilise un fichier .txt, ou copie-colle les messages.",
    fileTooBig: "Ce fichier est trop gros (plus de {mb} Mo). Essaie avec une partie plus petite de la conversation.",
    selfLabel: "Quel nom est le tien ?",
    selfHint: "Facultatif. On compte alors seulement ce que les autres ont écrit.",
    selfNone: "Je préfère ne pas le dire",
    check: "Vérifier la conversation",
    clear: "Effacer",
    cleared: "Effacé. Le texte et le résultat ont disparu.",
    needText: "Colle d'abord quelques messages, ou choisis un fichier.",
    starting: "Préparation…",
    busy: "Vérification en cours…",
    elapsed: (s) => (s <= 1 ? `${s} seconde` : `${s} secondes`),
    cancel: "Arrêter",
    cancelled: "Arrêté. Ton texte est toujours là.",
    errorTitle: "Un problème est survenu",
    errorText: "On n'a pas pu vérifier cette conversation. Ton texte est toujours là, tu peux réessayer.",
    errorDetails: "Message du vérificateur : {msg}",
    restartFailed: "La vérification n'a pas pu redémarrer. Recharge la page pour réessayer.",
    engineFailed:
      "La vérification ne peut pas démarrer dans ce navigateur. Essaie un autre navigateur, ou parle tout de suite à quelqu'un.",
    stale: "Tu as modifié le texte. Vérifie à nouveau pour mettre le résultat à jour.",
    resultTitle: "Ce qu'on a trouvé",
    checkedCount: (n) => (n <= 1 ? `${n} message vérifié.` : `${n} messages vérifiés.`),
    risk_high_title: "Cette conversation montre des signaux d'alerte sérieux.",
    risk_high_text:
      "Quelqu'un essaie peut-être de te faire du mal. Tu as bien fait de vérifier. Ce n'est pas ta faute.",
    risk_medium_title: "Cette conversation montre quelques signaux d'alerte.",
    risk_medium_text:
      "Certains messages ressemblent à ce qu'écrivent des personnes qui veulent profiter des jeunes. Prends-les au sérieux. Tu n'as pas à affronter ça sans aide.",
    risk_low_title: "On n'a pas trouvé de signal d'alerte clair.",
    risk_low_text:
      "Quelques éléments ont attiré notre attention, mais rien de clair. Si quelque chose te dérange quand même, ton ressenti compte. Tu peux toujours en parler à quelqu'un.",
    risk_none_title: "On n'a pas trouvé de signal d'alerte.",
    risk_none_text:
      "Cette vérification peut passer à côté de certaines choses. Si quelque chose te semble bizarre, fais confiance à ton ressenti et parles-en à quelqu'un.",
    signalsTitle: "Pourquoi on pense ça",
    signalsHint: "Les mots qui ont attiré notre attention sont surlignés.",
    messageN: "Message {n}",
    showMore: (n) => `Voir ${n} de plus`,
    category_grooming: "Grooming",
    category_sextortion: "Sextorsion",
    category_exploitation: "Exploitation",
    category_exposure: "Images sexuelles",
    stepsTitle: "Ce que tu peux faire maintenant",
    steps_grooming_title: "Si quelqu'un essaie de trop se rapprocher de toi (grooming)",
    steps_grooming: [
      "Fais confiance à ton ressenti. Si quelque chose cloche, tu as le droit d'arrêter.",
      "N'accepte pas de rencontrer cette personne.",
      "N'envoie pas de photos ni de vidéos de toi.",
      "Garde la conversation : fais des captures d'écran, avec le nom du compte.",
      "Bloque la personne et signale-la dans l'appli.",
      "Parles-en : à un adulte de confiance, ou à une des lignes d'aide ci-dessous.",
    ],
    steps_sextortion_title: "Si quelqu'un menace de diffuser des images de toi (sextorsion)",
    steps_sextortion: [
      "Ne paie pas et n'envoie plus d'images. Payer n'arrête presque jamais le chantage.",
      "Arrête de répondre. N'essaie pas de négocier.",
      "Garde des captures d'écran des menaces et du compte, avant de le bloquer.",
      "Signale le compte dans l'appli.",
      "Parles-en à un adulte de confiance. Tu n'auras pas d'ennuis parce que tu demandes de l'aide.",
      "Ce n'est pas ta faute. C'est la personne qui te menace qui est en tort.",
    ],
    steps_exploitation_title: "Si quelqu'un propose de l'argent, des cadeaux ou des faveurs contre des choses sexuelles",
    steps_exploitation: [
      "Quoi qu'on te promette, tu ne dois rien à personne.",
      "N'accepte pas de rendez-vous et ne monte pas dans sa voiture.",
      "Garde les messages et le nom du compte.",
      "Bloque et signale le compte.",
      "Parles-en à un adulte de confiance ou à une ligne d'aide. Tu n'as rien fait de mal.",
    ],
    steps_exposure_title: "Si quelqu'un t'a envoyé des images sexuelles, ou t'a demandé les tiennes",
    steps_exposure: [
      "Tu n'as pas à regarder, à répondre ni à renvoyer quoi que ce soit.",
      "Ne transfère les images à personne, même pas pour montrer ce qui s'est passé.",
      "Bloque et signale le compte dans l'appli.",
      "Une image de toi circule ? Elle peut être retirée. Moins de 18 ans ? Take It Down peut aider, sans que tu envoies l'image à qui que ce soit.",
      "Parles-en à quelqu'un de confiance ou à une ligne d'aide.",
    ],
    steps_calm_title: "Si quelque chose te dérange quand même",
    steps_calm: [
      "Fais confiance à ton ressenti. Tu peux arrêter de discuter à tout moment.",
      "N'envoie pas de photos et n'accepte pas de rencontrer quelqu'un que tu connais seulement en ligne.",
      "Parles-en à quelqu'un de confiance.",
    ],
    notYourFault: "Quoi qu'il se soit passé : ce n'est pas ta faute, et de l'aide existe pour toi.",
    helpTitle: "Qui peut t'aider",
    helpTitleUrgent: "Des personnes qui peuvent t'aider maintenant",
    kind_talk: "Parler à quelqu'un",
    kind_report: "Signaler",
    kind_remove: "Faire retirer des images",
    kind_emergency: "En danger maintenant ?",
    free: "Gratuit",
    call: "Appeler le {phone}",
    talkNow: "Envie d'en parler maintenant ?",
    callNamed: "Appeler {name} : {phone}",
    website: "Site web : {host}",
    newTab: "(s'ouvre dans un nouvel onglet)",
    asideTitle: "Besoin de parler à quelqu'un ?",
    helplinesMissing: "On n'a pas pu charger les lignes d'aide. En cas d'urgence, appelle le 112 (en Europe).",
    privacyTitle: "Privé dès le départ",
    privacyText:
      "Cette page vérifie la conversation sur ton appareil. Elle n'envoie, ne garde et ne partage rien de ce que tu colles. Pas de compte, pas de cookies, pas de pistage.",
    limitsText:
      "Cette vérification t'aide, mais elle ne décide rien. Elle peut rater des choses et se tromper. C'est toi qui connais le mieux ta situation.",
    historyNote:
      "La sortie rapide t'emmène vers une page neutre, et le bouton « retour » ne te ramène pas ici. L'historique du navigateur peut quand même montrer cette page : efface-la là-bas, ou utilise une fenêtre privée.",
    country_BE: "Belgique",
    country_NL: "Pays-Bas",
    country_FR: "France",
    country_LU: "Luxembourg",
    country_DE: "Allemagne",
    country_GB: "Royaume-Uni",
    country_IE: "Irlande",
    country_US: "États-Unis",
    country_CA: "Canada",
    country_AU: "Australie",
    country_INT: "Autre pays",
  },
};

/**
 * The string `key` in `lang` (English when missing), with {placeholders} filled from `vars`.
 * Functions are called with `vars.n` (or `vars`), arrays are returned as they are.
 */
export function t(lang, key, vars = {}) {
  const table = STRINGS[lang] ?? STRINGS.en;
  let value = table[key] ?? STRINGS.en[key];
  if (value === undefined) return key;
  if (typeof value === "function") return value(vars.n ?? vars);
  if (Array.isArray(value)) return value;
  return value.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** The first of `preferred` (like navigator.languages) that the page speaks; English otherwise. */
export function pickLang(preferred = []) {
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGS.includes(base)) return base;
  }
  return "en";
}

/**
 * The country to show helplines for, from language tags such as "nl-BE" or "en-GB":
 * the first tag whose region is in the list; Belgium when no tag names a region;
 * "INT" when regions are named but none is in the list.
 */
export function pickCountry(preferred = []) {
  let sawRegion = false;
  for (const tag of preferred) {
    const parts = String(tag).split("-");
    const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
    if (!region) continue;
    sawRegion = true;
    const code = region.toUpperCase() === "UK" ? "GB" : region.toUpperCase();
    if (COUNTRIES.includes(code) && code !== "INT") return code;
  }
  return sawRegion ? "INT" : "BE";
}
