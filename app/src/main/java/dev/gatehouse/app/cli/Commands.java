package dev.gatehouse.app.cli;

import dev.gatehouse.app.declarative.deck.DeckFileException;
import dev.gatehouse.app.declarative.kuma.KumaFileException;
import dev.gatehouse.app.declarative.kuma.KumaPlanApplier;
import dev.gatehouse.app.declarative.plan.ApplyException;
import dev.gatehouse.app.http.ApiUnreachableException;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.mesh.MeshException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What the export, diff and apply commands share: failures as one sentence on stderr and exit code 1. */
final class Commands {

    /** Exit code of a failed command (diff's 2 means "changes"). */
    static final int ERROR = 1;

    private Commands() {}

    static int run(PrintWriter err, Callable<Integer> body) {
        return run(err, "gateway", body);
    }

    /** As {@link #run(PrintWriter, Callable)}, naming {@code server} (gateway, control plane) when it is unreachable. */
    static int run(PrintWriter err, String server, Callable<Integer> body) {
        try {
            return body.call();
        } catch (CliException | DeckFileException | KumaFileException | ApplyException e) {
            return fail(err, e.getMessage());
        } catch (GatewayException e) {
            return fail(err, "The gateway answered " + e.status() + ": " + e.getMessage() + ".");
        } catch (MeshException e) {
            return fail(err, "The control plane answered " + e.status() + ": " + KumaPlanApplier.reason(e) + ".");
        } catch (ApiUnreachableException e) {
            return fail(err, "The " + server + " could not be reached: " + e.getMessage() + ".");
        } catch (Exception e) {
            return fail(err, "The command failed: " + e + ".");
        }
    }

    private static int fail(PrintWriter err, String sentence) {
        err.println("gatehouse: " + sentence);
        err.flush();
        return ERROR;
    }
}
