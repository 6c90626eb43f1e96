/** Onboarding and training: who is on which step, overdue steps, answers to trainings, acknowledgements. */
package io.opsbot.dashboard.onboarding;
