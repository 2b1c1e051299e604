package io.veltrix.platform.security;

/** The roles of Veltrix; staff roles come from configuration, PLAYER from a Bearer token. */
public final class Roles {

    public static final String ORGANIZER = "ORGANIZER";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";
    public static final String PLAYER = "PLAYER";

    private Roles() {
    }
}
