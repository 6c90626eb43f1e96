package io.opsbot.core.standup;

/** How an answer is read: free text, the blockers question (highlighted unless "none"), or a 1-5 mood. */
public enum QuestionKind { TEXT, BLOCKERS, MOOD }
