package dev.gatehouse.app.pages.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.declarative.deck.DeckExporter;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.declarative.deck.ExportOptions;
import dev.gatehouse.app.declarative.kuma.KumaExportOptions;
import dev.gatehouse.app.declarative.kuma.KumaExporter;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.FieldChange;
import dev.gatehouse.app.declarative.plan.Op;
import dev.gatehouse.app.declarative.sync.FileTarget;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.MeshSeed;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestGateway;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Export page's import half and drift, without the FX thread, against a remote Kong and a remote control plane
 * (real runtimes over HTTP): a file's plan with its field changes, apply with its result and the file kept as the
 * connection's last one, a plan that moved refused, validation that changes nothing, a refusal midway, a file for a
 * runtime the connection lacks, and drift counted by what was added, changed and removed since.
 */
class ImportViewModelTest {

    private static final Executor NOW = Runnable::run;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T14:05:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private TestGateway gateway;
    private ActiveConnection kong;
    private RecordingDialogService dialogs;
    private LastFiles lastFiles;

    @BeforeEach
    void start() {
        gateway = TestGateway.start(dir.resolve("gateway"));
        GatewaySeed.seed(gateway.repository());
        kong = TestConnections.connected(
                dir.resolve("c"), TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty()));
        dialogs = new RecordingDialogService();
        lastFiles = new LastFiles(dir.resolve("config"));
    }

    @AfterEach
    void stop() {
        kong.close();
        gateway.close();
    }

    private DriftViewModel drift(ActiveConnection connection) {
        return new DriftViewModel(
                new Messages(Locale.ROOT), connection, UiExecutor.DIRECT, NOW, lastFiles, ZoneOffset.UTC);
    }

    private ImportViewModel importer(ActiveConnection connection, Runnable applied) {
        return new ImportViewModel(
                new Messages(Locale.ROOT), connection, UiExecutor.DIRECT, NOW, dialogs, lastFiles, CLOCK, applied);
    }

    private GatewayRepository live() {
        return kong.apis().gateway().orElseThrow();
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Change change(ImportViewModel model, String line) {
        return model.planProperty().get().changes().stream()
                .filter(c -> c.line().equals(line))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        line + " not in " + model.planProperty().get().render()));
    }

    @Test
    void plansAFileWithItsFieldChangesAppliesItAndMeasuresDriftAgainstIt() throws Exception {
        ObjectNode file = DeckYaml.read(
                DeckExporter.export(live(), ExportOptions.defaults().withSecrets()));
        ObjectNode service = (ObjectNode) file.withArray("services").get(0);
        String serviceName = service.path("name").asText();
        service.put("retries", 7);
        file.withArray("consumers").addObject().put("username", "carol");
        live().create(EntityKind.SERVICES, (ObjectNode) DeckYaml.read("""
                        _format_version: "3.0"
                        name: extra
                        url: http://extra.test
                        """).without("_format_version"))
                .join();
        int[] applied = {0};
        ImportViewModel model = importer(kong, () -> applied[0]++);

        model.open(write("kong.yaml", DeckYaml.write(file))).join();

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.targetProperty().get()).isEqualTo(FileTarget.GATEWAY);
        assertThat(model.headingProperty().get()).isEqualTo("Plan for kong.yaml on the gateway of kong");
        assertThat(model.summary(model.planProperty().get())).isEqualTo("1 to create, 1 to update, 1 to delete");
        assertThat(FieldChange.of(change(model, "updating service " + serviceName)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.path()).isEqualTo("retries");
                    assertThat(f.before().orElseThrow().asInt()).isEqualTo(5);
                    assertThat(f.after().orElseThrow().asInt()).isEqualTo(7);
                });
        assertThat(FieldChange.of(change(model, "creating consumer carol")))
                .anySatisfy(f -> assertThat(f.path()).isEqualTo("username"));
        assertThat(FieldChange.of(change(model, "deleting service extra")))
                .allSatisfy(f -> assertThat(f.after()).isEmpty());

        model.apply().join();

        assertThat(dialogs.shown())
                .singleElement()
                .asString()
                .startsWith("confirm: Apply kong.yaml?: This makes the gateway of kong match kong.yaml: 1 to create, 1"
                        + " to update, 1 to delete. Entities that are not in the file are deleted.");
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("Applied 3 changes to kong: it now matches kong.yaml.");
        assertThat(model.appliedCountProperty().get()).isEqualTo(3);
        assertThat(model.failedAtProperty().get()).isEqualTo(-1);
        assertThat(applied[0]).isEqualTo(1);
        // the tree now shows what was done: it cannot be applied again before it is planned again
        assertThat(model.spentProperty().get()).isTrue();
        model.apply().join();
        assertThat(dialogs.shown()).hasSize(1);
        assertThat(live().get(EntityKind.SERVICES, serviceName)
                        .join()
                        .path("retries")
                        .asInt())
                .isEqualTo(7);
        assertThat(live().listAll(EntityKind.SERVICES).join())
                .noneMatch(s -> s.path("name").asText().equals("extra"));

        // the applied file is the connection's last one, owner-only since it holds the key
        LastFile last = lastFiles.read(kong.profile().id(), FileTarget.GATEWAY).orElseThrow();
        assertThat(last.how()).isEqualTo(LastFile.How.APPLIED);
        assertThat(last.name()).isEqualTo("kong.yaml");
        assertThat(last.at()).isEqualTo(CLOCK.instant());
        try (var files = Files.list(dir.resolve("config/last-files"))) {
            Path stored = files.findFirst().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
                    .isEqualTo("rw-------");
        }

        // planned again: nothing left to do
        model.replan().join();
        assertThat(model.planProperty().get().isEmpty()).isTrue();
        assertThat(model.spentProperty().get()).isFalse();

        // drift: matches, then an entity added and one changed on the gateway count as two
        DriftViewModel drift = drift(kong);
        drift.check().join();
        assertThat(drift.lines()).singleElement().satisfies(line -> {
            assertThat(line.differs()).isFalse();
            assertThat(line.sentence()).startsWith("The gateway matches kong.yaml, applied on ");
        });
        live().create(EntityKind.SERVICES, (ObjectNode) DeckYaml.read("""
                        _format_version: "3.0"
                        name: drifted
                        url: http://drifted.test
                        """).without("_format_version"))
                .join();
        ObjectNode changed = live().get(EntityKind.SERVICES, serviceName).join().deepCopy();
        live().update(EntityKind.SERVICES, changed.path("id").asText(), changed.put("retries", 9))
                .join();
        drift.check().join();
        assertThat(drift.lines()).singleElement().satisfies(line -> {
            assertThat(line.differs()).isTrue();
            assertThat(line.sentence())
                    .startsWith("The gateway differs from kong.yaml, applied on ")
                    .endsWith(", by 2 entities: 1 added, 1 changed and 0 removed since.");
        });

        // Review opens that file's plan: applying it restores the file
        model.review(drift.lines().getFirst().file()).join();
        assertThat(model.planProperty().get().render())
                .contains("deleting service drifted")
                .contains("updating service " + serviceName);
    }

    @Test
    void pollsDoNotPileUpWhileAMeasureIsRunning() throws Exception {
        lastFiles.write(
                kong.profile().id(),
                new LastFile(
                        FileTarget.GATEWAY,
                        LastFile.How.EXPORTED,
                        CLOCK.instant(),
                        "kong.yaml",
                        DeckExporter.export(live(), ExportOptions.defaults())));
        java.util.Queue<Runnable> held = new java.util.ArrayDeque<>();
        DriftViewModel drift = new DriftViewModel(
                new Messages(Locale.ROOT), kong, UiExecutor.DIRECT, held::add, lastFiles, ZoneOffset.UTC);
        drift.refresh();
        drift.refresh();
        drift.refresh();
        assertThat(held).hasSize(1);
        held.poll().run();
        assertThat(drift.lines())
                .singleElement()
                .satisfies(line -> assertThat(line.differs()).isFalse());
        drift.refresh();
        assertThat(held).hasSize(1);
    }

    @Test
    void anApplyWhosePlanMovedChangesNothingAndShowsTheNewPlan() throws Exception {
        String text = DeckExporter.export(live(), ExportOptions.defaults().withSecrets());
        live().create(EntityKind.SERVICES, (ObjectNode) DeckYaml.read("""
                        _format_version: "3.0"
                        name: first
                        url: http://first.test
                        """).without("_format_version"))
                .join();
        ImportViewModel model = importer(kong, () -> {});
        model.open(write("kong.yaml", text)).join();
        assertThat(model.planProperty().get().render()).contains("deleting service first");

        live().create(EntityKind.SERVICES, (ObjectNode) DeckYaml.read("""
                        _format_version: "3.0"
                        name: second
                        url: http://second.test
                        """).without("_format_version"))
                .join();
        model.apply().join();

        assertThat(model.errorProperty().get())
                .isEqualTo("The gateway changed since this plan was made, so nothing was applied. The plan now shows"
                        + " what applying would change; review it and apply again.");
        assertThat(model.planProperty().get().render())
                .contains("deleting service first")
                .contains("deleting service second");
        assertThat(live().listAll(EntityKind.SERVICES).join()).hasSize(3);
        assertThat(lastFiles.read(kong.profile().id(), FileTarget.GATEWAY)).isEmpty();
    }

    @Test
    void anInvalidFileChangesNothingAndARefusalMidwaySaysWhatWasApplied() throws Exception {
        ImportViewModel model = importer(kong, () -> {});
        model.open(write("invalid.yaml", """
                        _format_version: "3.0"
                        services:
                        - name: billing
                          host: billing.test
                          port: 70000
                        """)).join();
        model.apply().join();
        assertThat(model.errorProperty().get())
                .startsWith("Nothing was applied: service billing is invalid: ")
                .contains("port");
        assertThat(model.appliedCountProperty().get()).isZero();
        assertThat(model.failedAtProperty().get()).isEqualTo(-1);
        assertThat(live().listAll(EntityKind.SERVICES).join()).hasSize(1);

        // In scope of tag team-b route demo-rt looks new; the gateway refuses it (the name is taken outside it).
        model.open(write("team-b.yaml", """
                        _format_version: "3.0"
                        _info:
                          select_tags: [team-b]
                        services:
                        - name: billing
                          url: https://billing.test/v1
                          routes:
                          - name: demo-rt
                            paths: [/billing]
                        """)).join();
        model.apply().join();
        assertThat(model.errorProperty().get())
                .startsWith("The gateway refused creating route demo-rt: ")
                .endsWith("Applied before it (1): creating service billing.");
        assertThat(model.appliedCountProperty().get()).isEqualTo(1);
        assertThat(model.failedAtProperty().get()).isEqualTo(1);
        assertThat(model.statusProperty().get()).isEmpty();
    }

    @Test
    void refusesFilesTheConnectionHasNoRuntimeForAndAnswersTheDialogsNo() throws Exception {
        ImportViewModel model = importer(kong, () -> {});
        model.open(write("kuma.yaml", "type: Mesh\nname: default\n")).join();
        assertThat(model.errorProperty().get())
                .isEqualTo("Could not plan kuma.yaml: it is Kuma YAML, for a mesh control plane, and connection kong"
                        + " has no control plane.");
        assertThat(model.planProperty().get()).isNull();

        model.open(write("ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"))
                .join();
        assertThat(model.errorProperty().get()).contains("kubectl apply -f");
        model.open(dir.resolve("missing.yaml")).join();
        assertThat(model.errorProperty().get()).isEqualTo("Could not plan missing.yaml: it does not exist.");

        // declined: nothing applied
        model.open(write(
                        "more.yaml",
                        DeckExporter.export(live(), ExportOptions.defaults())
                                .replace("services:", "services:\n- name: more\n  url: http://more.test")))
                .join();
        assertThat(model.planProperty().get().count(Op.CREATE)).isEqualTo(1);
        dialogs.answerConfirmWith(false);
        model.apply().join();
        assertThat(live().listAll(EntityKind.SERVICES).join()).hasSize(1);
        assertThat(model.statusProperty().get()).isEmpty();
    }

    @Test
    void kumaYamlIsPlannedAndAppliedToAControlPlaneAndItsDriftMeasured() throws Exception {
        try (RunningControlPlane cp = TestRuntimes.controlPlane(dir.resolve("cp"));
                ActiveConnection kuma =
                        TestConnections.connected(dir.resolve("k"), TestConnections.remoteKuma("kuma", cp.apiUri()))) {
            MeshRepository mesh = kuma.apis().mesh().orElseThrow();
            MeshSeed.seed(mesh);
            String text = KumaExporter.export(mesh, KumaExportOptions.DEFAULTS);
            mesh.apply(MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "gateway-to-all"))
                    .join();

            ImportViewModel model = importer(kuma, () -> {});
            model.open(write("kuma.yaml", text)).join();
            assertThat(model.errorProperty().get()).isEmpty();
            assertThat(model.targetProperty().get()).isEqualTo(FileTarget.MESH);
            assertThat(model.headingProperty().get()).isEqualTo("Plan for kuma.yaml on the control plane of kuma");
            assertThat(model.planProperty().get().render())
                    .isEqualTo("creating TrafficPermission default/gateway-to-all\n" + "Summary:\n  Created: 1\n"
                            + "  Updated: 0\n  Deleted: 0\n");
            model.apply().join();
            assertThat(model.statusProperty().get()).isEqualTo("Applied 1 change to kuma: it now matches kuma.yaml.");

            DriftViewModel drift = drift(kuma);
            drift.check().join();
            assertThat(drift.lines()).singleElement().satisfies(line -> {
                assertThat(line.file().target()).isEqualTo(FileTarget.MESH);
                assertThat(line.sentence())
                        .isEqualTo("The control plane matches kuma.yaml, applied on " + "2026 Dec 4 14:05.");
            });
        }
    }
}
