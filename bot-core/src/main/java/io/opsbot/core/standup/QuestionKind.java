package io.opsbot.core.standup;

/**
 * How an answer is asked and read: free text, the blockers question (highlighted unless "none"), a 1-5 mood, one or
 * several of a list, a 1-5 scale, a number, or yes/no.
 */
public enum QuestionKind { TEXT, BLOCKERS, MOOD, CHOICE, MULTI, SCALE, NUMBER, YES_NO }
