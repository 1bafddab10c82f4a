package dev.gatehouse.app.cli;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.plan.PlanApplier;
import dev.gatehouse.app.declarative.plan.Planner;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
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
        boolean mesh = MeshCommands.forMesh(gateway);
        return Commands.run(spec.commandLine().getErr(), mesh ? "control plane" : "gateway", () -> {
            if (mesh) {
                MeshCommands.apply(
                        gateway,
                        planFile.file,
                        planFile.selectTags,
                        out,
                        spec.commandLine().getErr());
                return 0;
            }
            String text = ConfigFiles.gatewayFile(planFile.file);
            try (ConnectedApis apis = gateway.connect()) {
                GatewayRepository repository = apis.gateway().orElseThrow();
                Plan plan = new Planner(repository).plan(DeckYaml.read(text), planFile.selectTags);
                PlanApplier applier = new PlanApplier(repository);
                applier.validate(plan);
                out.print(plan.render());
                out.flush();
                List<Change> applied = applier.execute(plan, change -> {});
                out.println("Applied " + applied.size() + (applied.size() == 1 ? " change." : " changes."));
                out.flush();
            }
            return 0;
        });
    }
}
