/**
 * Wiring of the Slack adapter: Bolt's App, the Web API client and opsbot.slack.* properties, active only when Slack is
 * configured.
 */
package io.opsbot.slack.config;
