package dev.gatehouse.app.live;

import dev.gatehouse.app.concurrent.UiScheduler;
import dev.gatehouse.app.connection.ActiveConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.StringProperty;

/**
 * Makes short messages ("Created service …", "Theme: Dark.") belong to the moment and the connection that made
 * them: each goes back to its idle text a while after it was set, and at once when the active connection changes.
 * Runs on the UI executor.
 */
public final class NoticeExpiry {

    private final UiScheduler scheduler;
    private final Duration lifetime;
    private final List<Watched> watched = new ArrayList<>();

    public NoticeExpiry(ActiveConnection connection, UiScheduler scheduler, Duration lifetime) {
        this.scheduler = scheduler;
        this.lifetime = lifetime;
        connection.profileProperty().addListener((obs, old, now) -> watched.forEach(Watched::reset));
    }

    /** Lets {@code notice} expire; {@code idle} is what it shows when there is nothing to say. */
    public void watch(StringProperty notice, String idle) {
        watched.add(new Watched(notice, idle));
    }

    private final class Watched {

        private final StringProperty notice;
        private final String idle;
        private UiScheduler.Cancellable expiry;

        Watched(StringProperty notice, String idle) {
            this.notice = notice;
            this.idle = idle;
            notice.addListener((obs, old, now) -> restart(Objects.toString(now, "")));
            restart(Objects.toString(notice.get(), ""));
        }

        private void restart(String text) {
            if (expiry != null) {
                expiry.cancel();
                expiry = null;
            }
            if (!text.isEmpty() && !text.equals(idle)) {
                expiry = scheduler.schedule(lifetime, () -> {
                    expiry = null;
                    if (text.equals(notice.get())) {
                        notice.set(idle);
                    }
                });
            }
        }

        void reset() {
            notice.set(idle);
        }
    }
}
