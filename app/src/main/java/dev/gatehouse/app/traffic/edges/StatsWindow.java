package dev.gatehouse.app.traffic.edges;

/** The sliding windows the graph's edge figures are computed over. */
public enum StatsWindow {
    TEN_SECONDS(10),
    ONE_MINUTE(60);

    private final int seconds;

    StatsWindow(int seconds) {
        this.seconds = seconds;
    }

    public int seconds() {
        return seconds;
    }
}
