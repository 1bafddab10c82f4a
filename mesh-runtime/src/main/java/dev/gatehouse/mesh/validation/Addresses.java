package dev.gatehouse.mesh.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP and DNS-name checks equivalent to Go's {@code net.ParseIP} and govalidator's {@code IsDNSName}. */
public final class Addresses {
    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern DNS_NAME =
            Pattern.compile("^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$");

    private Addresses() {}

    public static boolean isIp(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (!s.contains(":") || s.startsWith("[")) {
            return false;
        }
        try {
            // A string with ':' is parsed as an IPv6 literal only; no name lookup happens.
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isDnsName(String s) {
        if (s == null || s.isEmpty() || s.length() > 255 || isIp(s)) {
            return false;
        }
        return DNS_NAME.matcher(s).matches();
    }
}
