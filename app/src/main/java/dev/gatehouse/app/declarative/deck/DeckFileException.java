package dev.gatehouse.app.declarative.deck;

/** A decK file that cannot be used, with a sentence saying why. */
public final class DeckFileException extends RuntimeException {

    public DeckFileException(String message) {
        super(message);
    }
}
