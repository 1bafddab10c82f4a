package dev.gatehouse.app.cli;

import dev.gatehouse.app.declarative.plan.Plan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse diff}: what applying a file would change, like {@code deck gateway diff}. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = Commands.ERROR,
        description = "Show what applying a decK file would change on the gateway (--gateway-url), or a Kuma YAML"
                + " file on the control plane (--mesh-url): creating, updating (with the field diff) and deleting"
                + " lines, then a summary. Exit code 0: no changes, 2: changes, 1: error.")
public final class DiffCommand implements Callable<Integer> {

    /** Exit code when the file and the gateway differ. */
    static final int CHANGES = 2;

    @Mixin
    private GatewayOptions gateway;

    @Mixin
    private PlanFileOptions planFile;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean mesh = FileSync.forMesh(gateway);
        return Commands.run(spec.commandLine().getErr(), mesh ? "control plane" : "gateway", () -> {
            Plan plan;
            try (FileSync target = FileSync.open(gateway, planFile)) {
                plan = target.sync().plan();
            }
            out.print(plan.render());
            out.flush();
            return plan.isEmpty() ? 0 : CHANGES;
        });
    }
}
