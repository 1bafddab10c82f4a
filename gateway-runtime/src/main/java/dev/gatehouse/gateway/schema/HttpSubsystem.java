package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Which routes and plugins the http subsystem (this proxy) runs. Kong's {@code should_process_route}
 * ({@code kong/runloop/handler.lua}) and {@code should_process_plugin} ({@code kong/runloop/plugins_iterator.lua})
 * keep an entity when one of its {@code protocols} maps to {@code "http"} in
 * {@code constants.PROTOCOLS_WITH_SUBSYSTEM}: http, https, grpc or grpcs.
 */
public final class HttpSubsystem {

    private static final Set<String> PROTOCOLS = Set.copyOf(Typedefs.HTTP_PROTOCOLS);

    private HttpSubsystem() {}

    /**
     * True when {@code protocols} names an http-subsystem protocol. An empty list names none, so the entity does not
     * run (Kong's loop over it finds nothing; plugins may be stored with {@code protocols: []}). An absent list is the
     * schemas' default (http protocols) and runs; stored entities always have one.
     */
    public static boolean includedIn(JsonNode protocols) {
        if (protocols == null || !protocols.isArray()) {
            return true;
        }
        for (JsonNode p : protocols) {
            if (PROTOCOLS.contains(p.asText())) {
                return true;
            }
        }
        return false;
    }
}
