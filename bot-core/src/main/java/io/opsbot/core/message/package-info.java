/**
 * What a message shows, independent of platform: blocks, formatted text as typed spans, buttons; adapters render it.
 */
package io.opsbot.core.message;
