package dev.gatehouse.app.tour;

/**
 * The seed walkthrough's names and values (README's curl lines): what the tour writes when the user lets it. The
 * demo key is the seed's published one; the console still shows it masked.
 */
final class TourSeed {

    static final String SERVICE = "kuma-demo-svc";
    static final String SERVICE_URL = "http://demo-app.mesh:80";
    /** The host a service must point at to count as "the demo exposed through the gateway". */
    static final String DEMO_HOST_PREFIX = "demo-app";

    static final String ROUTE = "kuma-demo-rt";
    static final String ROUTE_PATH = "/";
    static final String KEY_NAME = "apiKey";
    static final String CONSUMER = "demo-user";
    static final String KEY = "123test";
    static final String MESH = "default";
    static final String CA = "ca-1";
    static final String GATEWAY = "gateway";
    static final String DEMO_APP = "demo-app";
    static final String REDIS = "redis";
    /** The demo's request: one increment of the counter. */
    static final String METHOD = "POST";

    static final String PATH = "/increment";

    private TourSeed() {}
}
