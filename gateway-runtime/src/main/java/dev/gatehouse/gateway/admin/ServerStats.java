package dev.gatehouse.gateway.admin;

import java.util.concurrent.atomic.AtomicLong;

/** Connection and request counters for {@code /status} (nginx's stub_status fields, as Kong reports them). */
final class ServerStats {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong handled = new AtomicLong();
    final AtomicLong active = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong totalRequests = new AtomicLong();
}
