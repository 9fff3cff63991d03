// What commands may use. Adapters receive one Services object and pass it to every command.
import type { Logger } from 'pino';
import type { ClaimChecker } from '../check/types.ts';
import type { FeedStatus } from '../live/feed-state.ts';
import type { SearchBackend } from '../search/backend.ts';

export interface Services {
  search: SearchBackend;
  checker: ClaimChecker;
  /** The root logger; dispatch derives one child per request (platform, command, request id). */
  log: Logger;
  /** Injectable clock (ms since epoch). */
  now(): number;
  /** The feeds the running bot polls, with their status, for /sources; absent where none are polled. */
  feeds?: () => readonly FeedStatus[];
}
