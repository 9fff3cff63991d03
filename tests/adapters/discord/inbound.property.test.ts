// Properties of Discord option handling over arbitrary interactions: only typed values reach a command,
// under their own names; every interaction gets a route (never an exception); message text beyond the
// input cap comes back as a clear message, and Discord itself is told the cap for typed options.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_LENGTH } from '../../../commands/common.ts';
import { commands } from '../../../commands/index.ts';
import { slashCommandJSON } from '../../../src/adapters/discord/commands.ts';
import { EMPTY_MESSAGE_TEXT, inboundFromApi, routeInteraction } from '../../../src/adapters/discord/inbound.ts';
import { renderReply } from '../../../src/adapters/discord/render.ts';
import { checkThisMessage, slashCommand, type SlashOption } from '../../fixtures/discord/interactions.ts';
import { seedServices } from '../../helpers/services.ts';

const optionName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,31}$/);
const typedOption: fc.Arbitrary<SlashOption> = fc.oneof(
  fc.record({ name: optionName, type: fc.constant(ApplicationCommandOptionType.String as const), value: fc.string({ maxLength: 600 }) }),
  fc.record({ name: optionName, type: fc.constant(ApplicationCommandOptionType.Boolean as const), value: fc.boolean() }),
  fc.record({ name: optionName, type: fc.constant(ApplicationCommandOptionType.Integer as const), value: fc.integer() }),
);
/** What a newer Discord or a hand-made request could carry: options without a value or with an object one. */
const oddOption = fc.record({ name: optionName, type: fc.constantFrom(1, 2, 7, 11), value: fc.oneof(fc.constant(undefined), fc.constant(null), fc.object()) });

describe('Discord slash command options', () => {
  it('keep exactly the typed values, by name, and route to the command with its invocation fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commands.map((c) => c.name)), fc.array(typedOption, { maxLength: 6 }), fc.array(oddOption, { maxLength: 3 }), (name, typed, odd) => {
        const interaction = slashCommand(name, typed);
        const withOdd = { ...interaction, data: { ...interaction.data, options: [...odd, ...typed] as unknown as SlashOption[] } };
        const route = routeInteraction(inboundFromApi(withOdd), commands);
        expect(route.type).toBe('command');
        if (route.type !== 'command') return;
        // Later options of one name win, as in an object literal; odd ones never reach the command.
        const expected: Record<string, unknown> = {};
        for (const option of typed) expected[option.name] = option.value;
        for (const option of odd) if (!(option.name in expected)) expect(route.invocation.options).not.toHaveProperty(option.name);
        for (const [key, value] of Object.entries(expected)) expect(route.invocation.options[key]).toBe(value);
        for (const value of Object.values(route.invocation.options)) expect(['string', 'number', 'boolean']).toContain(typeof value);
        expect(route.invocation).toMatchObject({ platform: 'discord', command: name, requestId: interaction.id, channel: { id: interaction.channel_id } });
      }),
      { numRuns: 300 },
    );
  });

  it('answer an unknown command with a notice instead of failing, whatever its name', () => {
    fc.assert(
      fc.property(optionName.filter((n) => !commands.some((c) => c.name === n)), (name) => {
        const route = routeInteraction(inboundFromApi(slashCommand(name, [])), commands);
        expect(route).toMatchObject({ type: 'notice', text: `This bot no longer has /${name}.` });
      }),
    );
  });

  it('tell Discord the input cap of the free-text commands, so typed text never exceeds it', () => {
    for (const name of ['quote', 'check', 'timeline']) {
      const definition = commands.find((c) => c.name === name);
      if (!definition?.textOption) throw new Error(`/${name} should take free text`);
      const json = slashCommandJSON(definition) as { options?: Array<{ name: string; max_length?: number }> };
      expect(json.options?.find((o) => o.name === definition.textOption)?.max_length, name).toBe(MAX_INPUT_LENGTH);
    }
  });
});

describe('"Check this message" on any message text', () => {
  it('routes trimmed text to /check, and blank text to a notice', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4000 }), (content) => {
        const route = routeInteraction(inboundFromApi(checkThisMessage(content)), commands);
        if (content.trim() === '') {
          expect(route).toMatchObject({ type: 'notice', text: EMPTY_MESSAGE_TEXT });
        } else {
          expect(route).toMatchObject({ type: 'command', invocation: { command: 'check', options: { claim: content.trim() } } });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers text over the cap with a message giving its length and the limit, which renders without a mention', async () => {
    const services = await seedServices();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_INPUT_LENGTH + 1, max: 4000 }), fc.constantFrom('@everyone ', 'Kozak ', '<@1> '), async (length, unit) => {
        const content = unit.repeat(Math.ceil(length / unit.length)).slice(0, length).trim();
        const route = routeInteraction(inboundFromApi(checkThisMessage(content)), commands);
        if (route.type !== 'command') throw new Error(`expected a command route, got ${route.type}`);
        const reply = await route.definition.run(route.invocation, services, 0);
        expect(reply.summary).toBe(
          `That claim is ${content.length} characters long; the limit is ${MAX_INPUT_LENGTH}. Please shorten it to the words that matter.`,
        );
        const body = renderReply(reply);
        expect(body.allowed_mentions).toEqual({ parse: [] });
      }),
      { numRuns: 30 },
    );
  });
});
