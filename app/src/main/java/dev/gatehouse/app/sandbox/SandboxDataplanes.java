package dev.gatehouse.app.sandbox;

/**
 * The sandbox's Kuma Universal Dataplane resources, as a user would write them for kuma-dp: the delegated gateway,
 * demo-app and redis. Ports 0 are bound to free ports (a Gatehouse extension; the registered resources carry the
 * real ports). demo-app is a TCP service, so a connection the mesh denies is closed, which the gateway in front
 * reports as 503, as Kong behind its sidecar does in the walkthrough.
 */
final class SandboxDataplanes {

    private SandboxDataplanes() {}

    static String redis(int redisPort) {
        return """
                type: Dataplane
                mesh: default
                name: redis-1
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: 0
                    servicePort: %d
                    tags:
                      kuma.io/service: redis
                      kuma.io/protocol: tcp
                """.formatted(redisPort);
    }

    static String demoApp(int appPort) {
        return """
                type: Dataplane
                mesh: default
                name: demo-app-1
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: 0
                    servicePort: %d
                    tags:
                      kuma.io/service: demo-app
                      kuma.io/protocol: tcp
                  outbound:
                  - port: 0
                    tags:
                      kuma.io/service: redis
                """.formatted(appPort);
    }

    static String gateway() {
        return """
                type: Dataplane
                mesh: default
                name: gateway
                networking:
                  address: 127.0.0.1
                  gateway:
                    type: DELEGATED
                    tags:
                      kuma.io/service: gateway
                  outbound:
                  - port: 0
                    tags:
                      kuma.io/service: demo-app
                """;
    }
}
