package io.opsbot.core.standup;

/** Whether everyone is asked at the same instant (the team's zone) or at the same local time in their own zone. */
public enum ZoneMode { TEAM, PARTICIPANT }
