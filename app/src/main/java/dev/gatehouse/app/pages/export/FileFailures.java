package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.declarative.deck.DeckFileException;
import dev.gatehouse.app.declarative.kuma.KumaFileException;
import dev.gatehouse.app.declarative.plan.ApplyException;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The sentence for a failed export, import, plan or apply: a file's problem or a stopped apply in its own words
 * (they already name the entity and the reason), anything else as the page's usual failure sentence.
 */
final class FileFailures {

    private FileFailures() {}

    static String sentence(Messages messages, Throwable failure) {
        Throwable e = UiTasks.unwrap(failure);
        if (e instanceof UncheckedIOException io) {
            e = io.getCause();
        }
        if (e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof IOException
                || e instanceof DeckFileException
                || e instanceof KumaFileException
                || e instanceof ApplyException) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return Failures.sentence(messages, e);
    }
}
