/**
 * Platform-neutral forms (a Slack modal, an Adaptive Card with inputs), their inputs and the checks every submission
 * passes.
 */
package io.opsbot.core.form;
