package dev.gatehouse.app.declarative.kuma;

/** A Kuma YAML file cannot be used; the message is a sentence naming the document and the problem. */
public final class KumaFileException extends RuntimeException {

    public KumaFileException(String message) {
        super(message);
    }
}
