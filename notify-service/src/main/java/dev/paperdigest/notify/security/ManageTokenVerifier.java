package dev.paperdigest.notify.security;

import java.util.OptionalLong;

/**
 * Tells which subscriber a manage token belongs to. Implemented by the subscription store; blocking (it asks the
 * database), so callers run it off the event loop.
 */
public interface ManageTokenVerifier {

    /** The id of the subscriber whose valid (unexpired) manage token this is; empty for anything else. */
    OptionalLong subscriberId(String manageToken);
}
