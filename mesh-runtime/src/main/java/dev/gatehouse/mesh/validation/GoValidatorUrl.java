package dev.gatehouse.mesh.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The address check Kuma applies with govalidator's {@code IsURL} (asaskevich/govalidator validator.go): an optional
 * scheme ({@code tcp://}, {@code http://}, ...), optional user info, a host (IPv4, bracketed IPv6 or a name), an
 * optional port and path; {@code 127.0.0.1:5000} and {@code logstash:5000} pass, {@code 127.0.0.1 5000} does not.
 */
public final class GoValidatorUrl {
    private static final String NAME_CHAR = "a-zA-Z0-9\\u00a1-\\uffff";
    private static final Pattern URL = Pattern.compile("^((ftp|tcp|udp|wss?|https?)://)?"
            + "(\\S+(:\\S*)?@)?"
            + "(" + "(([1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3]|24\\d|25[0-5])(\\.(\\d{1,2}|1\\d\\d|2[0-4]\\d|25[0-5])){2}"
            + "\\.([0-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-5]))"
            + "|(\\[[0-9a-fA-F:.%]+])"
            + "|([" + NAME_CHAR + "]([" + NAME_CHAR + "_-]*[" + NAME_CHAR + "])?"
            + "(\\.[" + NAME_CHAR + "]([" + NAME_CHAR + "_-]*[" + NAME_CHAR + "])?)*)"
            + ")\\.?"
            + "(:\\d{1,5})?"
            + "([/?#]\\S*)?$");

    private GoValidatorUrl() {}

    public static boolean isUrl(String s) {
        if (s == null
                || s.isEmpty()
                || s.codePointCount(0, s.length()) >= 2083
                || s.length() <= 3
                || s.startsWith(".")) {
            return false;
        }
        String withScheme = s.contains(":") && !s.contains("://") ? "http://" + s : s;
        try {
            URI u = new URI(withScheme);
            String host = u.getRawAuthority();
            if (host != null && host.startsWith(".")) {
                return false;
            }
        } catch (URISyntaxException e) {
            return false;
        }
        return URL.matcher(s).matches();
    }
}
