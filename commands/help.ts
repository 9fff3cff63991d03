// /help: the commands, the query syntax, and what the bot does and does not do.
import type { CommandDefinition, Reply, ReplyBlock } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import { FULL_QUERY_SYNTAX_HELP } from '../src/check/query-language.ts';

function usage(command: CommandDefinition<Services>): string {
  return command.textOption ? `/${command.name} <${command.textOption}>` : `/${command.name}`;
}

/** `listCommands` is read when help runs, so help can list itself and the commands defined after it. */
export function createHelpCommand(listCommands: () => readonly CommandDefinition<Services>[]): CommandDefinition<Services> {
  return {
    name: 'help',
    description: 'How to use factbot: commands, query syntax, what it does and does not do',
    options: [],
    textOption: null,
    visibility: 'private',
    async run(): Promise<Reply> {
      const blocks: ReplyBlock[] = [
        { type: 'header', text: 'factbot help' },
        {
          type: 'text',
          text:
            'factbot shows what news sources say: verbatim sentences from its news corpus, each with ' +
            'publisher, date and link.',
        },
        {
          type: 'fields',
          fields: listCommands().map((command) => ({ label: usage(command), value: command.description })),
        },
        { type: 'text', text: `Query syntax:\n${FULL_QUERY_SYNTAX_HELP}` },
        {
          type: 'text',
          text:
            'What it does not do: it never judges whether a claim is true or false, never paraphrases or ' +
            'summarises (every quote is the exact published sentence), and knows only the articles in its ' +
            'corpus (see /sources). No match means the corpus does not say it, not that it is false.',
        },
        {
          type: 'context',
          text: 'Answers are private unless you ask for public ones; "Post to channel" shares one.',
        },
      ];
      return { blocks, summary: 'factbot help: /quote, /check, /timeline, /sources, /help' };
    },
  };
}
