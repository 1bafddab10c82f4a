package dev.gatehouse.app.cli;

/** A command cannot go on; the message is the sentence printed on stderr. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
