package dev.gatehouse.mesh.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop (listeners closed, store closed, exit code 0) instead of the JVM's
 * default exit 143/130. Falls back to shutdown hooks where the signals cannot be handled.
 */
final class StopSignals {
    private StopSignals() {}

    static void onTermOrInterrupt(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> stop.run());
            } catch (IllegalArgumentException unsupported) {
                // e.g. INT is not available when the JVM runs with -Xrs; the shutdown hook still closes everything.
            }
        }
    }
}
