package dev.gatehouse.app.http;

/** The request never got an HTTP answer: refused, timed out, unknown host, TLS failure, or a broken connection. */
public final class ApiUnreachableException extends RuntimeException {

    private final ConnectionProblem problem;
    private final String detail;

    public ApiUnreachableException(ConnectionProblem problem, String detail, Throwable cause) {
        super(problem + ": " + detail, cause);
        this.problem = problem;
        this.detail = detail;
    }

    public ConnectionProblem problem() {
        return problem;
    }

    public String detail() {
        return detail;
    }
}
