package dev.gatehouse.app.cli;

import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.sync.Sync;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse apply}: makes the gateway match a file, like {@code deck gateway sync}. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = Commands.ERROR,
        description = "Make the gateway match a decK file (--gateway-url), or the control plane a Kuma YAML file"
                + " (--mesh-url): validate every entity first (nothing changes if one is invalid), print the plan,"
                + " then create, update and delete in dependency order. Entities not in the file are deleted."
                + " Exit code 0: applied, 1: error.")
public final class ApplyCommand implements Callable<Integer> {

    @Mixin
    private GatewayOptions gateway;

    @Mixin
    private PlanFileOptions planFile;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean mesh = FileSync.forMesh(gateway);
        return Commands.run(err, mesh ? "control plane" : "gateway", () -> {
            try (FileSync target = FileSync.open(gateway, planFile)) {
                Sync sync = target.sync();
                Plan plan = sync.plan();
                if (!sync.validate(plan)) {
                    err.println("gatehouse: warning: the control plane at " + target.meshAddress() + " offers no"
                            + " validation without writing (Kuma has no dry run); each resource is checked when it"
                            + " is put.");
                    err.flush();
                }
                out.print(plan.render());
                out.flush();
                List<Change> applied = sync.execute(plan, change -> {});
                out.println("Applied " + applied.size() + (applied.size() == 1 ? " change." : " changes."));
                out.flush();
            }
            return 0;
        });
    }
}
