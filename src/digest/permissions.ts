// Who may subscribe a channel to the digest or unsubscribe it: people who may manage the channel.
// Discord knows this per interaction (the member's permissions in the channel arrive with it), so the
// Discord adapter computes it and passes it in the invocation's options under CAN_MANAGE_CHANNEL_OPTION
// (see src/adapters/discord/digest-permissions.ts). Slack does not send roles with a command; the checker
// asks users.info (workspace admins and owners) or reads an allow-list from configuration.
import type { Invocation } from '../chat/model.ts';

/**
 * Options key the Discord adapter fills with a boolean. Not a declared option of any command, so no user
 * can set it: Discord only forwards registered options, and Slack's text parser only reads declared ones.
 */
export const CAN_MANAGE_CHANNEL_OPTION = '__can_manage_channel';

export interface PermissionChecker {
  canManage(invocation: Invocation): Promise<boolean>;
}

export interface PermissionCheckerOptions {
  /** True when the Slack user is a workspace admin or owner (the adapter's `slackCanManage` over users.info). */
  slackIsAdmin?: (userId: string) => Promise<boolean>;
  /** Slack user ids allowed in any case (FACTBOT_DIGEST_SLACK_MANAGERS). */
  slackAllowList?: readonly string[];
  /** The console is the operator's own terminal; default true. */
  allowConsole?: boolean;
}

export function createPermissionChecker(options: PermissionCheckerOptions = {}): PermissionChecker {
  const allowList = new Set(options.slackAllowList ?? []);
  return {
    async canManage(invocation) {
      switch (invocation.platform) {
        case 'discord':
          // Strictly true: a missing value (an adapter not wired yet) refuses instead of letting anyone in.
          return invocation.options[CAN_MANAGE_CHANNEL_OPTION] === true;
        case 'slack':
          if (allowList.has(invocation.user.id)) return true;
          if (!options.slackIsAdmin) return false;
          try {
            return await options.slackIsAdmin(invocation.user.id);
          } catch {
            // Slack unreachable: refusing is safe, the user can try again.
            return false;
          }
        case 'console':
          return options.allowConsole ?? true;
      }
    },
  };
}

/** What someone without the permission is told, per platform. */
export function refusalText(platform: Invocation['platform'], action: 'subscribe' | 'unsubscribe'): string {
  const what = action === 'subscribe' ? 'subscribe this channel to the daily digest' : 'unsubscribe this channel from the daily digest';
  const who =
    platform === 'discord'
      ? 'members with the Manage Channels permission here'
      : platform === 'slack'
        ? 'workspace admins and owners (or people the bot operator has allowed)'
        : 'the bot operator';
  return `Only ${who} can ${what}. Anyone can see the settings with /digest show or try it with /digest preview.`;
}
