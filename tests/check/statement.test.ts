// Statement type and speaker attribution, on the seed articles' real sentences (split by hand the way
// src/corpus/sentences.ts splits: a multi-sentence quote is cut at its sentence ends and only the last
// part keeps the attribution) and on news-style cases built for the rules the seeds do not exercise.
import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../src/check/statement.ts';
import type { StatementType } from '../../src/check/types.ts';
import type { Sentence } from '../../src/corpus/types.ts';

/** A paragraph: its sentences, or one caption / subheading block. */
type Block = string[] | { caption: string } | { subheading: string };

/** Sentence objects as src/corpus/article-sentences.ts makes them: the title is paragraph 0. */
function article(id: string, title: string, blocks: Block[]): Sentence[] {
  const out: Sentence[] = [{ id: `${id}#1`, articleId: id, text: title, kind: 'headline', paragraph: 0 }];
  blocks.forEach((block, i) => {
    const [kind, texts]: [Sentence['kind'], string[]] = Array.isArray(block)
      ? ['body', block]
      : 'caption' in block ? ['caption', [block.caption]] : ['headline', [block.subheading]];
    for (const text of texts) out.push({ id: `${id}#${out.length + 1}`, articleId: id, text, kind, paragraph: i + 1 });
  });
  return out;
}

// Seed 000, The Moscow Times. Paragraph 2 keeps the raw markdown link "[reported](#)" of the seed file;
// the corpus file has the link text only (as in the Medvedev sentence), and both must read the same.
const moscowTimes = article('mt', 'Putin Rejected Early Ukraine Peace Deal to Pursue \'Expanded\' Annexation Goals – Reuters', [
  { caption: 'Putin at the Feb. 22 Security Council meeting where he laid out his intent to formally recognize the Donbas\' separatist republics as independent states. kremlin.ru' },
  ['Russian President Vladimir Putin had rejected a potential deal with Ukraine offered by his key envoy in the early days of the invasion as he “expanded” his goals to include annexing more territory, Reuters [reported](#) Wednesday, citing three unnamed sources close to Russia\'s leadership.'],
  ['Kremlin deputy chief of staff Dmitry Kozak, Putin\'s chief envoy on Ukraine, was said to have secured a deal guaranteeing that Ukraine would not join NATO — a key Russian demand prior to its full-scale invasion of its pro-Western neighbor.'],
  ['According to Reuters, Putin made clear that Kozak\'s deal with an unspecified number of Ukrainian concessions did not go far enough.'],
  ['Putin reportedly “expanded his objectives to include annexing swathes of Ukrainian territory,” Reuters reported.'],
  ['“Everything was canceled.', 'Putin simply changed the plan as he went along,” one of Reuters’ sources was quoted as saying.'],
  ['The timing of negotiations was disputed by the people interviewed by Reuters, with two sources saying the push to finalize the deal occurred “within days” of Russia’s Feb. 24 invasion of Ukraine.'],
  ['A third source, who was told about the events by people briefed on the discussions, said Putin was presented with and rejected Kozak’s deal “just before” the invasion.'],
  ['Kozak has since been stripped of his Ukraine portfolio, Reuters reported, citing six unnamed sources.'],
  ['“From what I can see, Kozak is nowhere to be seen,” a person close to pro-Moscow separatist leaders in eastern Ukraine’s Donbas region was quoted as saying.'],
  ['Kozak, who himself was born in Ukraine, had been Putin’s chief negotiator on the Donbas with Ukrainian counterparts since 2020.'],
  ['The Kremlin denied the Reuters report’s authenticity, with spokesman Dmitry Peskov telling the British news agency that “No such thing ever happened.”'],
  ['While Russian Foreign Minister Sergei Lavrov said this week that Moscow does not oppose talks with Ukraine, ex-President Dmitry Medvedev called for “the total surrender of the Kyiv regime on Russia’s terms” in a social media post.'],
]);

// Seed 001, The Sydney Morning Herald (the newsletter footer left out, as in the corpus).
const smh = article('smh', 'Russia demands Ukraine drop NATO bid, give up regions for ceasefire deal', [
  ['Lake Lucerne, Switzerland: Ukraine has rejected a deal from Russian President Vladimir Putin for an immediate ceasefire and talks to end the war in exchange for Kyiv withdrawing troops from the four regions that Moscow has claimed as its own.'],
  ['Putin’s conditions, made on the eve of a major peace summit in the Swiss Alps, also hinge on Ukraine dropping any aspirations to join NATO and include areas Russia has never occupied during its two-year invasion or from which it subsequently withdrew.', 'He also wants Western sanctions, imposed in 2022 in response to his full-scale invasion, lifted.'],
  ['The Kremlin has said the gathering will prove “futile” without Russia being represented.'],
  ['The offer coincided with the leaders of the G7 issuing their starkest warning yet to China over its support for Russia, attacking Beijing for “enabling” Russia’s war in Ukraine, and threatening further sanctions if Beijing keeps supplying material used by Moscow’s defence industry.'],
  ['“China’s ongoing support for Russia’s defence industrial base is enabling Russia to maintain its illegal war in Ukraine and has significant and broad-based security implications,” the G7 leaders said in a joint statement.'],
  ['“We call on China to cease the transfer of dual-use materials, including weapons components and equipment, that are inputs for Russia’s defence sector.”'],
  ['During a speech at the Russian Foreign Ministry in Moscow on Friday, Putin said his proposal would provide a “final resolution” to the conflict rather than “freezing it”, and stressed that the Kremlin was “ready to start negotiations without delay”.'],
  ['“We will do it immediately,” the Russian leader said, adding that the proposal would restore “unity” between the two warring nations and Europe more broadly.', 'His announcement stipulated that Ukraine effectively surrendered the Donetsk, Kherson, Luhansk and Zaporizhzhia regions.'],
  ['Ukrainian presidential adviser Mykhailo Podolyak told Reuters the conditions were “absurd”.'],
  ['“He is offering for Ukraine to admit defeat.', 'He is offering for Ukraine to legally give up its territories to Russia.', 'He is offering for Ukraine to sign away its geopolitical sovereignty,” he said.'],
  ['Putin claimed to have annexed the regions despite only partly occupying them in the autumn of 2022.', 'Fighting has raged in all four regions in recent months, with Russian forces slowly seizing the initiative after Ukraine’s failed counteroffensive last year and a six-month delay in US military assistance, allowing Moscow to make gains.'],
  ['“New territorial realities must be recognised,” Putin said.', '“All these basic principle conditions must be set through fundamental international agreements.', 'Naturally, this involves the cancellation of all Western sanctions against Russia.”'],
  ['He also demanded that Ukraine abandon its bid to join NATO, a goal enshrined in the Ukrainian constitution and confirmed by the US-led military alliance though without a concrete timeline.', 'The Russian president also called for Kyiv to never develop nuclear weapons and to pursue its “demilitarisation” and “denazification” two vague goals Russia set out at the start of the invasion.'],
  ['NATO Secretary-General Jens Stoltenberg also rejected Putin’s offer during a press conference in Brussels, labelling the pitch as not being made in “good faith.”', '“It’s not for Ukraine to withdraw forces from Ukrainian territory,” he said.', '“It’s for Russia to withdraw their forces from occupied Ukrainian land.”'],
  ['Putin’s demands represent the most specific conditions he has set for a possible end to the war since he ordered the full-scale invasion.', 'He made clear he would set out a maximalist position in any peace talks and fight on indefinitely if they were not met.'],
  ['“Today, we are making another specific, real peace offering.', 'If Kyiv and Western capitals refuse it as they did before, then that’s their issue at the end of the day – their political and moral responsibility for the continued bloodshed,” Putin said.'],
  ['“Obviously, the facts on the ground at the front will continue to change, not in the Kyiv regime’s favour, and the conditions to begin negotiations will be different.”'],
]);

// Seed 002, an aggregator's garbled rewrite (kept verbatim: the bot quotes what was published).
const aggregator = article('agg', 'Putin offers ceasefire if Ukraine pulls out of Moscow-occupied territories and NATO bid – Kiev’s non-starter', [
  ['Russian President Vladimir Putin vowed on Friday to “immediately” order a ceasefire in Ukraine and open talks if Moscow abandons plans to join NATO by 2022, beginning to withdraw troops from the four annexed regions.'],
  ['Mykhailo Podoliak, an adviser to Ukrainian President Volodymyr Zelensky, said on social media that there was nothing new in Putin’s plan and that the Russian leader was only giving voice to “a set of persistent aggressors”.'],
  ['“There is no innovation, no real peace proposals, no desire to end the war.', 'But there is a desire to continue this war in new forms without paying for it.', 'It’s a complete hoax,” wrote Podolyak on X.'],
  ['Putin’s views emerged as leaders Group of seven leading industrialized nations Met in Italy and was ready to host Switzerland Many world leaders — but not from Moscow — try to map out the first steps toward peace in Ukraine this weekend.', 'The US and Ukraine signed on this week 10 year security agreement They were hailed as a milestone in relations and denounced as “null and void” by Russian officials, including Putin.'],
  ['Putin said his proposal was aimed at a “final solution” to the conflict in Ukraine, and insisted the Kremlin was “ready to start negotiations without delay”.'],
  ['Among the broad demands for peace listed by the Russian leader are Ukraine’s non-nuclear status, restrictions on its military force and protection of the interests of the country’s Russian-speaking population.', 'All of this should become part of “fundamental international agreements,” and all Western sanctions against Russia should be lifted, Putin said.'],
  ['“We urge you to turn this sad page of history and start, step by step, the restoration of unity between Russia and Ukraine and Europe in general,” he said.'],
  ['Putin’s comments, which represented a rare occasion when he clearly laid out his conditions for ending the war in Ukraine, were relayed to slack-jawed Foreign Ministry staff but contained no new demands.', 'The Kremlin has previously said Kiev should recognize its territorial gains and abandon its bid to join NATO.'],
  ['If “Kiev and Western capitals” reject his offer, Putin said, “that is their business, their political and moral responsibility to continue the bloodshed.”'],
  ['That same month, Putin told a foreign official that Kyiv “does not rule out the withdrawal of troops from the Kherson and Zaporizhzhia regions and the return of occupied territories to Ukraine as long as it allows Russia to gain solid ground.” annexation of Crimea, a Ukrainian peninsula illegally annexed by Russia in 2014.'],
  ['He said the official planned to bring that proposal to Kiev – which Moscow “welcomed” because it generally welcomes “attempts to find a peaceful solution to the conflict”.', 'But the Kremlin later annexed the two regions to Donetsk and Luhansk provinces, citing the results of fake “referendums” it held there.', 'Putin referred to them and said, “This matter is closed forever and is no longer up for discussion.”'],
]);

// Seed 003, Reuters: straight quotes.
const reuters = article('reu', 'Kremlin: Russia open to Ukraine talks, but won\'t give up annexed regions', [
  ['MOSCOW (Reuters) - The Kremlin on Tuesday repeated its position that Russia was open to negotiations to end the Ukraine conflict, but that new "territorial realities" could not be ignored.'],
  { caption: 'Kremlin spokesman Dmitry Peskov attends a news conference of Russian President Vladimir Putin after a meeting of the State Council on youth policy in Moscow, Russia, December 22, 2022. Sputnik/Valeriy Sharifulin/Pool via REUTERS' },
  ['Kremlin spokesman Dmitry Peskov told reporters Russia would never renounce its claims to four Ukrainian regions that Moscow declared it had annexed last year following referendums that Kyiv and the West slammed as bogus and illegal.'],
  ['"There are certain realities that have already become an internal factor.', 'I mean the new territories.', 'The constitution of the Russian Federation exists, and cannot be ignored.', 'Russia will never be able to compromise on this, these are important realities," Peskov said on Tuesday.'],
  ['Russia proclaimed it had annexed the Donetsk, Luhansk, Kherson and Zaporizhzhia regions last September in a grand ceremony in Moscow.'],
  ['Peskov said Russia was open to negotiations if Kyiv accepted Moscow\'s control over the regions.'],
  ['"With a favourable state of affairs and the appropriate attitude from the Ukrainians, this can be resolved at the negotiating table.', 'But the main thing is to achieve our goals," he said.'],
  ['Russian forces do not fully control any of the four regions, and Moscow says it is fighting to "liberate" them from the control of Ukrainian neo-Nazis.'],
  ['Kyiv and the West say this is a baseless pretext for an illegal land-grab.'],
]);

// Seed 004, RksNews: subheadings between the paragraphs.
const rks = article('rks', 'Putin Doubles Territorial Demands in Talks Over Ukraine Peace Plan', [
  ['Russian President Vladimir Putin has sharply escalated his conditions for ending the war in Ukraine, demanding the full withdrawal of Ukrainian forces from all territories Moscow claims as its own—including areas illegally annexed or occupied by Russia.'],
  ['The expanded demands cover Crimea, seized by Russia in 2014, as well as the Donbas region—Luhansk and Donetsk—large parts of which are under Russian military occupation.'],
  ['Putin confirmed that a new U.S.-backed peace plan has already been delivered to Moscow and said the proposal “could serve as a basis for future agreements,” referencing recent discussions with American negotiators.'],
  { subheading: 'Putin: U.S. Plan Contains 28 Points' },
  ['“We discussed resolving the conflict in Ukraine with American negotiators before my visit to Alaska.', 'After that, a list of 28 points was formed,” Putin said.'],
  ['“In general, we agree that the U.S.-supported peace plan could be used as a foundation for future negotiations.', 'But it would be inappropriate for me to speak about a final version, because no such version exists.”'],
  { subheading: 'Russia Seeks Recognition of Occupied Territories' },
  ['Asked whether Crimea and Donbas could be recognized de facto as Russian territory but not de jure, Putin confirmed that this was actively under discussion with the United States.'],
  ['“You are right.', 'This is one of the key issues,” he said, signaling that Moscow aims to secure Western acceptance of its territorial claims, even if formal legal recognition is withheld.'],
  ['The Kremlin’s expanded demands, however, sharply undermine hopes for a realistic peace agreement, as Ukraine has repeatedly stated it will not surrender occupied territories, and Western officials have insisted that borders cannot be redrawn through force.'],
]);

/** The one sentence of `sentences` that starts with `start`. */
function find(sentences: Sentence[], start: string): number {
  const hits = sentences.flatMap((s, i) => (s.text.startsWith(start) ? [i] : []));
  if (hits.length !== 1) throw new Error(`${hits.length} sentences start with ${JSON.stringify(start)}`);
  return hits[0]!;
}

type Case = [name: string, sentences: Sentence[], start: string, type: StatementType, speaker: string | null];

const seedCases: Case[] = [
  ['caption with a name', moscowTimes, 'Putin at the Feb. 22', 'text', null],
  ['article title', moscowTimes, 'Putin Rejected Early', 'text', null],
  ['Reuters as the subject of [reported](#)', moscowTimes, 'Russian President Vladimir Putin had', 'reported', 'Reuters'],
  ['"was said to": hearsay, Kozak is not the speaker', moscowTimes, 'Kremlin deputy chief', 'reported', null],
  ['according to Reuters', moscowTimes, 'According to Reuters', 'reported', 'Reuters'],
  ['partial quote inside "Putin reportedly ..., Reuters reported"', moscowTimes, 'Putin reportedly', 'reported', 'Reuters'],
  ['quote opening, speaker anonymous', moscowTimes, '“Everything was canceled.', 'quote', null],
  ['"one of Reuters’ sources was quoted as saying"', moscowTimes, 'Putin simply changed', 'quote', null],
  ['"two sources saying", scare quote', moscowTimes, 'The timing of negotiations', 'reported', null],
  ['"a third source ... said Putin was": not "said Putin"', moscowTimes, 'A third source', 'reported', null],
  ['", Reuters reported, citing six unnamed sources"', moscowTimes, 'Kozak has since', 'reported', 'Reuters'],
  ['"a person close to ..." anonymous', moscowTimes, '“From what I can see', 'quote', null],
  ['outlet text', moscowTimes, 'Kozak, who himself', 'text', null],
  ['"with spokesman Dmitry Peskov telling ... that “…”"', moscowTimes, 'The Kremlin denied', 'reported', 'Dmitry Peskov'],
  ['Lavrov said ..., Medvedev called for ...: two speakers, none is safe', moscowTimes, 'While Russian Foreign', 'reported', null],
  ['"has claimed as its own" is territory, not speech', smh, 'Lake Lucerne', 'text', null],
  ['"the Kremlin has said ... “futile”"', smh, 'The Kremlin has said', 'reported', 'the Kremlin'],
  ['"their starkest warning": a noun', smh, 'The offer coincided', 'text', null],
  ['G7 joint statement', smh, '“China’s ongoing support', 'quote', 'the G7 leaders'],
  ['quote paragraph continuing the G7 statement', smh, '“We call on China', 'quote', 'the G7 leaders'],
  ['"Putin said ... and stressed that ..."', smh, 'During a speech', 'reported', 'Vladimir Putin'],
  ['"the Russian leader" right after Putin, titled Russian President', smh, '“We will do it immediately', 'quote', 'Vladimir Putin'],
  ['"told Reuters": Reuters is the listener', smh, 'Ukrainian presidential adviser', 'reported', 'Mykhailo Podolyak'],
  ['Podolyak quote, first part', smh, '“He is offering for Ukraine to admit', 'quote', 'Mykhailo Podolyak'],
  ['Podolyak quote, middle part', smh, 'He is offering for Ukraine to legally', 'quote', 'Mykhailo Podolyak'],
  ['Podolyak quote, "he said" after the sentence naming him', smh, 'He is offering for Ukraine to sign', 'quote', 'Mykhailo Podolyak'],
  ['"claimed to have annexed"', smh, 'Putin claimed', 'reported', 'Vladimir Putin'],
  ['"“…,” Putin said."', smh, '“New territorial realities', 'quote', 'Vladimir Putin'],
  ['quote continuing after Putin’s', smh, '“All these basic principle', 'quote', 'Vladimir Putin'],
  ['inside the continuing quote', smh, 'Naturally, this involves', 'quote', 'Vladimir Putin'],
  ['"He also demanded that"', smh, 'He also demanded', 'reported', 'Vladimir Putin'],
  ['"The Russian president also called for"', smh, 'The Russian president', 'reported', 'Vladimir Putin'],
  ['Stoltenberg: “good faith.” is a scare quote', smh, 'NATO Secretary-General', 'reported', 'Jens Stoltenberg'],
  ['"he said": Putin’s (possessive) is no rival', smh, '“It’s not for Ukraine', 'quote', 'Jens Stoltenberg'],
  ['Stoltenberg quote continued', smh, '“It’s for Russia', 'quote', 'Jens Stoltenberg'],
  ['"He made clear": not speech', smh, 'He made clear', 'text', null],
  ['two-sentence quote ending "Putin said."', smh, '“Today, we are making', 'quote', 'Vladimir Putin'],
  ['quote paragraph after Putin’s', smh, '“Obviously', 'quote', 'Vladimir Putin'],
  ['"vowed on Friday to “immediately”"', aggregator, 'Russian President Vladimir Putin vowed', 'reported', 'Vladimir Putin'],
  ['apposition ", an adviser to ... Zelensky, said"', aggregator, 'Mykhailo Podoliak, an adviser', 'reported', 'Mykhailo Podoliak'],
  ['Podolyak on X, first part (spelling as written)', aggregator, '“There is no innovation', 'quote', 'Podolyak'],
  ['Podolyak on X, middle part', aggregator, 'But there is a desire', 'quote', 'Podolyak'],
  ['"wrote Podolyak on X": X is the platform', aggregator, 'It’s a complete hoax', 'quote', 'Podolyak'],
  ['"denounced as “null and void” by Russian officials"', aggregator, 'The US and Ukraine signed', 'text', null],
  ['partial quote, ", Putin said."', aggregator, 'All of this should', 'reported', 'Vladimir Putin'],
  ['"he said" after ", Putin said." in the previous paragraph', aggregator, '“We urge you', 'quote', 'Vladimir Putin'],
  ['"the Kremlin has previously said"', aggregator, 'The Kremlin has previously', 'reported', 'the Kremlin'],
  ['"Putin said, “that is their business ...”"', aggregator, 'If “Kiev and Western', 'quote', 'Vladimir Putin'],
  ['"told a foreign official that Kyiv “…”": indirect', aggregator, 'That same month', 'reported', 'Vladimir Putin'],
  ['"He said" after Putin told', aggregator, 'He said the official', 'reported', 'Vladimir Putin'],
  ['"citing" is not speech', aggregator, 'But the Kremlin later', 'text', null],
  ['"referred to them and said, “…”"', aggregator, 'Putin referred', 'quote', 'Vladimir Putin'],
  ['"(Reuters) - The Kremlin on Tuesday repeated its position that"', reuters, 'MOSCOW (Reuters)', 'reported', 'the Kremlin'],
  ['Reuters photo caption', reuters, 'Kremlin spokesman Dmitry Peskov attends', 'text', null],
  ['"Peskov told reporters"; "Moscow declared" nested', reuters, 'Kremlin spokesman Dmitry Peskov told', 'reported', 'Dmitry Peskov'],
  ['straight quotes: first of four', reuters, '"There are certain', 'quote', 'Dmitry Peskov'],
  ['straight quotes: wholly inside', reuters, 'I mean the new', 'quote', 'Dmitry Peskov'],
  ['straight quotes: "Peskov said on Tuesday"', reuters, 'Russia will never', 'quote', 'Dmitry Peskov'],
  ['"Peskov said" gets the article’s full name', reuters, 'Peskov said Russia', 'reported', 'Dmitry Peskov'],
  ['"he said" after "Peskov said"', reuters, 'But the main thing', 'quote', 'Dmitry Peskov'],
  ['"Moscow says", scare quote "liberate"', reuters, 'Russian forces', 'reported', 'Moscow'],
  ['"Kyiv and the West say"', reuters, 'Kyiv and the West', 'reported', 'Kyiv and the West'],
  ['"confirmed that ... and said the proposal “…”"', rks, 'Putin confirmed that', 'reported', 'Vladimir Putin'],
  ['subheading', rks, 'Putin: U.S. Plan', 'text', null],
  ['quote paragraph after "Putin said."', rks, 'But it would be inappropriate', 'quote', 'Vladimir Putin'],
  ['"“You are right." ... he said" after "Asked whether ..., Putin confirmed"', rks, '“You are right.', 'quote', 'Vladimir Putin'],
  ['Ukraine stated ... and Western officials insisted: two speakers', rks, 'The Kremlin’s expanded', 'reported', null],
];

const newsCases: Case[] = [
  ['Lavrov’s clause on its own', article('n1', 'T', [['Russian Foreign Minister Sergei Lavrov said this week that Moscow does not oppose talks with Ukraine.']]), 'Russian Foreign', 'reported', 'Sergei Lavrov'],
  ['Medvedev’s clause on its own', article('n2', 'T', [['Ex-President Dmitry Medvedev called for “the total surrender of the Kyiv regime on Russia’s terms” in a social media post.']]), 'Ex-President', 'reported', 'Dmitry Medvedev'],
  ['"he said" with two people named before', article('n3', 'T', [['Putin spoke with Volodymyr Zelensky by phone on Tuesday.', '“It was a useful conversation,” he said.']]), '“It was', 'quote', null],
  ['"he said" with nobody named before', article('n4', 'T', [['“We will not give up,” he said.']]), '“We will', 'quote', null],
  ['"he said" after an anonymous official', article('n5', 'T', [['A senior Ukrainian official said the talks had stalled.', '“There is nothing to discuss,” he said.']]), '“There is', 'quote', null],
  ['"he said" after the Kremlin (not a person)', article('n6', 'T', [['The Kremlin said the talks were over.', '“It is finished,” he said.']]), '“It is', 'quote', null],
  ['"he said" across a subheading', article('n7', 'T', [['Peskov said the talks were over.'], { subheading: 'What comes next' }, ['“It is finished,” he said.']]), '“It is', 'quote', null],
  ['"he said" two paragraphs after the name', article('n8', 'T', [['Peskov said the talks were over.'], ['The talks began in May.'], ['“It is finished,” he said.']]), '“It is', 'quote', null],
  ['"the Kremlin spokesman" matches "Kremlin spokesman Dmitry Peskov"', article('n9', 'T', [['Kremlin spokesman Dmitry Peskov spoke to reporters on Monday.'], ['“Nothing has changed,” the Kremlin spokesman said.']]), '“Nothing', 'quote', 'Dmitry Peskov'],
  ['"the Ukrainian leader" does not match Putin', article('n10', 'T', [['Russian President Vladimir Putin said the offer stood.'], ['“We are open,” the Ukrainian leader said.']]), '“We are', 'quote', null],
  ['"he said" after a one-word name never introduced as a person', article('n25', 'T', [['Gazprom said on Monday that supplies would stop.', '“We have no choice,” he said.']]), '“We have', 'quote', null],
  ['\'\'…\'\' quotes, apposition, initials; "said Sunday" names no one', article('n26', 'T', [['\'\'We don\'t believe U.S. troops are the answer to the problem,\'\' Benjamin J. Rhodes, Mr. Obama\'s deputy national security adviser, said Sunday.']]), '\'\'We', 'quote', 'Benjamin J. Rhodes'],
  ['an attribution with an unknown verb never inherits the previous speaker', article('n27', 'T', [['“You would be in jail,” Hillary Clinton said.'], ['“Because you’d be in jail,” Trump shot back.']]), '“Because', 'quote', null],
  ['"…” | Clinton said.": an ellipsis split off the attribution', article('n28', 'T', [['Maddow asked whether she had a shortlist.'], ['“Well, yes.', 'I’m going to look at a lot of different people…”', 'Clinton said.']]), '“Well', 'quote', 'Clinton'],
  ['apposition with commas of its own', article('n29', 'T', [['Cory James, 22, of Flint, Mich., said he had not given up hope.']]), 'Cory', 'reported', 'Cory James'],
  ['"officials who spoke with The Huffington Post said": the paper is the listener', article('n30', 'T', [['Current and former officials who spoke with The Huffington Post said the organization had become a shell of itself.']]), 'Current', 'reported', null],
  ['named and anonymous attributions in one sentence', article('n31', 'T', [['Eggleston expressed concern about the letter and said it could hurt the strategy, people familiar with the session said.']]), 'Eggleston', 'reported', null],
  ['"... when Trump spotted a sign and asked for it": not the crowd, not speech', article('n32', 'T', [['The Louisville crowd cheered when Trump spotted a sign and asked for it.']]), 'The Louisville', 'text', null],
  ['inverted "said Putin"', article('n11', 'T', [['“It is a hoax,” said Putin.']]), '“It is', 'quote', 'Putin'],
  ['colon lead-in', article('n12', 'T', [['Peskov told reporters: “There will be no talks.”']]), 'Peskov', 'quote', 'Peskov'],
  ['British single quotes', article('n13', 'T', [['\'We will fight on,\' Zelensky said.']]), '\'We will', 'quote', 'Zelensky'],
  ['scare quote opening a sentence', article('n14', 'T', [['“Denazification” remains one of Moscow’s stated goals.']]), '“Denaz', 'text', null],
  ['"a Kremlin official told Reuters"', article('n15', 'T', [['“No comment,” a Kremlin official told Reuters.']]), '“No comment', 'quote', null],
  ['"according to a person familiar with"', article('n16', 'T', [['According to a person familiar with the talks, the draft has 28 points.']]), 'According', 'reported', null],
  ['"declined to say"', article('n17', 'T', [['Peskov declined to say whether Putin would attend.']]), 'Peskov', 'text', null],
  ['open quote continued in the next paragraph (first part)', article('n18', 'T', [['“We are ready for talks.'], ['“But only on our terms,” Lavrov said.']]), '“We are', 'quote', 'Lavrov'],
  ['caption with a quote', article('n19', 'T', [{ caption: '“We will win,” Zelensky said in Kyiv on Monday.' }]), '“We will', 'text', null],
  ['"wrote on X that"', article('n20', 'T', [['Zelensky wrote on X that Ukraine would never recognise the occupation.']]), 'Zelensky', 'reported', 'Zelensky'],
  ['"Putin’s spokesman said": nobody named', article('n21', 'T', [['“This is theatre,” Putin’s spokesman said.']]), '“This', 'quote', null],
  ['apposition after the name', article('n22', 'T', [['Dmitry Peskov, the Kremlin spokesman, said the talks were useful.']]), 'Dmitry', 'reported', 'Dmitry Peskov'],
  ['", adding that" keeps the speaker', article('n23', 'T', [['“We will see,” Peskov said, adding that no date had been set.']]), '“We will', 'quote', 'Peskov'],
  ['title and name after the quote', article('n24', 'T', [['“Nothing is agreed until everything is agreed,” Ukrainian Foreign Minister Andrii Sybiha told reporters in Kyiv.']]), '“Nothing', 'quote', 'Andrii Sybiha'],
];

describe('classifyStatement', () => {
  it.each([...seedCases, ...newsCases])('%s', (_name, sentences, start, type, speaker) => {
    expect(classifyStatement(sentences, find(sentences, start))).toEqual({ type, speaker });
  });

  it('has a case table of the promised size', () => {
    expect(seedCases.length + newsCases.length).toBeGreaterThanOrEqual(30);
  });

  it('gives the same answers in any order of calls (memoised analysis)', () => {
    const forward = reuters.map((_, i) => classifyStatement(reuters, i));
    const copy = [...reuters];
    const backward = copy.map((_, i) => copy.length - 1 - i).map((i) => classifyStatement(copy, i)).reverse();
    expect(backward).toEqual(forward);
  });

  it('rejects an index outside the array', () => {
    expect(() => classifyStatement(reuters, reuters.length)).toThrow(RangeError);
  });
});
