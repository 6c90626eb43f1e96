package io.opsbot.core.access;

/**
 * Thrown when a person may not change a record they asked to change; its message is the refusal they are shown, and
 * nothing has been changed. The conversation engine answers it like any other refusal.
 */
public class AccessDenied extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDenied(String refusal) {
        super(refusal);
    }
}
