package dev.gatehouse.app.traffic.kong;

import java.util.Optional;

/** Where the http-log plugin goes: on every request (global), or on one service's. */
public record KongScope(Optional<String> serviceId, String serviceName) {

    public static KongScope global() {
        return new KongScope(Optional.empty(), "");
    }

    public static KongScope service(String id, String name) {
        return new KongScope(Optional.of(id), name == null || name.isEmpty() ? id : name);
    }

    public boolean isGlobal() {
        return serviceId.isEmpty();
    }

    /** In words, for the summary and the ledger: "globally" or "on service demo". */
    public String describe() {
        return isGlobal() ? "globally" : "on service " + serviceName;
    }
}
