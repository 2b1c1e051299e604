package io.veltrix.platform.security;

/**
 * The roles of Veltrix: staff roles come from configuration, ORGANIZER also from the organizer
 * accounts stored in the database, PLAYER from a Bearer token.
 */
public final class Roles {

    public static final String ORGANIZER = "ORGANIZER";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";
    public static final String PLAYER = "PLAYER";
    /**
     * The organizer of the configuration, beside ORGANIZER: it may also do what touches every
     * hunt at once (rebuilding a projection), which organizer accounts from the database may not.
     */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
