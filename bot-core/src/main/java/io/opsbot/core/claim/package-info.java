/**
 * Do-this-once claims: an insert under a unique key, so of any number of attempts across retries and instances exactly
 * one wins.
 */
package io.opsbot.core.claim;
