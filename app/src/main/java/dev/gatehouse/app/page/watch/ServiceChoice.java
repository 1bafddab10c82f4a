package dev.gatehouse.app.page.watch;

/** One entry of the Kong scope choice: every service (the plugin goes on globally), or one service. */
public record ServiceChoice(String id, String name) {

    /** The global choice. */
    public static final ServiceChoice ALL = new ServiceChoice("", "");

    public boolean isGlobal() {
        return id.isEmpty();
    }
}
