/**
 * Objectives and key results: cycles, weekly check-ins by DM, form or command, alerts, reports and the weekly digest.
 */
package io.opsbot.core.okr;
