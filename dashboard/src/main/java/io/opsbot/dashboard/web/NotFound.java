package io.opsbot.dashboard.web;

/**
 * No such record in the viewer's tenant: answered 404, the same whether it does not exist or belongs to another
 * tenant, so ids reveal nothing.
 */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what);
    }
}
