package io.opsbot.core.conversation;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The database cannot be reached (a failover, a network cut). Nothing is wrong with what the person did and it will
 * work again shortly: they are told to try again in a moment, and the log gets one line, not a stack trace.
 */
public final class DatabaseAway {

    public static final String MESSAGE = "⚠️ I can't reach my database right now, so I couldn't do that. "
            + "Please try again in a moment.";

    private DatabaseAway() {
    }

    /** Whether this failure, or one of its causes, is the database being out of reach. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof com.mongodb.MongoTimeoutException || t instanceof com.mongodb.MongoSocketException) {
                return true;
            }
        }
        return false;
    }
}
