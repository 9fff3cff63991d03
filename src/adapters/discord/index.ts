// The Discord adapter's entry points: gateway mode, HTTP interactions mode, command deployment.
export { startDiscordGateway, type DiscordGatewayOptions, type RunningDiscordGateway } from './gateway.ts';
export {
  createDiscordInteractionsHandler,
  DISCORD_INTERACTIONS_PATH,
  type DiscordInteractionsOptions,
} from './http-interactions.ts';
export { deployCommands, type DeployCommandsOptions, type DeployedCommands } from './deploy.ts';
export { applicationCommandsJSON, CHECK_MESSAGE_COMMAND_NAME } from './commands.ts';
export { renderReply, type DiscordMessageBody } from './render.ts';
