package dev.gatehouse.gateway.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The gateway's own version (from the build) and the Kong Admin API version it is compatible with. */
public final class GatewayVersion {

    /** The Kong Gateway OSS release whose Admin API and declarative format this gateway follows. */
    public static final String KONG_COMPATIBLE = "3.9.1";

    /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION = load();

    private GatewayVersion() {}

    private static String load() {
        try (InputStream in = GatewayVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
