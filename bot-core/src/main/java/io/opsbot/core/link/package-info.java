/**
 * Links from chat to the web dashboard ("Open in dashboard" on triage cards, digests and the home), present only when
 * a dashboard address is configured.
 */
package io.opsbot.core.link;
