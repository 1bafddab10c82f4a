package dev.gatehouse.mesh.api;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after an error answer to a request that was not read in full (too large, undecodable). Closing
 * with unread bytes makes the kernel send a TCP reset, which can destroy the answer before the client reads it; so the
 * output is shut down first and the rest of the input drained (the HTTP decoder discards it) until the client closes
 * or a few seconds pass.
 */
final class LingeringClose {
    private static final long LINGER_SECONDS = 5;

    private LingeringClose() {}

    static void after(Channel ch) {
        if (!(ch instanceof SocketChannel socket) || !ch.isActive()) {
            ch.close();
            return;
        }
        socket.shutdownOutput().addListener(done -> {
            if (!done.isSuccess()) {
                ch.close();
                return;
            }
            ch.config().setAutoRead(true);
            ch.eventLoop().schedule(() -> ch.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        });
    }
}
