/**
 * Installing by Slack's OAuth v2 flow (Bolt's): the install page and redirect, OAuth state and installations in
 * MongoDB behind Bolt's {@code OAuthStateService} and {@code InstallationService}, tokens encrypted and rotated.
 */
package io.opsbot.slack.oauth;
