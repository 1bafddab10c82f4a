package dev.gatehouse.app.meshpolicy.lockdown;

/** A data plane did not show a new permission in time; the sentence names which, and what happens instead. */
public final class RolloutTimeoutException extends RuntimeException {

    public RolloutTimeoutException(String sentence) {
        super(sentence);
    }
}
