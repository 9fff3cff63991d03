// Which chat adapters the environment asks for. Kept lenient on purpose: it only decides the modes and
// names half-set pairs; the formats of the values are checked by loadConfig (config.ts), which reports
// every problem at once.

export interface DiscordHttpCredentials {
  mode: 'http';
  publicKey: string;
  applicationId: string;
  token: string | null;
  apiUrl: string | null;
}

export interface DiscordGatewayCredentials {
  mode: 'gateway';
  token: string;
  apiUrl: string | null;
}

export interface SlackCredentials {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string | null;
}

export interface ChatCredentials {
  discord: DiscordHttpCredentials | DiscordGatewayCredentials | null;
  slack: SlackCredentials | null;
  /** Half-set credentials, as sentences naming the missing variable. */
  problems: string[];
}

/**
 * Discord with a public key uses HTTP interactions (Discord then sends no interactions over the
 * gateway); Slack with an app token uses Socket Mode. DISCORD_API_URL and SLACK_API_URL point the real
 * clients elsewhere (local fakes in tests). Blank values count as unset (.env.example leaves them blank).
 */
export function chatCredentials(env: Record<string, string | undefined>): ChatCredentials {
  const value = (name: string): string | null => env[name]?.trim() || null;
  const problems: string[] = [];
  let discord: ChatCredentials['discord'] = null;
  const publicKey = value('DISCORD_PUBLIC_KEY');
  const discordToken = value('DISCORD_TOKEN');
  if (publicKey) {
    const applicationId = value('DISCORD_APPLICATION_ID');
    if (applicationId) discord = { mode: 'http', publicKey, applicationId, token: discordToken, apiUrl: value('DISCORD_API_URL') };
    else problems.push('DISCORD_PUBLIC_KEY is set but DISCORD_APPLICATION_ID is not (Discord HTTP interactions need both)');
  } else if (discordToken) {
    discord = { mode: 'gateway', token: discordToken, apiUrl: value('DISCORD_API_URL') };
  }

  let slack: ChatCredentials['slack'] = null;
  const botToken = value('SLACK_BOT_TOKEN');
  const signingSecret = value('SLACK_SIGNING_SECRET');
  const appToken = value('SLACK_APP_TOKEN');
  if (botToken && (signingSecret || appToken)) {
    slack = { botToken, signingSecret, appToken, apiUrl: value('SLACK_API_URL') };
  } else if (botToken) {
    problems.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is');
  } else if (signingSecret || appToken) {
    problems.push(`${signingSecret ? 'SLACK_SIGNING_SECRET' : 'SLACK_APP_TOKEN'} is set but SLACK_BOT_TOKEN is not`);
  }
  return { discord, slack, problems };
}
