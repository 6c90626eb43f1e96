package io.opsbot.core.retention;

import java.util.Set;

/**
 * Collections of a module whose tenant records let the app act there (an installation, its tokens): deleting a tenant's
 * data leaves them alone while the app is still installed, and deletes them with the rest once it has left.
 */
public interface KeptWhileInstalled {

    Set<String> collections();
}
