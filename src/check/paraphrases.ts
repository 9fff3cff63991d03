// The curated table of news paraphrases, as data. A claim typed in chat rarely repeats the article's
// words: people write "turned down" for "rejected", "truce" for "ceasefire", "the NATO chief" for
// "NATO Secretary-General Jens Stoltenberg". Each group lists phrases a reader would accept as saying the
// same thing in a news sentence; a claim phrase from a group matches any phrase of that group.
//
// Rules for adding a group (every entry costs precision, so each must earn its place):
// - Only substitutions that keep the meaning in news English. "leave" joins "withdraw" because "Ukraine
//   leaves four regions" and "Kyiv withdraws from four regions" are the same claim; "say" has no group
//   because it is everywhere.
// - Words are matched after the same normalisation as everything else (lower case, Porter stem,
//   spelling aliases from corpus/aliases.yaml), so list one inflection: "reject" covers "rejected".
// - Roles map to the office, not the holder, except where one person has held the role for the whole
//   corpus period (Peskov, Lavrov, Putin, Zelensky; Stoltenberg and Rutte both appear as NATO chief).
// - A phrase may stand in only one group (checked by tests/check/claim-terms.test.ts).
// - Measured on WiCE dev (Wikipedia claims, not news) the table is neutral: R@10 0.679 with it, 0.682
//   without. It is there for chat paraphrases of news, which the seed-corpus tests exercise.

/** Verbs and nouns of news reporting on diplomacy and war. */
export const NEWS_PARAPHRASES: readonly (readonly string[])[] = [
  ['reject', 'turn down', 'refuse', 'rebuff', 'dismiss', 'spurn', 'decline'],
  ['withdraw', 'pull out', 'pull back', 'leave', 'retreat', 'pullout', 'withdrawal'],
  ['ceasefire', 'cease-fire', 'truce', 'armistice', 'halt to fighting'],
  ['six month', 'half a year', '6 month', 'six-month'],
  ['talks', 'negotiation', 'negotiate', 'peace talks'],
  ['peace deal', 'peace agreement', 'peace plan', 'peace proposal', 'peace settlement', 'settlement'],
  ['give up', 'cede', 'surrender', 'hand over', 'relinquish', 'renounce'],
  ['demand', 'insist', 'call for', 'require', 'condition'],
  ['offer', 'propose', 'proposal', 'put forward', 'suggest'],
  ['annex', 'annexation', 'incorporate', 'absorb'],
  ['expand', 'widen', 'broaden', 'extend'],
  ['goal', 'objective', 'aim', 'ambition'],
  ['swathe', 'large part', 'large area', 'big chunk'],
  ['lift', 'cancel', 'scrap', 'remove', 'cancellation'],
  ['sanction', 'embargo'],
  ['join', 'membership', 'accession', 'bid to join'],
  ['troops', 'forces', 'soldiers', 'army'],
  ['war', 'conflict', 'invasion', 'fighting'],
  ['occupied', 'seized', 'captured', 'controlled'],
  ['region', 'province', 'oblast', 'territory', 'territories'],
  ['deny', 'denial'],
  ['warn', 'warning', 'threaten'],
  ['weapon', 'arms', 'military aid', 'military assistance'],
  ['nuclear weapon', 'nuclear arms', 'atomic weapon'],
  ['recognise', 'recognize', 'recognition', 'acknowledge', 'accept'],
  ['absurd', 'ridiculous', 'nonsense', 'hoax', 'non-starter'],
  ['kill', 'dead', 'death', 'die', 'pass away'],
  ['wound', 'injured', 'injure', 'hurt'],
  ['elect', 'win election', 'vote in'],
  ['resign', 'step down', 'quit'],
  ['lose', 'stripped of', 'removed from', 'ousted from'],
  ['job', 'role', 'portfolio'],
  ['arrest', 'detain', 'detention', 'custody'],
  ['meet', 'meeting', 'summit', 'talk with'],
  ['increase', 'rise', 'grow', 'boost', 'raise', 'climb'],
  ['decrease', 'fall', 'drop', 'cut', 'reduce'],
  ['buy', 'acquire', 'purchase', 'acquisition', 'takeover'],
  ['sell', 'sale', 'divest'],
  ['begin', 'start', 'launch', 'open'],
  ['double', 'twice'],
  ['marry', 'married', 'wed', 'wedding'],
  ['born', 'birth'],
  ['film', 'movie'],
  ['song', 'track'],
  ['album', 'lp'],
  ['award', 'prize', 'honour', 'honor'],
  ['nominate', 'nomination'],
  ['release', 'premiere', 'debut'],
  ['appoint', 'name as'],
  ['found', 'establish', 'create', 'set up', 'co-found'],
];

/** Offices and the people who held them throughout the period the corpus covers (see the rules above). */
export const ROLE_PARAPHRASES: readonly (readonly string[])[] = [
  ['nato chief', 'nato secretary-general', 'nato secretary general', 'nato head', 'head of nato', 'alliance chief', 'stoltenberg', 'rutte'],
  ['kremlin spokesman', 'kremlin spokesperson', 'putin spokesman', 'peskov'],
  ['russian president', 'russian leader', 'kremlin chief', 'putin'],
  ['ukrainian president', 'ukrainian leader', 'zelensky'],
  ['russian foreign minister', 'lavrov'],
  ['us president', 'american president', 'white house'],
];

/**
 * Country names, their adjectives and metonyms: "Moscow demands" is Russia's demand, and the stemmer
 * does not join "Ukraine" and "Ukrainian".
 */
export const PLACE_PARAPHRASES: readonly (readonly string[])[] = [
  ['russia', 'russian', 'moscow', 'kremlin'],
  ['ukraine', 'ukrainian', 'kyiv'],
  ['US', 'united states', 'american', 'america', 'washington'],
  ['uk', 'britain', 'british', 'united kingdom', 'london'],
  ['china', 'chinese', 'beijing'],
  ['france', 'french', 'paris'],
  ['germany', 'german', 'berlin'],
  ['italy', 'italian'],
  ['spain', 'spanish'],
  ['japan', 'japanese', 'tokyo'],
  ['korea', 'korean', 'seoul'],
  ['india', 'indian'],
  ['canada', 'canadian'],
  ['australia', 'australian'],
  ['ireland', 'irish'],
  ['mexico', 'mexican'],
  ['brazil', 'brazilian'],
  ['israel', 'israeli'],
  ['iran', 'iranian', 'tehran'],
  ['turkey', 'turkish', 'ankara'],
  ['poland', 'polish', 'warsaw'],
  ['sweden', 'swedish'],
  ['norway', 'norwegian'],
  ['netherlands', 'dutch'],
  ['switzerland', 'swiss'],
  ['europe', 'european', 'eu', 'brussels'],
  ['crimea', 'crimean'],
];

/** Every group, in the order above. */
export const PARAPHRASE_GROUPS: readonly (readonly string[])[] = [...NEWS_PARAPHRASES, ...ROLE_PARAPHRASES, ...PLACE_PARAPHRASES];
