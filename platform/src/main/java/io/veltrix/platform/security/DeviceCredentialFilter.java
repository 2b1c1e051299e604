package io.veltrix.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands a staff client a device credential ({@link DeviceCredentials}) in the response's
 * {@value DeviceCredentials#HEADER} header once its login has been accepted, unless it presented a
 * valid one of the same account that is less than half through its life. Players and anonymous
 * callers get none. Runs after the Basic login in each service's security chain.
 */
public final class DeviceCredentialFilter extends OncePerRequestFilter {

    private final DeviceCredentials devices;

    public DeviceCredentialFilter(DeviceCredentials devices) {
        this.devices = devices;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof UserDetails staff) {
            Optional<DeviceCredentials.Device> presented =
                    devices.verify(request.getHeader(DeviceCredentials.HEADER), staff.getUsername());
            if (presented.isEmpty() || devices.dueForRenewal(presented.get())) {
                response.setHeader(DeviceCredentials.HEADER, devices.issue(staff.getUsername()));
            }
        }
        chain.doFilter(request, response);
    }
}
