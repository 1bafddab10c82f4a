package dev.gatehouse.app.tour;

/**
 * The seven steps of "Secure your platform", in the seed walkthrough's order, each with its message keys: title,
 * why (two sentences), and what its live check proves. Literal keys, so the bundle test sees them.
 */
public enum TourStep {
    EXPOSE("expose", "tour.expose.title", "tour.expose.why"),
    REQUIRE_KEY("require-key", "tour.key.title", "tour.key.why"),
    CONSUMER_KEY("consumer-key", "tour.consumer.title", "tour.consumer.why"),
    MTLS("mtls", "tour.mtls.title", "tour.mtls.why"),
    ZERO_TRUST("zero-trust", "tour.zero.title", "tour.zero.why"),
    GATEWAY_TO_DEMO_APP("gateway-to-demo-app", "tour.gateway.title", "tour.gateway.why"),
    DEMO_APP_TO_REDIS("demo-app-to-redis", "tour.redis.title", "tour.redis.why");

    private final String id;
    private final String titleKey;
    private final String whyKey;

    TourStep(String id, String titleKey, String whyKey) {
        this.id = id;
        this.titleKey = titleKey;
        this.whyKey = whyKey;
    }

    /** A stable name for files and node ids; enum names may be renamed, saved progress must still be read. */
    public String id() {
        return id;
    }

    public String titleKey() {
        return titleKey;
    }

    public String whyKey() {
        return whyKey;
    }

    /** Whether the step changes the gateway (else the mesh). */
    public boolean onGateway() {
        return ordinal() <= CONSUMER_KEY.ordinal();
    }

    /** Whether the check sends the demo key: from the step that creates it on, as the seed does. */
    public boolean sendsKey() {
        return ordinal() >= CONSUMER_KEY.ordinal();
    }

    public static java.util.Optional<TourStep> byId(String id) {
        for (TourStep step : values()) {
            if (step.id.equals(id)) {
                return java.util.Optional.of(step);
            }
        }
        return java.util.Optional.empty();
    }
}
