// Command definitions → Discord application command JSON: Discord's rules are enforced before the
// PUT, where the error can name the command, rather than as a 400 for the whole set.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { applicationCommandsJSON, slashCommandJSON } from '../../../src/adapters/discord/commands.ts';
import type { CommandDefinition, OptionDefinition } from '../../../src/chat/model.ts';

function definition(overrides: Partial<CommandDefinition<unknown>> = {}): CommandDefinition<unknown> {
  return {
    name: 'quote',
    description: 'Quotes',
    options: [],
    textOption: null,
    visibility: 'private',
    run: () => Promise.reject(new Error('not run in these tests')),
    ...overrides,
  };
}
const option = (name: string, required: boolean, type: OptionDefinition['type'] = 'string'): OptionDefinition => ({ name, description: `the ${name}`, type, required });

describe('Discord command JSON', () => {
  it('puts required options before optional ones, keeping each group in order, with typed limits', () => {
    const json = slashCommandJSON(
      definition({ options: [option('public', false, 'boolean'), { ...option('query', true), maxLength: 500 }, { ...option('page', false, 'integer'), min: 1, max: 9 }] }),
    );
    expect('options' in json ? json.options : []).toEqual([
      { name: 'query', description: 'the query', required: true, type: ApplicationCommandOptionType.String, max_length: 500 },
      { name: 'public', description: 'the public', required: false, type: ApplicationCommandOptionType.Boolean },
      { name: 'page', description: 'the page', required: false, type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 9 },
    ]);
  });

  it('keeps a 100-character description and shortens a 101-character one', () => {
    const exact = slashCommandJSON(definition({ description: 'd'.repeat(100) }));
    expect('description' in exact && exact.description).toBe('d'.repeat(100));
    const long = slashCommandJSON(definition({ description: `${'word '.repeat(20)}x` }));
    expect('description' in long && (long.description ?? '').length).toBeLessThanOrEqual(100);
  });

  it('refuses names Discord would reject and more than 25 options', () => {
    expect(() => slashCommandJSON(definition({ name: 'Quote' }))).toThrow(/lower-case/);
    expect(() => slashCommandJSON(definition({ name: 'q'.repeat(33) }))).toThrow(/1-32/);
    expect(() => slashCommandJSON(definition({ name: 'two words' }))).toThrow();
    expect(slashCommandJSON(definition({ name: 'q'.repeat(32) })).name).toBe('q'.repeat(32));
    const options = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`, false));
    expect(() => slashCommandJSON(definition({ options: options(25) }))).not.toThrow();
    expect(() => slashCommandJSON(definition({ options: options(26) }))).toThrow(/25 options/);
  });

  it('adds "Check this message" only when a check command with a text option exists', () => {
    const messageCommands = (defs: CommandDefinition<unknown>[]) => applicationCommandsJSON(defs).filter((c) => c.type === ApplicationCommandType.Message);
    expect(messageCommands([definition()])).toEqual([]);
    expect(messageCommands([definition({ name: 'check', textOption: 'claim', options: [option('claim', true)] })])).toEqual([
      { type: ApplicationCommandType.Message, name: 'Check this message' },
    ]);
  });
});
