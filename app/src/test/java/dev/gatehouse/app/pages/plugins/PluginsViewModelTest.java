package dev.gatehouse.app.pages.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.form.ListFormField;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Plugins page's view-model against a real gateway: headings that name the plugin, configuration as a form. */
class PluginsViewModelTest {

    @TempDir
    Path dir;

    private RunningGateway gateway;
    private ActiveConnection connection;
    private PluginsViewModel plugins;

    @BeforeEach
    void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: orders
                  host: orders.internal
                  routes:
                  - name: orders-rt
                    paths: [/orders]
                    plugins:
                    - name: key-auth
                      config:
                        key_names: [apiKey, x-key]
                """);
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("gw", URI.create(gateway.adminUrl()), Optional.empty()));
        plugins = new PluginsViewModel(
                new Messages(Locale.ROOT), connection, page -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        plugins.reload();
        eventually(() -> assertThat(plugins.items()).hasSize(1));
    }

    @AfterEach
    void stop() {
        connection.close();
        gateway.close();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    @Test
    void theFormHeadingNamesThePlugin() {
        eventually(() -> assertThat(plugins.pluginToAddProperty().get()).isEqualTo("key-auth"));
        plugins.pluginToAddProperty().set("cors");
        plugins.startCreate();
        eventually(() -> assertThat(plugins.formProperty().get()).isNotNull());
        assertThat(plugins.formTitle()).isEqualTo("New cors plugin");

        plugins.cancelEdit();
        eventually(() -> assertThat(plugins.namesProperty().get()).isNotEmpty());
        plugins.selectedProperty().set(plugins.items().get(0));
        plugins.startEdit();
        eventually(() -> assertThat(plugins.formProperty().get()).isNotNull());
        assertThat(plugins.formTitle()).isEqualTo("Edit key-auth plugin (Route orders-rt)");
    }

    @Test
    void theSelectedPluginsConfigurationIsShownInTheEditingForm() {
        plugins.selectedProperty().set(plugins.items().get(0));
        eventually(() -> assertThat(plugins.shownConfigProperty().get()).isNotNull());
        PluginsViewModel.ShownConfig shown = plugins.shownConfigProperty().get();
        assertThat(shown.pluginId()).isEqualTo(plugins.items().get(0).path("id").asText());
        ListFormField keyNames =
                (ListFormField) shown.form().field("config.key_names").orElseThrow();
        assertThat(keyNames.items()).containsExactly("apiKey", "x-key");
        // Every config field of key-auth's schema is there, not only those set.
        assertThat(shown.form().field("config.hide_credentials")).isPresent();

        plugins.selectedProperty().set(null);
        assertThat(plugins.shownConfigProperty().get()).isNull();
    }
}
