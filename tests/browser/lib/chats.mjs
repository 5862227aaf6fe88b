// Short synthetic chats for the browser tests, written for these tests (no real data).

export const CHATS = {
  en: {
    grooming: [
      "Alex: hey, how old are you?",
      "Sam: 13, why",
      "Alex: you're really mature for your age",
      "Alex: don't tell your parents about us, ok? it's our little secret",
      "Alex: delete our chat after",
      "Alex: send me a pic of you",
      "Alex: let's meet this weekend, I can pick you up",
    ].join("\n"),
    benign: [
      "Mila: did you finish the maths homework?",
      "Sam: almost, question 4 is hard",
      "Mila: we can do it together after school",
      "Sam: ok! see you at the library at 4",
    ].join("\n"),
  },
  nl: {
    grooming: [
      "Alex: hey, hoe oud ben je?",
      "Sam: 13, waarom",
      "Alex: je bent echt volwassen voor je leeftijd",
      "Alex: zeg niks tegen je ouders, dit is ons geheimpje",
      "Alex: wis onze chat daarna",
      "Alex: stuur eens een foto van jezelf",
      "Alex: zullen we dit weekend afspreken? ik kom je halen",
    ].join("\n"),
    benign: [
      "Mila: heb jij de wiskunde al af?",
      "Sam: bijna, vraag 4 is moeilijk",
      "Mila: we kunnen het samen doen na school",
      "Sam: ok! tot straks in de bib om 4 uur",
    ].join("\n"),
  },
  fr: {
    grooming: [
      "Alex: salut, t'as quel âge ?",
      "Sam: 13, pourquoi",
      "Alex: t'es super mature pour ton âge",
      "Alex: dis rien à tes parents, c'est notre petit secret",
      "Alex: efface notre conversation après",
      "Alex: envoie-moi une photo de toi",
      "Alex: on se voit ce week-end ? je peux venir te chercher",
    ].join("\n"),
    benign: [
      "Mila: t'as fini les devoirs de maths ?",
      "Sam: presque, la question 4 est dure",
      "Mila: on peut les faire ensemble après l'école",
      "Sam: ok ! à tout à l'heure à la bibliothèque à 16h",
    ].join("\n"),
  },
};

export const SEXTORTION_EN = [
  "Jay: I have your pics",
  "Jay: pay me 200 euros or I send them to all your friends",
  "Jay: you have 24 hours. if you block me I post them",
  "Sam: please don't",
].join("\n");

/** About `bytes` of chat: ordinary messages with a few worrying ones spread through it. */
export function bigChat(bytes) {
  const ordinary = [
    "Mila: did you see the match yesterday? it was so good",
    "Sam: yes! the last goal was crazy, I couldn't believe it",
    "Mila: are you coming to training on thursday or not",
    "Sam: I think so, my mum can drive us if you want",
    "Noor: wie heeft de notities van geschiedenis, ik was ziek",
    "Lou: quelqu'un a les exercices de français pour demain ?",
  ];
  const worrying = CHATS.en.grooming.split("\n");
  const lines = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const line = i % 500 === 250 ? worrying[(i / 500) % worrying.length | 0] : ordinary[i % ordinary.length];
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    i++;
  }
  return lines.join("\n");
}
