import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_CACHE_TTL_MS,
  createActionCodec,
  decodeAction,
  encodeAction,
} from '../../src/chat/action-codec.ts';
import type { ReplyAction } from '../../src/chat/model.ts';

// Discord custom_id: 1-100 characters; Slack button value: up to 2000.
// https://discord.com/developers/docs/components/reference#button
// https://docs.slack.dev/reference/block-kit/block-elements/button-element
const DISCORD_CUSTOM_ID = 100;
const SLACK_VALUE = 2000;

function action(text: string, offset = 5, kind: 'more' | 'post' = 'more', command = 'quote'): ReplyAction {
  return { action: kind, label: kind === 'more' ? 'More' : 'Post to channel', command, state: { text, offset } };
}

describe('action codec', () => {
  it('round-trips any action, text and offset through the stateless form', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'more' | 'post'>('more', 'post'),
        fc.constantFrom('quote', 'check', 'timeline'),
        fc.string({ maxLength: 500 }),
        fc.nat({ max: 100_000 }),
        (kind, command, text, offset) => {
          const encoded = encodeAction(action(text, offset, kind, command), SLACK_VALUE);
          expect(encoded.length).toBeLessThanOrEqual(SLACK_VALUE);
          expect(decodeAction(encoded)).toEqual({ action: kind, command, state: { text, offset } });
        },
      ),
    );
  });

  it('keeps an action stateless when it is exactly maxLength long, and caches it one character over', () => {
    const codec = createActionCodec();
    const probe = codec.encodeAction(action(''), DISCORD_CUSTOM_ID);
    const fitting = 'k'.repeat(DISCORD_CUSTOM_ID - probe.length);
    const exact = codec.encodeAction(action(fitting), DISCORD_CUSTOM_ID);
    expect(exact.length).toBe(DISCORD_CUSTOM_ID);
    expect(exact).toContain(fitting);
    expect(codec.decodeAction(exact)).toEqual({ action: 'more', command: 'quote', state: { text: fitting, offset: 5 } });

    const over = codec.encodeAction(action(`${fitting}k`), DISCORD_CUSTOM_ID);
    expect(over.length).toBeLessThanOrEqual(DISCORD_CUSTOM_ID);
    expect(over).not.toContain(fitting);
    expect(codec.decodeAction(over)).toEqual({ action: 'more', command: 'quote', state: { text: `${fitting}k`, offset: 5 } });
  });

  it('gives each cached action its own id', () => {
    const codec = createActionCodec();
    const long = 'Kozak '.repeat(40);
    const first = codec.encodeAction(action(long, 5), DISCORD_CUSTOM_ID);
    const second = codec.encodeAction(action(long, 10), DISCORD_CUSTOM_ID);
    expect(first).not.toBe(second);
    expect(codec.decodeAction(first)).toMatchObject({ state: { offset: 5 } });
    expect(codec.decodeAction(second)).toMatchObject({ state: { offset: 10 } });
  });

  it('reports a cached action as expired once the clock passes 15 minutes, not before', () => {
    let clock = 1_700_000_000_000;
    const codec = createActionCodec({ now: () => clock });
    const encoded = codec.encodeAction(action('x'.repeat(300)), DISCORD_CUSTOM_ID);
    clock += ACTION_CACHE_TTL_MS - 1;
    expect(codec.decodeAction(encoded)).toMatchObject({ action: 'more', state: { text: 'x'.repeat(300) } });
    clock += 1;
    expect(codec.decodeAction(encoded)).toEqual({ expired: true });
    expect(ACTION_CACHE_TTL_MS).toBe(15 * 60 * 1000);
  });

  it('reports a cached id from another process (a restart) as expired', () => {
    const before = createActionCodec().encodeAction(action('y'.repeat(300)), DISCORD_CUSTOM_ID);
    expect(createActionCodec().decodeAction(before)).toEqual({ expired: true });
  });

  it('drops the oldest cached actions beyond the size bound', () => {
    const codec = createActionCodec({ maxEntries: 2 });
    const ids = [1, 2, 3].map((n) => codec.encodeAction(action('z'.repeat(200), n), DISCORD_CUSTOM_ID));
    expect(codec.decodeAction(ids[0] as string)).toEqual({ expired: true });
    expect(codec.decodeAction(ids[2] as string)).toMatchObject({ state: { offset: 3 } });
  });

  it('returns null for ids that are not ours or are malformed', () => {
    for (const foreign of ['', 'button_1', 'fb1:x:quote:1:a', 'fb1:m:Quote:1:a', 'fb1:m:quote:-1:a', 'fb1:c:short']) {
      expect(decodeAction(foreign)).toBeNull();
    }
  });

  it('refuses a maxLength too small even for a cache id', () => {
    expect(() => encodeAction(action('a'.repeat(50)), 10)).toThrow(RangeError);
  });
});
