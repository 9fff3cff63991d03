// What a digest says: which sentences stand for an article, the topic filter, the checks section, the empty
// case, and that a large digest still fits Discord's and Slack's limits through the shared renderers.
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.ts';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { buildDigestContent, renderDigest, type DigestContent } from '../../src/digest/content.ts';
import { pickCentralSentences } from '../../src/digest/pick.ts';
import { recordArticlesSeen } from '../../src/digest/scheduler.ts';
import { discordMessageProblems } from '../fakes/discord.ts';
import { contextLines } from '../fakes/slack.ts';
import { quoteBlocks, textOf } from '../helpers/services.ts';
import { WIND_FARM, digestWorld, newArticle } from './helpers.ts';

const CHANNEL = { platform: 'discord' as const, channelId: '1900000000000000001' };
const RENDER = { localDate: '2025-05-02', timezone: 'UTC', whenEmpty: 'skip' as const };

describe('picking sentences', () => {
  it('picks the sentences about what the article is about, never the filler, in article order', () => {
    const picked = pickCentralSentences(articleSentences(WIND_FARM)).map((s) => s.text);
    expect(picked.length).toBeGreaterThanOrEqual(1);
    expect(picked.length).toBeLessThanOrEqual(2);
    expect(picked[0]).toBe(WIND_FARM.blocks[0]?.text);
    expect(picked).not.toContain('He declined to comment.');
    const order = picked.map((text) => WIND_FARM.blocks.findIndex((b) => b.text === text));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('prefers the sentence sharing words with the rest over an aside, and does not pick a near-repeat twice', () => {
    const article = newArticle('a', 'Portmere bridge reopens after repairs', [
      'The weather in the region was mild for the season, with light winds from the west.',
      'The Portmere bridge reopened to traffic on Friday after three months of repairs.',
      'Repairs to the Portmere bridge cost the town more than expected, the mayor said.',
      'The Portmere bridge reopened to traffic on Friday after three months of repairs, officials said.',
    ]);
    const picked = pickCentralSentences(articleSentences(article)).map((s) => s.text);
    expect(picked).not.toContain('The weather in the region was mild for the season, with light winds from the west.');
    expect(picked.filter((text) => text.startsWith('The Portmere bridge reopened'))).toHaveLength(1);
  });

  it('picks nothing from an article with a headline only', () => {
    expect(pickCentralSentences(articleSentences(newArticle('b', 'Headline only', [])))).toEqual([]);
  });
});

describe('digest content', () => {
  it('with a topic lists only new articles with matching sentences, and only those sentences', async () => {
    const world = await digestWorld('2025-05-01T09:00:00Z');
    const store = world.openStore();
    await recordArticlesSeen(store, world.index, world.clock.now());
    await world.index.upsertArticle(WIND_FARM);
    await world.index.upsertArticle(newArticle('c', 'Portmere opens new library', ['The new Portmere library opened on Saturday with 40,000 books.']));
    await recordArticlesSeen(store, world.index, world.clock.now() + 1000);
    const content = await buildDigestContent({ search: world.index, store }, { channel: CHANNEL, since: world.clock.now(), until: world.clock.now() + 2000, topic: 'fishermen', maxArticles: 8, maxChecks: 10 });
    expect(content.articles.map((a) => a.id)).toEqual([WIND_FARM.id]);
    expect(content.articles[0]?.sentences.map((s) => s.text)).toEqual([WIND_FARM.blocks[3]?.text]);
    expect(content.articles[0]?.sentences[0]?.highlights.length).toBeGreaterThan(0);
    const reply = renderDigest(content, RENDER)!;
    expect(textOf(reply)).toContain('Only new sentences matching “fishermen”');
    await store.close();
  });

  it('lists each checked claim once with its strength and best source, and never a user', async () => {
    const world = await digestWorld('2025-05-01T09:00:00Z');
    const store = world.openStore();
    const top = { text: 'The ferry terminal will replace the old pier.', publisher: 'Coast Courier', published: '2025-03-01', dateInferred: false, title: 'Portmere approves ferry terminal', url: null };
    const base = { ...CHANNEL, publishers: 1, top };
    await store.recordCheck({ ...base, checkedAt: 100, claim: 'Portmere is building a ferry terminal', match: 'strong' });
    await store.recordCheck({ ...base, checkedAt: 200, claim: 'portmere is  building a ferry terminal', match: 'strong' });
    await store.recordCheck({ ...base, checkedAt: 300, claim: 'Portmere has a volcano', match: 'none', publishers: 0, top: null });
    await store.recordCheck({ ...base, channelId: 'another', checkedAt: 300, claim: 'Not this channel', match: 'partial' });
    const content = await buildDigestContent({ search: world.index, store }, { channel: CHANNEL, since: 0, until: 1000, topic: null, maxArticles: 8, maxChecks: 10 });
    expect(content.checks.map((c) => [c.claim, c.times])).toEqual([['portmere is  building a ferry terminal', 2], ['Portmere has a volcano', 1]]);
    const reply = renderDigest(content, RENDER)!;
    const [quote] = quoteBlocks(reply);
    expect(quote?.citation.label).toBe('checked “portmere is  building a ferry terminal” · strong match, 1 publisher');
    expect(textOf(reply)).toContain('“Portmere has a volcano”: no statement in the corpus matches it');
    expect(JSON.stringify(reply)).not.toContain('Not this channel');
    await store.close();
  });

  it('is empty when nothing happened: no reply by default, one line when configured', async () => {
    const world = await digestWorld('2025-05-01T09:00:00Z');
    const store = world.openStore();
    await recordArticlesSeen(store, world.index, world.clock.now());
    const content = await buildDigestContent({ search: world.index, store }, { channel: CHANNEL, since: world.clock.now(), until: world.clock.now() + 1, topic: null, maxArticles: 8, maxChecks: 10 });
    expect(renderDigest(content, RENDER)).toBeNull();
    const note = renderDigest(content, { ...RENDER, whenEmpty: 'note' });
    expect(note?.blocks).toEqual([{ type: 'text', text: 'factbot digest 2025-05-02: nothing new since 2025-05-01 09:00 UTC.' }]);
    await store.close();
  });

  it('fits Discord and Slack limits with many long articles and checks, keeping the footer', () => {
    const long = 'The council said the harbour project would continue despite objections from residents, '.repeat(12).trim();
    const content: DigestContent = {
      since: 0,
      until: 1,
      topic: null,
      method: 'centrality',
      articles: Array.from({ length: 12 }, (_, i) => ({
        id: `a${i}`,
        title: `A very long title about the harbour project number ${i} `.repeat(6),
        publisher: 'Harbour Gazette',
        published: '2025-05-01',
        dateInferred: false,
        url: `https://example.test/${i}`,
        firstSeenAt: 1,
        sentences: [{ id: `a${i}#2`, text: long, highlights: [] }, { id: `a${i}#3`, text: long, highlights: [] }],
      })),
      moreArticles: 30,
      checks: Array.from({ length: 10 }, (_, i) => ({ checkedAt: i, claim: `Claim ${i} `.repeat(50), match: 'partial' as const, publishers: 0, times: 1, top: null })),
      moreChecks: 4,
      coverage: { articles: 1000, publishers: ['A', 'B'], sentences: 50_000, firstDate: '2020-01-01', lastDate: '2025-05-01' },
    };
    const reply = renderDigest(content, RENDER)!;
    const discord = renderDiscord(reply);
    expect(discordMessageProblems(discord)).toEqual([]);
    expect(discord.embeds.at(-1)?.footer?.text).toContain('does not judge whether a claim is true');
    const slack = renderSlack(reply);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(contextLines(slack.blocks).join('\n')).toContain('does not judge whether a claim is true');
    expect(textOf(reply)).toContain('…and 30 more new articles');
  });
});
