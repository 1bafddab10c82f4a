package dev.gatehouse.app.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.CharBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.async.methods.AbstractCharResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one API over Apache HttpClient 5 (async, HTTP/1.1) and turns every way a request can fail
 * to get an answer into an {@link ApiUnreachableException} naming the {@link ConnectionProblem}.
 */
public final class ApiTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);

    private final ApiEndpoint endpoint;
    private final CloseableHttpAsyncClient client;

    public ApiTransport(ApiEndpoint endpoint, Duration connectTimeout, Duration responseTimeout) {
        this.endpoint = endpoint;
        TlsStrategy tls;
        try {
            ClientTlsStrategyBuilder builder =
                    ClientTlsStrategyBuilder.create().setSslContext(TlsTrust.contextFor(endpoint));
            if (endpoint.skipTlsVerify()) {
                builder.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            tls = builder.buildAsync();
        } catch (GeneralSecurityException | IOException e) {
            throw new ApiUnreachableException(ConnectionProblem.TLS, "cannot use the CA file: " + e.getMessage(), e);
        }
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(tls)
                        .setMaxConnPerRoute(8)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom()
                                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setIoReactorExceptionCallback(ApiTransport::reactorFailed)
                .build();
        client.start();
    }

    /**
     * The I/O reactor's own failures, logged as the default callback does, except one: httpcore5's
     * SingleCoreIOReactor.closeOpenChannels reads the selector's keys unguarded while the client closes, so a close
     * can end in a ClosedSelectorException that is the shutdown itself, not a failure (it logged an error on every
     * exit of the console).
     */
    private static void reactorFailed(Exception failure) {
        if (failure instanceof java.nio.channels.ClosedSelectorException) {
            LOG.debug("I/O reactor closed while closing its channels", failure);
        } else {
            LOG.error("I/O reactor failed", failure);
        }
    }

    public ApiEndpoint endpoint() {
        return endpoint;
    }

    /** The absolute URI of {@code pathAndQuery} under the endpoint's base. */
    public URI resolve(String pathAndQuery) {
        return URI.create(endpoint.baseUri() + pathAndQuery);
    }

    /**
     * Sends one request. The future completes with any HTTP answer (4xx and 5xx included), or fails with
     * {@link ApiUnreachableException} when there is none.
     */
    public CompletableFuture<ApiResponse> send(String method, String pathAndQuery, byte[] body, ContentType type) {
        return send(method, resolve(pathAndQuery), body, type, Map.of());
    }

    /** As {@link #send(String, String, byte[], ContentType)}, to an absolute URI and with extra headers. */
    public CompletableFuture<ApiResponse> send(
            String method, URI uri, byte[] body, ContentType type, Map<String, String> extraHeaders) {
        SimpleRequestBuilder builder =
                SimpleRequestBuilder.create(method).setUri(uri).addHeader("Accept", "application/json");
        endpoint.headers().forEach(builder::addHeader);
        extraHeaders.forEach(builder::setHeader);
        if (body != null) {
            builder.setBody(body, type);
        }
        SimpleHttpRequest request = builder.build();
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        long start = System.nanoTime();
        client.execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                byte[] bytes = response.getBodyBytes();
                result.complete(new ApiResponse(
                        response.getCode(),
                        headers(response.getHeaders()),
                        bytes == null ? new byte[0] : bytes,
                        millis));
            }

            @Override
            public void failed(Exception e) {
                result.completeExceptionally(unreachable(e, uri));
            }

            @Override
            public void cancelled() {
                result.completeExceptionally(new ApiUnreachableException(ConnectionProblem.OTHER, "cancelled", null));
            }
        });
        return result;
    }

    /** A response being read as it arrives; {@link #ended()} completes when the server ends it. */
    public interface TextStream {

        /**
         * Completes with the response once the stream ends (its body kept only for an error status), or fails
         * with {@link ApiUnreachableException}, or with a cancellation after {@link #cancel()}.
         */
        CompletableFuture<ApiResponse> ended();

        void cancel();
    }

    /**
     * {@code GET pathAndQuery} whose body is read as it arrives (server-sent events): {@code onText} gets each piece
     * of text of a successful answer, in order, on the transport's I/O thread. The response timeout does not apply:
     * a stream may be quiet for long.
     */
    public TextStream stream(String pathAndQuery, Consumer<String> onText) {
        URI uri = resolve(pathAndQuery);
        SimpleRequestBuilder builder = SimpleRequestBuilder.get(uri).addHeader("Accept", "text/event-stream");
        endpoint.headers().forEach(builder::addHeader);
        SimpleHttpRequest request = builder.build();
        request.setConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build());
        CompletableFuture<ApiResponse> ended = new CompletableFuture<>();
        long start = System.nanoTime();
        AbstractCharResponseConsumer<ApiResponse> consumer = new AbstractCharResponseConsumer<>() {
            private int status;
            private Map<String, List<String>> responseHeaders = Map.of();
            private final StringBuilder errorBody = new StringBuilder();

            @Override
            protected void start(HttpResponse response, ContentType type) {
                status = response.getCode();
                responseHeaders = headers(response.getHeaders());
            }

            @Override
            protected int capacityIncrement() {
                return 8192;
            }

            @Override
            protected void data(CharBuffer data, boolean endOfStream) {
                if (status >= 200 && status < 300) {
                    onText.accept(data.toString());
                } else {
                    errorBody.append(data);
                }
            }

            @Override
            protected ApiResponse buildResult() {
                return new ApiResponse(
                        status,
                        responseHeaders,
                        errorBody.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }

            @Override
            public void releaseResources() {
                // nothing held beyond the error body
            }
        };
        Future<ApiResponse> exchange =
                client.execute(SimpleRequestProducer.create(request), consumer, new FutureCallback<>() {
                    @Override
                    public void completed(ApiResponse response) {
                        ended.complete(response);
                    }

                    @Override
                    public void failed(Exception e) {
                        ended.completeExceptionally(unreachable(e, uri));
                    }

                    @Override
                    public void cancelled() {
                        ended.cancel(false);
                    }
                });
        return new TextStream() {
            @Override
            public CompletableFuture<ApiResponse> ended() {
                return ended;
            }

            @Override
            public void cancel() {
                exchange.cancel(true);
                ended.cancel(false);
            }
        };
    }

    private static Map<String, List<String>> headers(Header[] headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.getValue());
        }
        return map;
    }

    /** Names the failure; {@code uri} gives the host and port for the sentence the user reads. */
    public static ApiUnreachableException unreachable(Throwable failure, URI uri) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ApiUnreachableException already) {
            return already;
        }
        String where = uri.getHost() + ":" + port(uri);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ApiUnreachableException(ConnectionProblem.REFUSED, where, e);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return new ApiUnreachableException(ConnectionProblem.TIMEOUT, where, e);
            }
            if (t instanceof UnknownHostException) {
                return new ApiUnreachableException(ConnectionProblem.UNKNOWN_HOST, uri.getHost(), e);
            }
            if (t instanceof SSLException) {
                return new ApiUnreachableException(ConnectionProblem.TLS, String.valueOf(t.getMessage()), e);
            }
        }
        return new ApiUnreachableException(ConnectionProblem.OTHER, String.valueOf(e.getMessage()), e);
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
