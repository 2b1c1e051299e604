package io.veltrix.platform.security;

import java.util.Objects;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What a staff login is throttled by besides its account: the client address and the device
 * credential it presented ({@link DeviceCredentials#HEADER}, unchecked; null without one).
 */
public final class StaffLoginDetails extends WebAuthenticationDetails {

    private final String deviceCredential;

    public StaffLoginDetails(String remoteAddress, String deviceCredential) {
        super(remoteAddress, null);
        this.deviceCredential = deviceCredential;
    }

    /** The device credential as presented, not yet verified. */
    public String deviceCredential() {
        return deviceCredential;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StaffLoginDetails details && super.equals(other)
                && Objects.equals(deviceCredential, details.deviceCredential);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), deviceCredential);
    }

    /** Leaves the credential out, as every log line should. */
    @Override
    public String toString() {
        return "StaffLoginDetails[address=" + getRemoteAddress() + ", device credential "
                + (deviceCredential == null ? "none" : "presented") + "]";
    }
}
