package dev.gatehouse.app.dialog;

/** Asks the user things; behind an interface so tests never open native windows. */
public interface DialogService {

    /** Asks to confirm a destructive or important action; {@code confirmLabel} names the action. */
    boolean confirm(String title, String message, String confirmLabel);

    /** Tells the user something failed and what to do about it. */
    void showError(String title, String message);
}
