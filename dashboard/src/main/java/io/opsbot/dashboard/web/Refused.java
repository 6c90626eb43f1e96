package io.opsbot.dashboard.web;

/** The person may not do this: answered 403 with the reason, and nothing changes. */
public class Refused extends RuntimeException {

    public Refused(String reason) {
        super(reason);
    }
}
