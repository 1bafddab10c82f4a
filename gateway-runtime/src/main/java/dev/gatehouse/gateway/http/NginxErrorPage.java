package dev.gatehouse.gateway.http;

/**
 * nginx's built-in error page, what a Kong listener answers for an error its {@code error_page} directives do not
 * send to Kong's handler (on the proxy 501 and 505; on the Admin API, which has no {@code error_page}, every
 * request-head error). Kong sets {@code server_tokens off} and OpenResty names itself in the page's footer and in the
 * {@code Server} header ({@code src/http/ngx_http_special_response.c}; OpenResty's {@code server_header} patch).
 */
public final class NginxErrorPage {

    /** The {@code Server} header of these pages. */
    public static final String SERVER = "openresty";

    private NginxErrorPage() {}

    /** nginx's reason phrase for a status of these pages. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 405 -> "Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> throw new IllegalArgumentException("no nginx page for " + status);
        };
    }

    /** The page's HTML ({@code text/html}). */
    public static String html(int status) {
        String title = status + " " + reason(status);
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>" + SERVER + "</center>\r\n</body>\r\n</html>\r\n";
    }
}
