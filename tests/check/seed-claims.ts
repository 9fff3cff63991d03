// Paraphrased claims about the seed corpus, each with the sentence(s) that state it (distinctive
// fragments of the verbatim text). The claims use other words on purpose: "turned down" for
// "rejected", "the NATO chief" for "Stoltenberg", "half a year" for "six-month".
export interface SeedClaim {
  claim: string;
  /** Any one of these sentences (by a fragment of its text) must rank in the top 3. */
  expected: readonly string[];
}

export const PARAPHRASED_CLAIMS: readonly SeedClaim[] = [
  { claim: 'Putin turned down an early peace deal his envoy had negotiated', expected: ['had rejected a potential deal with Ukraine offered by his key envoy', 'Putin Rejected Early Ukraine Peace Deal'] },
  { claim: 'Kozak had reportedly got an agreement that Ukraine would stay out of NATO', expected: ['secured a deal guaranteeing that Ukraine would not join NATO'] },
  { claim: "Putin thought Kozak's agreement didn't go far enough", expected: ['did not go far enough'] },
  { claim: 'Putin widened his goals to annexing large parts of Ukraine', expected: ['expanded his objectives to include annexing swathes'] },
  { claim: 'Kozak lost his Ukraine job afterwards', expected: ['stripped of his Ukraine portfolio'] },
  { claim: 'The envoy Kozak is Ukrainian-born', expected: ['who himself was born in Ukraine'] },
  { claim: 'Kozak warned against escalation three days before the invasion', expected: ['spoke out against escalating the situation'] },
  { claim: 'The Kremlin said the Reuters story never happened', expected: ['No such thing ever happened'] },
  { claim: 'Medvedev wanted Kyiv to surrender completely', expected: ['the total surrender of the Kyiv regime'] },
  { claim: "Lavrov said Moscow isn't against negotiating with Ukraine", expected: ['Moscow does not oppose talks with Ukraine'] },
  { claim: 'The Kremlin spokesman said Russia will never drop its claim to four Ukrainian regions', expected: ['would never renounce its claims to four Ukrainian regions'] },
  { claim: 'Peskov said Russia can never compromise on the new territories', expected: ['Russia will never be able to compromise on this', 'I mean the new territories'] },
  { claim: 'Moscow annexed Donetsk, Luhansk, Kherson and Zaporizhzhia in a ceremony last September', expected: ['in a grand ceremony in Moscow'] },
  { claim: 'Peskov said talks are possible if Kyiv accepts Russian control of the regions', expected: ["open to negotiations if Kyiv accepted Moscow's control"] },
  { claim: "Russian troops don't fully control any of the four regions", expected: ['Russian forces do not fully control any of the four regions'] },
  { claim: 'Kyiv wants Russian soldiers out of every inch of its land, Crimea included, before peace talks', expected: ['must leave every inch of its territory'] },
  { claim: "Ukraine turned down Putin's truce offer that required pulling troops out of four regions", expected: ['Ukraine has rejected a deal from Russian President Vladimir Putin for an immediate ceasefire'] },
  { claim: 'Putin also wants the western sanctions scrapped', expected: ['He also wants Western sanctions', 'cancellation of all Western sanctions', 'all Western sanctions against Russia should be lifted'] },
  { claim: "A Ukrainian presidential aide told Reuters Putin's terms were absurd", expected: ['told Reuters the conditions were “absurd”'] },
  { claim: "The NATO chief turned down Putin's offer, saying it was not made in good faith", expected: ['Stoltenberg also rejected Putin’s offer'] },
  { claim: 'Stoltenberg said it is Russia that should pull its forces out of occupied Ukrainian land', expected: ['It’s for Russia to withdraw their forces from occupied Ukrainian land'] },
  { claim: 'Putin demanded that Kyiv give up its NATO ambitions', expected: ['abandon its bid to join NATO', 'dropping any aspirations to join NATO'] },
  { claim: 'Putin wants Ukraine never to build nuclear weapons', expected: ['never develop nuclear weapons', 'non-nuclear status'] },
  { claim: "The G7 warned China about backing Russia's war", expected: ['starkest warning yet to China'] },
  { claim: 'More than 100 nations will attend the peace summit in Switzerland', expected: ['attended by representatives of more than 100 nations'] },
  { claim: 'American military aid was held up for half a year', expected: ['six-month delay in US military assistance'] },
  { claim: 'Putin said Russian troops never meant to attack Kyiv', expected: ['never intended to attack Ukraine’s capital'] },
  { claim: 'Russia withdrew from around Kyiv in March 2022 calling it a goodwill gesture', expected: ['Moscow pulled out of Kyiv in March 2022'] },
  { claim: 'Putin said the American peace plan has 28 points', expected: ['Plan Contains 28 Points', 'a list of 28 points was formed'] },
  { claim: 'Putin said the US plan could be the basis for future talks', expected: ['could serve as a basis for future agreements', 'could be used as a foundation for future negotiations'] },
  { claim: 'Putin confirmed recognising Crimea and Donbas as Russian is being discussed with Washington', expected: ['Crimea and Donbas could be recognized de facto'] },
  { claim: 'An American delegation is due in Moscow next week', expected: ['U.S. delegation is expected in Moscow next week'] },
  { claim: 'Putin now demands Ukraine pull its forces out of all the territory Russia claims', expected: ['demanding the full withdrawal of Ukrainian forces'] },
  { claim: "Podoliak called Putin's plan a complete hoax", expected: ['It’s a complete hoax', 'nothing new in Putin’s plan'] },
  { claim: 'Putin said he was ready to start negotiating right away', expected: ['ready to start negotiations without delay', 'We will do it immediately'] },
];

/** Claims the seed corpus (Russia-Ukraine diplomacy, 2022-2025) says nothing about. */
export const UNRELATED_CLAIMS: readonly string[] = [
  'Penguins opened a chocolate factory on the Moon',
  'Apple released a new iPhone with a better camera',
  'The Lakers won the NBA championship after a triple overtime game',
  'Scientists found that drinking coffee prevents the common cold',
  'Taylor Swift announced a world tour starting in Brazil',
  'The central bank raised interest rates to fight inflation in Argentina',
];
