package dev.gatehouse.app.dialog;

import java.util.ArrayList;
import java.util.List;

/** Test double for dialogs: records what would have been asked and answers as told, without opening windows. */
public final class RecordingDialogService implements DialogService {

    private final List<String> shown = new ArrayList<>();
    private boolean confirmAnswer = true;
    private java.util.Optional<TagChange> tagAnswer = java.util.Optional.empty();
    private java.util.Optional<java.nio.file.Path> fileAnswer = java.util.Optional.empty();

    public void answerTagChangeWith(TagChange change) {
        tagAnswer = java.util.Optional.of(change);
    }

    public void answerFileWith(java.nio.file.Path file) {
        fileAnswer = java.util.Optional.of(file);
    }

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
    public java.util.Optional<java.nio.file.Path> chooseFile(String title) {
        shown.add("file: " + title);
        return fileAnswer;
    }

    @Override
    public java.util.Optional<TagChange> askTagChange(String title, java.util.List<String> knownTags) {
        shown.add("tags: " + title);
        return tagAnswer;
    }

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }
}
