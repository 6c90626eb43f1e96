/**
 * Signing in: Sign in with Slack and Microsoft Entra ID (OpenID Connect), the identity each gives mapped to the
 * person the bot knows (platform, tenant, user), the dashboard's own security filter chain, and in the {@code local}
 * profile a development sign-in that needs no identity provider.
 */
package io.opsbot.dashboard.signin;
