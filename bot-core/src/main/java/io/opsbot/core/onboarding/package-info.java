/**
 * Onboarding walkthroughs: tracks of steps released day by day to a new member, with reminders and progress for their
 * buddies.
 */
package io.opsbot.core.onboarding;
