/**
 * Whether a person should be nudged on a day (out of office, company holidays), asked by every ritual, and the holiday
 * and ooo commands.
 */
package io.opsbot.core.availability;
