package dev.gatehouse.app.tour;

import java.util.Optional;

/**
 * What a live check saw: the status the proxy answered and the one the seed expects, whether they agree, and the
 * key it sent, if any (masked when shown), and what the answer said when it was not the expected one (Kong's
 * {@code message}). No status when the proxy did not answer at all; {@code failure} says why.
 */
record CheckResult(
        Optional<Integer> status, int expected, boolean withKey, Optional<DemoKey> key, String failure, String said) {

    boolean passed() {
        return status.isPresent() && status.get() == expected;
    }
}
