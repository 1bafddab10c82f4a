package dev.gatehouse.app.dialog;

import java.util.ArrayList;
import java.util.List;

/** Test double for dialogs: records what would have been asked and answers as told, without opening windows. */
public final class RecordingDialogService implements DialogService {

    private final List<String> shown = new ArrayList<>();
    private boolean confirmAnswer = true;

    public void answerConfirmWith(boolean answer) {
        confirmAnswer = answer;
    }

    public List<String> shown() {
        return shown;
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        shown.add("confirm: " + title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }
}
