package dev.gatehouse.app.dialog;

/** Asks the user things; behind an interface so tests never open native windows. */
public interface DialogService {

    /** Asks to confirm a destructive or important action; {@code confirmLabel} names the action. */
    boolean confirm(String title, String message, String confirmLabel);

    /** Lets the user pick an existing file (for example a CA certificate); empty when cancelled. */
    java.util.Optional<java.nio.file.Path> chooseFile(String title);

    /** Asks which tags to add to and remove from several entities at once; empty when cancelled. */
    java.util.Optional<TagChange> askTagChange(String title, java.util.List<String> knownTags);

    /** Tags to add and to remove. */
    record TagChange(java.util.Set<String> add, java.util.Set<String> remove) {}

    /** Tells the user something failed and what to do about it. */
    void showError(String title, String message);
}
