/**
 * Question-by-question conversations in direct messages (standup answers, check-ins), one active per person at a time.
 */
package io.opsbot.core.dialog;
