// Slack's side of the /digest permission check. A slash command carries no roles, so the bot asks
// users.info (scope users:read, already in the manifest): workspace admins and owners may subscribe and
// unsubscribe channels. Others can be allowed by id in configuration (FACTBOT_DIGEST_SLACK_MANAGERS).
import { createPermissionChecker, type PermissionChecker } from '../../digest/permissions.ts';

/** What is read from users.info; the Web API client's own result type fits it. */
export interface SlackUsersInfo {
  users: {
    info(args: { user: string }): Promise<{ user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; deleted?: boolean } }>;
  };
}

/** True for workspace admins and owners. A failed lookup throws (the checker then refuses). */
export async function slackCanManage(client: SlackUsersInfo, userId: string): Promise<boolean> {
  const { user } = await client.users.info({ user: userId });
  if (!user || user.deleted) return false;
  return user.is_admin === true || user.is_owner === true || user.is_primary_owner === true;
}

/** The permission checker for a bot with Slack: admins and owners via users.info, plus the allow-list. */
export function createSlackPermissionChecker(client: SlackUsersInfo, allowList: readonly string[] = []): PermissionChecker {
  return createPermissionChecker({ slackIsAdmin: (userId) => slackCanManage(client, userId), slackAllowList: allowList });
}
