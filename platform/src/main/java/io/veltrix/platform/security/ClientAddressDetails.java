package io.veltrix.platform.security;

import io.veltrix.platform.web.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of a staff login: the client address as {@link ClientAddresses} sees it (behind our
 * trusted reverse proxies, the client they name; never what a client writes itself), so the
 * {@link StaffLoginGuard} counts failures per client rather than per proxy, and the device
 * credential the client presented, if any. No session: the services are stateless.
 */
public final class ClientAddressDetails implements AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> {

    private final ClientAddresses clientAddresses;

    public ClientAddressDetails(ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public WebAuthenticationDetails buildDetails(HttpServletRequest request) {
        return new StaffLoginDetails(clientAddresses.of(request), request.getHeader(DeviceCredentials.HEADER));
    }
}
