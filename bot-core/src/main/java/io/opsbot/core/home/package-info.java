/**
 * A person's home: what is waiting for them across every ritual (standup, check-ins, onboarding, trainings,
 * announcements, their feedback), built once here and shown by each platform (a Teams card, a Slack App Home).
 */
package io.opsbot.core.home;
