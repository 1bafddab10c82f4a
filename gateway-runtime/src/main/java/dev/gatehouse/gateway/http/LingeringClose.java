package dev.gatehouse.gateway.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after an error answer to a request that was not read in full (a body over the limit, a refused
 * head), as nginx's {@code lingering_close} does: closing with unread input makes the kernel reset the connection,
 * and a client still sending its body then gets "broken pipe" instead of the answer. So the output is shut down once
 * the answer is written, and the rest of the input is read and dropped until the client closes or a few seconds pass.
 */
public final class LingeringClose implements ChannelFutureListener {

    /** nginx's {@code lingering_time} is 30 s and {@code lingering_timeout} 5 s; the shorter bound is enough here. */
    private static final long LINGER_SECONDS = 5;

    public static final LingeringClose AFTER_WRITE = new LingeringClose();

    private LingeringClose() {}

    @Override
    public void operationComplete(ChannelFuture written) {
        Channel ch = written.channel();
        if (!written.isSuccess() || !(ch instanceof SocketChannel socket) || !ch.isActive()) {
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
