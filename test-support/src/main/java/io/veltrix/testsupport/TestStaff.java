package io.veltrix.testsupport;

/**
 * Staff passwords for tests: strong enough for the start-up check on staff passwords, and one
 * place to change them. Test contexts pair them with user names of their own.
 */
public final class TestStaff {

    public static final String ORGANIZER_PASSWORD = "test-organizer-Vq7rT2xk";
    public static final String AUDITOR_PASSWORD = "test-auditor-Hn4wZ8cp";
    public static final String ADMIN_PASSWORD = "test-admin-Lm3yB6ds";

    private TestStaff() {
    }
}
