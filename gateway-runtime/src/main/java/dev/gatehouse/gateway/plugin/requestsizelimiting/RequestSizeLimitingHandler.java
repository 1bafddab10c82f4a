package dev.gatehouse.gateway.plugin.requestsizelimiting;

import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import java.nio.charset.StandardCharsets;

/**
 * request-size-limiting's access phase ({@code kong/plugins/request-size-limiting/handler.lua}): a numeric
 * {@code Content-Length} above the limit gets 413 {@code Request size limit exceeded} (417 when the client sent
 * {@code Expect: 100-continue}); without one, {@code require_content_length} answers 411
 * {@code A valid Content-Length header is required} unless the body is chunked, and otherwise the body read so far
 * is measured.
 */
final class RequestSizeLimitingHandler implements PluginHandler {

    static final String EXCEEDED = "Request size limit exceeded";
    static final String LENGTH_REQUIRED = "A valid Content-Length header is required";

    private final RequestSizeLimitingConfig config;

    RequestSizeLimitingHandler(RequestSizeLimitingConfig config) {
        this.config = config;
    }

    @Override
    public boolean readsRequestBody() {
        return true; // a body without Content-Length is measured, as Kong's get_raw_body does
    }

    @Override
    public void access(PluginContext ctx) {
        Request request = ctx.request();
        Long length = number(request.header("content-length"));
        if (length != null) {
            check(ctx, length);
            return;
        }
        if (config.requireContentLength() && !"chunked".equals(request.header("transfer-encoding"))) {
            ctx.response().error(411, LENGTH_REQUIRED, null);
            return;
        }
        String raw = request.rawBody();
        if (raw != null) {
            check(ctx, raw.getBytes(StandardCharsets.UTF_8).length);
        } else if (config.allowedBytes() < BODY_BUFFER) {
            // the body overflowed the 8 KiB body buffer, so it is larger than this limit
            check(ctx, BODY_BUFFER + 1L);
        }
    }

    /** The body buffer the proxy fills before the access phase (Kong's {@code client_body_buffer_size}). */
    static final int BODY_BUFFER = 8192;

    private void check(PluginContext ctx, long length) {
        if (length > config.allowedBytes()) {
            String expect = ctx.request().header("expect");
            boolean continueExpected = expect != null && "100-continue".equalsIgnoreCase(expect.strip());
            ctx.response().error(continueExpected ? 417 : 413, EXCEEDED, null);
        }
    }

    /** Lua's {@code tonumber} on the header, for the decimal lengths HTTP allows; null otherwise. */
    private static Long number(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
