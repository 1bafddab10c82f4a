package dev.gatehouse.app.meshpolicy;

/**
 * An undo or redo that could not be done, or a change that failed half-way and could not be rolled back; the
 * message is the sentence to show. The cause, when there is one, is the control plane's refusal.
 */
public final class EditHistoryException extends RuntimeException {

    public EditHistoryException(String sentence, Throwable cause) {
        super(sentence, cause);
    }

    public EditHistoryException(String sentence) {
        super(sentence);
    }
}
