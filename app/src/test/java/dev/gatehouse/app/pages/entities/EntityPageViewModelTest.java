package dev.gatehouse.app.pages.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.form.ListFormField;
import dev.gatehouse.app.form.TextFormField;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.pages.routes.RoutesViewModel;
import dev.gatehouse.app.pages.services.ServicesViewModel;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway pages' view-models without any window: loading, filtering, connection switches, writes, against
 * two real gateways. Results are published on the calling thread ({@link UiExecutor#DIRECT}).
 */
class EntityPageViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private RunningGateway a;
    private RunningGateway b;
    private ActiveConnection connection;

    @BeforeEach
    void start() throws Exception {
        a = TestRuntimes.gateway(dir.resolve("a"));
        b = TestRuntimes.gateway(dir.resolve("b"));
        TestRuntimes.loadConfig(a, """
                _format_version: "3.0"
                services:
                - name: orders
                  host: orders.internal
                  tags: [team-a]
                  routes:
                  - name: orders-list
                    paths: [/orders]
                  - name: orders-admin
                    paths: [/admin/orders]
                    hosts: [admin.example.com]
                - name: billing
                  host: billing.internal
                  routes:
                  - name: invoices
                    paths: [/invoices]
                plugins:
                - name: key-auth
                  service: orders
                """);
        TestRuntimes.loadConfig(b, """
                _format_version: "3.0"
                services:
                - name: only-in-b
                  host: b.internal
                """);
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("a", URI.create(a.adminUrl()), Optional.empty()));
    }

    @AfterEach
    void stop() {
        connection.close();
        a.close();
        b.close();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    private ServicesViewModel services() {
        ServicesViewModel model = new ServicesViewModel(messages, connection, page -> {}, dialogs, UiExecutor.DIRECT);
        model.reload();
        eventually(() -> assertThat(model.loadingProperty().get()).isFalse());
        return model;
    }

    private RoutesViewModel routes() {
        RoutesViewModel model = new RoutesViewModel(messages, connection, page -> {}, dialogs, UiExecutor.DIRECT);
        model.reload();
        eventually(() -> assertThat(model.loadingProperty().get()).isFalse());
        return model;
    }

    @Test
    void theFilterMatchesNamesPathsHostsAndTagsTokenByToken() {
        RoutesViewModel routes = routes();
        assertThat(routes.items()).hasSize(3);
        routes.filterProperty().set("admin");
        assertThat(routes.filtered()).extracting(r -> r.path("name").asText()).containsExactly("orders-admin");
        routes.filterProperty().set("/inv");
        assertThat(routes.filtered()).extracting(r -> r.path("name").asText()).containsExactly("invoices");
        routes.filterProperty().set("orders example");
        assertThat(routes.filtered()).extracting(r -> r.path("name").asText()).containsExactly("orders-admin");
        routes.filterProperty().set("");
        assertThat(routes.filtered()).hasSize(3);

        ServicesViewModel services = services();
        services.filterProperty().set("team-a");
        assertThat(services.filtered()).extracting(r -> r.path("name").asText()).containsExactly("orders");
    }

    @Test
    void keyAuthCoverageFollowsKongsScopes() {
        RoutesViewModel routes = routes();
        eventually(() -> assertThat(routes.coverageProperty().get().isProtected(byName(routes.items(), "orders-list")))
                .isTrue());
        assertThat(routes.coverageProperty().get().isProtected(byName(routes.items(), "invoices")))
                .isFalse();
        assertThat(routes.serviceName(byName(routes.items(), "invoices"))).isEqualTo("billing");
        routes.selectedProperty().set(byName(routes.items(), "orders-admin"));
        assertThat(routes.tester().curlBinding().get())
                .contains("/admin/orders")
                .contains("-H 'Host: admin.example.com'")
                .contains("-H 'apikey: $API_KEY'");
    }

    @Test
    void switchingConnectionReloadsThePage() {
        ServicesViewModel services = services();
        assertThat(services.items()).extracting(s -> s.path("name").asText()).contains("orders", "billing");
        connection
                .switchTo(TestConnections.remoteKong("b", URI.create(b.adminUrl()), Optional.empty()))
                .join();
        eventually(() -> assertThat(services.items())
                .extracting(s -> s.path("name").asText())
                .containsExactly("only-in-b"));
    }

    @Test
    void deletingAServiceNamesItsRoutesAndTakesThemAlong() {
        ServicesViewModel services = services();
        eventually(() -> assertThat(services.routesOf(byName(services.items(), "orders")))
                .hasSize(2));
        services.delete(List.of(byName(services.items(), "orders")));
        eventually(() -> assertThat(services.items())
                .extracting(s -> s.path("name").asText())
                .containsExactly("billing"));
        assertThat(dialogs.shown()).anyMatch(s -> s.contains("orders-list") && s.contains("orders-admin"));
        assertThat(routes().items()).extracting(r -> r.path("name").asText()).containsExactly("invoices");
    }

    @Test
    void declinedConfirmationDeletesNothing() {
        dialogs.answerConfirmWith(false);
        ServicesViewModel services = services();
        services.delete(List.of(byName(services.items(), "billing")));
        assertThat(services().items()).hasSize(2);
    }

    @Test
    void bulkTagEditsAddAndRemoveOnEveryRow() {
        ServicesViewModel services = services();
        services.editTags(List.copyOf(services.items()), Set.of("prod"), Set.of("team-a"));
        eventually(() -> assertThat(services().items())
                .allSatisfy(s -> assertThat(s.path("tags").toString()).isEqualTo("[\"prod\"]")));
    }

    @Test
    void aCreateRefusedByTheGatewayKeepsTheFormWithTheErrorBesideTheField() {
        RoutesViewModel routes = routes();
        routes.startCreate();
        eventually(() -> assertThat(routes.formProperty().get()).isNotNull());
        var form = routes.formProperty().get();
        ((TextFormField) form.field("name").orElseThrow()).textProperty().set("invoices");
        ((ListFormField) form.field("paths").orElseThrow()).add("/dup");
        routes.submit();
        eventually(() -> assertThat(routes.savingProperty().get()).isFalse());
        assertThat(routes.formProperty().get()).isSameAs(form);
        assertThat(form.field("name").orElseThrow().errorProperty().get()).contains("UNIQUE violation");

        ((TextFormField) form.field("name").orElseThrow()).textProperty().set("invoices-2");
        routes.submit();
        eventually(() -> assertThat(routes.formProperty().get()).isNull());
        assertThat(routes.statusProperty().get()).isEqualTo("Created route invoices-2.");
        assertThat(routes.selectedProperty().get().path("name").asText()).isEqualTo("invoices-2");
    }

    @Test
    void aBadUrlIsReportedUnderTheUrlAndItsErrorGoesWhenTheUrlIsEdited() {
        ServicesViewModel services = services();
        services.startCreate();
        eventually(() -> assertThat(services.formProperty().get()).isNotNull());
        var form = services.formProperty().get();
        TextFormField url = (TextFormField) form.field("url").orElseThrow();
        ((TextFormField) form.field("name").orElseThrow()).textProperty().set("bad-url");
        url.textProperty().set("htp:/not a url");
        // Protocol, host, port and path come from the url now: not sent, and not the user's to fix.
        assertThat(form.field("protocol").orElseThrow().setByProperty().get()).isEqualTo("url");
        services.submit();
        eventually(() -> assertThat(services.savingProperty().get()).isFalse());
        // Kong answers about what the url shorthand set (services.lua shorthand_fields): protocol, host, path.
        assertThat(url.errorProperty().get())
                .contains("protocol: expected one of")
                .contains("host: required field missing")
                .contains("path: invalid path");
        // In the order the form shows the fields the url sets.
        assertThat(url.errorProperty().get().lines().map(line -> line.substring(0, line.indexOf(':'))))
                .containsExactly("protocol", "host", "path");
        for (String derived : List.of("protocol", "host", "port", "path")) {
            assertThat(form.field(derived).orElseThrow().errorProperty().get())
                    .as(derived)
                    .isEmpty();
        }
        assertThat(form.formErrorProperty().get()).isEmpty();

        url.textProperty().set("http://fixed.test/api");
        assertThat(url.errorProperty().get()).isEmpty();
        services.submit();
        eventually(() -> assertThat(services.formProperty().get()).isNull());
        ObjectNode saved = byName(services.items(), "bad-url");
        assertThat(saved.path("host").asText()).isEqualTo("fixed.test");
        assertThat(saved.path("path").asText()).isEqualTo("/api");
    }

    /** 300 routes /api/0 … /api/299; key-auth on the service of the even ones. */
    private RoutesViewModel threeHundredRoutes() throws Exception {
        StringBuilder yaml = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (String service : List.of("even", "odd")) {
            yaml.append("- name: ")
                    .append(service)
                    .append("\n  host: ")
                    .append(service)
                    .append(".internal\n");
            if (service.equals("even")) {
                yaml.append("  plugins:\n  - name: key-auth\n");
            }
            yaml.append("  routes:\n");
            for (int i = service.equals("even") ? 0 : 1; i < 300; i += 2) {
                yaml.append("  - name: api-")
                        .append(i)
                        .append("\n    paths: [/api/")
                        .append(i)
                        .append("]\n");
            }
        }
        TestRuntimes.loadConfig(a, yaml.toString());
        RoutesViewModel routes = routes();
        eventually(() -> assertThat(routes.coverageProperty().get().isProtected(byName(routes.items(), "api-0")))
                .isTrue());
        return routes;
    }

    private static List<String> paths(RoutesViewModel routes) {
        return routes.filtered().stream()
                .map(r -> r.path("paths").get(0).asText())
                .sorted()
                .toList();
    }

    @Test
    void rowsThatContainWhatWasTypedAreTheOnlyMatchesWhenThereAreAny() throws Exception {
        RoutesViewModel routes = threeHundredRoutes();
        routes.filterProperty().set("/api/25");
        // Not /api/125 or /api/205, which only have the letters in order.
        assertThat(paths(routes))
                .containsExactly(
                        "/api/25",
                        "/api/250",
                        "/api/251",
                        "/api/252",
                        "/api/253",
                        "/api/254",
                        "/api/255",
                        "/api/256",
                        "/api/257",
                        "/api/258",
                        "/api/259");
        // Nothing contains "api-2x5": the fuzzy match is the fallback (api-205, api-215, ..., api-295, api-25...).
        routes.filterProperty().set("api-2x5");
        assertThat(routes.filtered()).isEmpty();
        routes.filterProperty().set("ap-295");
        assertThat(routes.filtered()).extracting(r -> r.path("name").asText()).contains("api-295");
    }

    @Test
    void theAuthenticationColumnsWordsAndTheAnonymousChipFindTheOpenRoutes() throws Exception {
        RoutesViewModel routes = threeHundredRoutes();
        // "No authentication" is what the column says of them, and the filter finds it.
        routes.filterProperty().set("authentication");
        assertThat(routes.filtered())
                .hasSize(150)
                .allSatisfy(
                        r -> assertThat(Integer.parseInt(r.path("name").asText().substring(4)) % 2)
                                .isOne());
        routes.filterProperty().set("");
        routes.unprotectedOnlyProperty().set(true);
        assertThat(routes.filtered()).hasSize(150);
        routes.filterProperty().set("/api/25");
        assertThat(paths(routes))
                .containsExactly("/api/25", "/api/251", "/api/253", "/api/255", "/api/257", "/api/259");
    }

    @Test
    void theOverviewsLinkOpensRoutesShowingOnlyTheUnprotectedOnes() throws Exception {
        RoutesViewModel routes = threeHundredRoutes();
        routes.filterProperty().set("api-1");
        List<dev.gatehouse.app.page.PageLink> links = new java.util.ArrayList<>();
        var overview = new dev.gatehouse.app.pages.overview.OverviewViewModel(
                messages, connection, page -> {}, links::add, UiExecutor.DIRECT);
        overview.openUnprotectedRoutes();
        assertThat(links).hasSize(1);
        assertThat(links.get(0).page()).isEqualTo(dev.gatehouse.app.pages.routes.RoutesPage.ID);
        routes.show(links.get(0).show());
        assertThat(routes.filterProperty().get()).isEmpty();
        assertThat(routes.filtered())
                .hasSize(150)
                .allMatch(r -> routes.authenticationProperty().get().isAnonymous(r));
    }

    @Test
    void aRowTheFilterHidesIsNoLongerSelected() {
        RoutesViewModel routes = routes();
        routes.selectedProperty().set(byName(routes.items(), "invoices"));
        routes.filterProperty().set("orders");
        assertThat(routes.selectedProperty().get()).isNull();
        // Showing it again does not select it behind the user's back.
        routes.filterProperty().set("");
        assertThat(routes.selectedProperty().get()).isNull();

        // A reload keeps the selection, as the row's new self.
        routes.selectedProperty().set(byName(routes.items(), "invoices"));
        ObjectNode before = routes.selectedProperty().get();
        routes.reload();
        eventually(() -> assertThat(routes.loadingProperty().get()).isFalse());
        assertThat(routes.selectedProperty().get()).isNotSameAs(before).isEqualTo(before);
        assertThat(routes.filtered())
                .anySatisfy(
                        r -> assertThat(r).isSameAs(routes.selectedProperty().get()));
    }

    @Test
    void revealingARowTheFilterHidesClearsTheFilter() {
        RoutesViewModel routes = routes();
        routes.filterProperty().set("orders");
        routes.reveal(byName(routes.items(), "invoices"));
        assertThat(routes.filterProperty().get()).isEmpty();
        assertThat(routes.selectedProperty().get().path("name").asText()).isEqualTo("invoices");
    }

    private static ObjectNode byName(List<ObjectNode> rows, String name) {
        return rows.stream()
                .filter(r -> name.equals(r.path("name").asText()))
                .findFirst()
                .orElseThrow();
    }
}
