/** On-demand benchmarks against the fake Slack API; run by hand, never part of the test suite. */
package io.opsbot.bench;
