package dev.gatehouse.mesh.api;

import dev.gatehouse.mesh.insight.DataplaneSessions;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.token.DataplaneTokens;
import dev.gatehouse.mesh.watch.WatchEvent;
import dev.gatehouse.mesh.watch.WatchFilter;
import dev.gatehouse.mesh.watch.WatchHub;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /watch?types=Dataplane,MeshTrafficPermission&mesh=default[&dataplane=NAME]}: a server-sent-events
 * stream. It starts with {@code event: hello} carrying the store revision, then one {@code event: change} per
 * committed change (the resource in Universal form, or only its key for a delete), and for a data plane that
 * authenticated with its token, {@code event: identity} when its certificate is regenerated. Such a stream also marks
 * the data plane online in its insight.
 */
public final class WatchStreams {
    private static final long HEARTBEAT_SECONDS = 15;
    private final WatchHub hub;
    private final MeshStore store;
    private final DataplaneTokens tokens;
    private final DataplaneSessions sessions;
    private final ResourceTypeRegistry types;

    public WatchStreams(
            ResourceTypeRegistry types,
            WatchHub hub,
            MeshStore store,
            DataplaneTokens tokens,
            DataplaneSessions sessions) {
        this.types = types;
        this.hub = hub;
        this.store = store;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** Opens the stream on {@code channel}; returns an error response instead when the request is refused. */
    public Optional<ApiResponse> open(ApiRequest req, Channel channel) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String t : req.params("types")) {
            for (String one : t.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                Optional<ResourceTypeDescriptor> type =
                        types.byName(one.strip()).or(() -> types.byWsPath(one.strip()));
                if (type.isEmpty()) {
                    return Optional.of(KumaErrors.response(new ApiError(
                            400,
                            "Could not watch resources",
                            "unknown resource type " + one.strip() + "; known: "
                                    + types.all().stream()
                                            .map(ResourceTypeDescriptor::name)
                                            .toList())));
                }
                wanted.add(type.get().name());
            }
        }
        String mesh = req.param("mesh");
        String dataplane = req.param("dataplane");
        ResourceKey dpKey = null;
        if (dataplane != null && !dataplane.isEmpty()) {
            dpKey = DataplaneType.key(mesh, dataplane);
            if (!tokens.owner(req.bearerToken()).map(dpKey::equals).orElse(false)) {
                return Optional.of(KumaErrors.response(new ApiError(
                        401,
                        "Unauthenticated",
                        "watching as a dataplane needs that dataplane's token (Authorization: Bearer <token>)")));
            }
        }
        Stream stream = new Stream(channel);
        synchronized (stream) {
            WatchHub.Subscriber sub = hub.subscribe(new WatchFilter(wanted, mesh, dataplane), stream::send);
            stream.helloRevision = store.snapshot().revision();
            DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            HttpUtil.setTransferEncodingChunked(head, true);
            channel.write(head);
            stream.write("retry: 1000\n\nid: " + stream.helloRevision + "\nevent: hello\ndata: {\"revision\":"
                    + stream.helloRevision + "}\n\n");
            String session = dpKey == null ? null : sessions.connect(dpKey);
            ResourceKey key = dpKey;
            ScheduledFuture<?> heartbeat = channel.eventLoop()
                    .scheduleAtFixedRate(
                            () -> stream.write(": keepalive\n\n"),
                            HEARTBEAT_SECONDS,
                            HEARTBEAT_SECONDS,
                            TimeUnit.SECONDS);
            channel.closeFuture().addListener(f -> {
                heartbeat.cancel(false);
                hub.unsubscribe(sub);
                if (session != null) {
                    sessions.disconnect(key, session);
                }
            });
        }
        return Optional.empty();
    }

    /** One open stream; writes are serialised so the hello event precedes every change. */
    private static final class Stream {
        private final Channel channel;
        private long helloRevision;

        Stream(Channel channel) {
            this.channel = channel;
        }

        synchronized void send(WatchEvent e) {
            // Changes committed before the hello snapshot are already reflected in it.
            if (e.name().equals("change") && e.id() <= helloRevision) {
                return;
            }
            write(e.wireFormat());
        }

        void write(String text) {
            if (!channel.isActive()) {
                return;
            }
            if (!channel.isWritable()) {
                // A subscriber that stopped reading would make us buffer without bound; drop it. It reconnects and
                // resynchronises from the hello revision.
                channel.close();
                return;
            }
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }
    }
}
