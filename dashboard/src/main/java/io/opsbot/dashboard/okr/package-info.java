/**
 * OKRs: the objective tree with its alignment and rolled-up progress, each key result's progress and confidence over
 * time, and the key results not checked in this week.
 */
package io.opsbot.dashboard.okr;
