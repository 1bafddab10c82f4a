package dev.gatehouse.gateway.http;

/**
 * Why the {@link Http1ServerCodec} refused a request, as the failure cause of its decoder result: the status nginx
 * answers (400, 405, 501 or 505) and what it logs. The connection closes after the answer.
 */
public final class RequestHeadRejected extends RuntimeException {

    private final int status;

    RequestHeadRejected(int status, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.status = status;
    }

    /** The response status: 400, 405 (CONNECT, TRACE), 501 (a transfer coding other than chunked) or 505. */
    public int status() {
        return status;
    }
}
