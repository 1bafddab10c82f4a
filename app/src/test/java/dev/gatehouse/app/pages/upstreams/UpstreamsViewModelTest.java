package dev.gatehouse.app.pages.upstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.form.ChoiceFormField;
import dev.gatehouse.app.form.FormField;
import dev.gatehouse.app.form.RecordFormField;
import dev.gatehouse.app.form.SchemaFormModel;
import dev.gatehouse.app.form.TextFormField;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import dev.gatehouse.app.repository.gateway.TargetHealth.Health;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Upstreams page's view-model against the real embedded gateway over its Admin API: the list with each
 * upstream's targets and health, the schema form with health checks as a sub-form, and a target added, marked
 * unhealthy and healthy again, and deleted. Health words and endpoints are Kong's (kong/api/routes/upstreams.lua).
 */
class UpstreamsViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private RunningGateway gateway;
    private ActiveConnection connection;
    private KongAdminClient kong;

    @BeforeEach
    void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        // Passive checks on for "orders" (so its targets are HEALTHY or UNHEALTHY), off for "billing".
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                upstreams:
                - name: orders
                  algorithm: least-connections
                  tags: [team-a]
                  healthchecks:
                    passive:
                      unhealthy:
                        tcp_failures: 3
                  targets:
                  - target: 10.0.0.1:8080
                    weight: 50
                  - target: 10.0.0.2:8080
                - name: billing
                  targets:
                  - target: billing.internal:9000
                """);
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("gw", URI.create(gateway.adminUrl()), Optional.empty()));
        kong = TestRuntimes.kong(gateway);
    }

    @AfterEach
    void stop() {
        kong.close();
        connection.close();
        gateway.close();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    private UpstreamsViewModel upstreams() {
        UpstreamsViewModel model = new UpstreamsViewModel(messages, connection, page -> {}, dialogs, UiExecutor.DIRECT);
        model.reload();
        eventually(() -> assertThat(model.loadingProperty().get()).isFalse());
        return model;
    }

    private static ObjectNode named(UpstreamsViewModel model, String name) {
        return model.items().stream()
                .filter(r -> name.equals(Rows.text(r, "name")))
                .findFirst()
                .orElseThrow();
    }

    private static Health healthOf(List<TargetHealth> targets, String target) {
        return targets.stream()
                .filter(t -> t.target().equals(target))
                .findFirst()
                .map(TargetHealth::health)
                .orElseThrow(() -> new AssertionError(target + " not in " + targets));
    }

    private static TargetHealth target(TargetsModel targets, String address) {
        return targets.targets().stream()
                .filter(t -> t.target().equals(address))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void listsUpstreamsWithEachOnesTargetsAndHealth() {
        UpstreamsViewModel model = upstreams();
        assertThat(model.items()).extracting(r -> Rows.text(r, "name")).containsExactlyInAnyOrder("orders", "billing");
        assertThat(model.unavailableProperty().get()).isEmpty();
        eventually(() -> {
            List<TargetHealth> orders = model.targetsOf(named(model, "orders"));
            assertThat(orders)
                    .extracting(TargetHealth::target)
                    .containsExactlyInAnyOrder("10.0.0.1:8080", "10.0.0.2:8080");
            assertThat(orders).extracting(TargetHealth::health).containsOnly(Health.HEALTHY);
            assertThat(orders)
                    .filteredOn(t -> t.target().equals("10.0.0.1:8080"))
                    .extracting(TargetHealth::weight)
                    .containsExactly(50);
            // No check on: Kong's HEALTHCHECKS_OFF, not "healthy".
            assertThat(model.targetsOf(named(model, "billing")))
                    .extracting(TargetHealth::health)
                    .containsExactly(Health.HEALTHCHECKS_OFF);
        });
        // Marking by hand is offered only where health checks are on.
        assertThat(model.targetsOf(named(model, "billing"))).noneMatch(TargetsModel::canMark);
        assertThat(model.targetsOf(named(model, "orders"))).allMatch(TargetsModel::canMark);
        assertThat(UpstreamsView.summaryText(messages, model.targetsOf(named(model, "orders"))))
                .startsWith("2 targets")
                .contains("2 Healthy");

        // The filter looks in names, algorithms, tags and target addresses.
        model.filterProperty().set("billing.internal");
        assertThat(model.filtered()).extracting(r -> Rows.text(r, "name")).containsExactly("billing");
        model.filterProperty().set("team-a");
        assertThat(model.filtered()).extracting(r -> Rows.text(r, "name")).containsExactly("orders");
        model.filterProperty().set("");

        assertThat(UpstreamsViewModel.passiveChecksOn(named(model, "orders"))).isTrue();
        assertThat(UpstreamsViewModel.passiveChecksOn(named(model, "billing"))).isFalse();
        assertThat(UpstreamsViewModel.activeChecksOn(named(model, "orders"))).isFalse();
    }

    @Test
    void addsMarksAndDeletesTargetsOfTheSelectedUpstream() throws Exception {
        UpstreamsViewModel model = upstreams();
        model.selectedProperty().set(named(model, "orders"));
        TargetsModel targets = model.targets();
        eventually(() -> assertThat(targets.targets()).hasSize(2));

        targets.newTargetProperty().set("10.0.0.3:8080");
        targets.newWeightProperty().set("5");
        targets.create();
        eventually(() ->
                assertThat(targets.targets()).extracting(TargetHealth::target).contains("10.0.0.3:8080"));
        assertThat(kong.get("/upstreams/orders/targets/10.0.0.3:8080")
                        .join()
                        .path("weight")
                        .asInt())
                .isEqualTo(5);
        assertThat(targets.statusProperty().get()).isEqualTo("Added target 10.0.0.3:8080.");

        // The gateway's own field error, beside the field.
        targets.newTargetProperty().set("not a host name");
        targets.create();
        eventually(() -> assertThat(targets.targetErrorProperty().get()).isNotEmpty());
        targets.newTargetProperty().set("10.0.0.4");
        targets.newWeightProperty().set("heavy");
        targets.create();
        assertThat(targets.weightErrorProperty().get()).isEqualTo(messages.get("targets.weight.invalid"));
        targets.newWeightProperty().set("");

        TargetHealth first = targets.targets().stream()
                .filter(t -> t.target().equals("10.0.0.1:8080"))
                .findFirst()
                .orElseThrow();
        targets.mark(first, false);
        eventually(
                () -> assertThat(healthOf(targets.targets(), "10.0.0.1:8080")).isEqualTo(Health.UNHEALTHY));
        assertThat(healthOf(targets.targets(), "10.0.0.2:8080")).isEqualTo(Health.HEALTHY);
        // Kong's own health endpoint agrees, and the list's summary follows.
        List<String> words = new java.util.ArrayList<>();
        kong.get("/upstreams/orders/health")
                .join()
                .path("data")
                .forEach(t -> words.add(t.path("health").asText()));
        assertThat(words).containsExactlyInAnyOrder("UNHEALTHY", "HEALTHY", "HEALTHY");
        eventually(() -> assertThat(healthOf(model.targetsOf(named(model, "orders")), "10.0.0.1:8080"))
                .isEqualTo(Health.UNHEALTHY));

        // A change made elsewhere reaches the page on the next poll.
        kong.upsert(
                        "/upstreams/orders/targets/10.0.0.1:8080/healthy",
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                .join();
        model.follow(Capability.GATEWAY);
        eventually(
                () -> assertThat(healthOf(targets.targets(), "10.0.0.1:8080")).isEqualTo(Health.HEALTHY));

        // A new weight, in place.
        targets.setWeight(target(targets, "10.0.0.2:8080"), "0");
        eventually(() -> assertThat(target(targets, "10.0.0.2:8080").weight()).isZero());
        assertThat(kong.get("/upstreams/orders/targets/10.0.0.2:8080")
                        .join()
                        .path("weight")
                        .asInt())
                .isZero();
        targets.setWeight(target(targets, "10.0.0.2:8080"), "70000");
        eventually(() -> assertThat(targets.statusProperty().get()).isNotEmpty().doesNotStartWith("Set"));
        assertThat(target(targets, "10.0.0.2:8080").weight()).isZero();

        dialogs.answerConfirmWith(true);
        TargetHealth added = targets.targets().stream()
                .filter(t -> t.target().equals("10.0.0.3:8080"))
                .findFirst()
                .orElseThrow();
        targets.delete(added);
        eventually(() ->
                assertThat(targets.targets()).extracting(TargetHealth::target).doesNotContain("10.0.0.3:8080"));
        assertThat(kong.listAll("/upstreams/orders/targets").join())
                .extracting(t -> t.path("target").asText())
                .containsExactlyInAnyOrder("10.0.0.1:8080", "10.0.0.2:8080");
    }

    private static javafx.beans.property.StringProperty text(SchemaFormModel form, String path) {
        return ((TextFormField) form.field(path).orElseThrow()).textProperty();
    }

    private static javafx.beans.property.ObjectProperty<String> choice(SchemaFormModel form, String path) {
        return ((ChoiceFormField) form.field(path).orElseThrow()).choiceProperty();
    }

    @Test
    void createsAnUpstreamThroughTheSchemaFormWithHealthChecksAsASubForm() throws Exception {
        UpstreamsViewModel model = upstreams();
        model.startCreate();
        eventually(() -> assertThat(model.formProperty().get()).isNotNull());
        SchemaFormModel form = model.formProperty().get();
        assertThat(form.primaryFields()).extracting(FormField::name).startsWith("name", "algorithm", "hash_on");
        FormField healthchecks = form.field("healthchecks").orElseThrow();
        assertThat(healthchecks).isInstanceOf(RecordFormField.class);
        assertThat(form.field("healthchecks.passive.unhealthy.tcp_failures")).isPresent();
        assertThat(form.field("healthchecks.active.http_path")).isPresent();

        text(form, "name").set("payments");
        choice(form, "algorithm").set("consistent-hashing");
        choice(form, "hash_on").set("header");
        model.submit();
        // Kong's entity check: hashing on a header needs the header's name (kong/db/schema/entities/upstreams.lua).
        eventually(() -> assertThat(form.field("hash_on_header")
                        .orElseThrow()
                        .errorProperty()
                        .get())
                .isNotEmpty());
        text(form, "hash_on_header").set("x-user");
        text(form, "healthchecks.active.healthy.interval").set("5");
        model.submit();
        eventually(() -> assertThat(model.formProperty().get()).isNull());
        ObjectNode saved = kong.get("/upstreams/payments").join();
        assertThat(saved.path("hash_on_header").asText()).isEqualTo("x-user");
        assertThat(saved.path("healthchecks")
                        .path("active")
                        .path("healthy")
                        .path("interval")
                        .asInt())
                .isEqualTo(5);
        assertThat(UpstreamsViewModel.activeChecksOn(saved)).isTrue();
        assertThat(model.selectedProperty().get()).isNotNull();
        assertThat(Rows.text(model.selectedProperty().get(), "name")).isEqualTo("payments");
    }
}
