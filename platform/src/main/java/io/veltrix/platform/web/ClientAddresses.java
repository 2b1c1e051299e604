package io.veltrix.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address a request came from, as the per-address limits count it. {@code X-Forwarded-For} is
 * written by whoever sends the request, so it is believed only when the direct peer is one of the
 * configured trusted proxies, and then only up to the first hop that is not one of them: a client
 * cannot pick its own address by sending the header through a trusted proxy that appends to it.
 */
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<IpAddressMatcher> trustedProxies;

    /** @param trustedProxies addresses or CIDR ranges of our own reverse proxies; empty: trust none */
    public ClientAddresses(List<String> trustedProxies) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String entry : trustedProxies) {
            String proxy = entry.strip();
            if (proxy.isEmpty()) {
                continue;
            }
            String address = proxy.contains("/") ? proxy.substring(0, proxy.indexOf('/')) : proxy;
            if (!isLiteral(address)) {
                throw new IllegalArgumentException("a trusted proxy is an IP address or a CIDR range, not '" + proxy + "'");
            }
            matchers.add(new IpAddressMatcher(proxy));
        }
        this.trustedProxies = List.copyOf(matchers);
    }

    /** The client's address: the socket peer, or the nearest untrusted hop its trusted proxies name. */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedHops(request.getHeaders("X-Forwarded-For"));
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isLiteral(hop)) {
                // only a client writes something that is not an address: the hop after it is the
                // last one a trusted proxy vouched for
                return client;
            }
            client = normalized(hop);
            if (!trusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        if (trustedProxies.isEmpty() || !isLiteral(address)) {
            return false;
        }
        for (IpAddressMatcher proxy : trustedProxies) {
            if (proxy.matches(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedHops(Enumeration<String> headers) {
        if (headers == null) {
            return List.of();
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(headers)) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** True for an IPv4 or IPv6 literal: only those are parsed, so no name is ever looked up. */
    private static boolean isLiteral(String address) {
        if (address == null) {
            return false;
        }
        if (IPV4.matcher(address).matches()) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        // the runtime parses anything with a colon as an IPv6 literal, or refuses it without a lookup
        return IPV6.matcher(address).matches();
    }

    private static String normalized(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException malformed) {
            return literal;
        }
    }
}
