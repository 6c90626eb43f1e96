/**
 * One person on both platforms: a Slack identity and a Teams identity linked by a one-time code, so a ritual of one
 * tenant can ask its linked people on the platform they use. See the README's "One ritual across Slack and Teams".
 */
package io.opsbot.core.identity;
