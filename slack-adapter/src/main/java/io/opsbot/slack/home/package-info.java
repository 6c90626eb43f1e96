/** The App Home tab: each person's "waiting for me" list, published on open and again when it changes. */
package io.opsbot.slack.home;
