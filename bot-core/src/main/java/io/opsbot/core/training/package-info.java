/** Trainings with invitations and reminders, and announcements people must acknowledge. */
package io.opsbot.core.training;
