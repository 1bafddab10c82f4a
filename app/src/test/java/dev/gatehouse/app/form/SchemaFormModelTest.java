package dev.gatehouse.app.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.pages.routes.RoutesViewModel;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.testing.RealGatewayTest;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Forms generated from the real gateway's schemas: what they show, what they send, where errors land. */
class SchemaFormModelTest extends RealGatewayTest {

    private static SchemaFormModel routeForm() {
        EntitySchema schema = repository.schema(EntityKind.ROUTES).join();
        return new SchemaFormModel(schema.fields(), RoutesViewModel.FORM_LAYOUT);
    }

    private static GatewayException refusal(EntityKind kind, ObjectNode body) {
        try {
            repository.create(kind, body).join();
            throw new AssertionError("expected the gateway to refuse " + body);
        } catch (CompletionException e) {
            return (GatewayException) e.getCause();
        }
    }

    @Test
    void primaryFieldsComeFirstInTheirOrderAndAutoFieldsAreHidden() {
        SchemaFormModel form = routeForm();
        assertThat(form.primaryFields())
                .extracting(FormField::name)
                .containsExactly(
                        "name",
                        "service",
                        "protocols",
                        "paths",
                        "hosts",
                        "methods",
                        "headers",
                        "strip_path",
                        "preserve_host",
                        "tags");
        assertThat(form.advancedFields())
                .extracting(FormField::name)
                .doesNotContain("id", "created_at", "updated_at")
                .contains("regex_priority", "path_handling");
        assertThat(form.field("protocols").orElseThrow()).isInstanceOf(ListFormField.class);
        assertThat(form.field("service").orElseThrow()).isInstanceOf(ForeignFormField.class);
        assertThat(form.field("headers").orElseThrow()).isInstanceOf(MapFormField.class);
    }

    @Test
    void aNewFormSendsWhatTheGatewayAcceptsAndDefaultsStayKongs() {
        SchemaFormModel form = routeForm();
        form.loadNew();
        ((TextFormField) form.field("name").orElseThrow()).textProperty().set("form-route");
        ((ListFormField) form.field("paths").orElseThrow()).add("/form");
        ObjectNode body = form.createBody();
        ObjectNode created;
        try {
            created = repository.create(EntityKind.ROUTES, body).join();
        } catch (CompletionException e) {
            throw new AssertionError(
                    "body " + body + " refused: " + e.getCause().getMessage() + " "
                            + ((GatewayException) e.getCause()).fieldErrors(),
                    e);
        }
        assertThat(created.path("strip_path").asBoolean()).isTrue();
        assertThat(created.path("protocols").toString()).isEqualTo("[\"http\",\"https\"]");
        assertThat(created.path("https_redirect_status_code").asInt()).isEqualTo(426);
    }

    @Test
    void anEditSendsOnlyWhatChanged() {
        ObjectNode route = repository
                .create(EntityKind.ROUTES, routeBody("edit-route", "/edit"))
                .join();
        SchemaFormModel form = routeForm();
        form.loadEntity(route);
        assertThat(form.isModified()).isFalse();
        ((BooleanFormField) form.field("preserve_host").orElseThrow())
                .valueProperty()
                .set(true);
        ((ListFormField) form.field("paths").orElseThrow()).add("/edit2");
        assertThat(form.patchBody().toString()).isEqualTo("{\"paths\":[\"/edit\",\"/edit2\"],\"preserve_host\":true}");
        ObjectNode saved = repository
                .update(EntityKind.ROUTES, "edit-route", form.patchBody())
                .join();
        assertThat(saved.path("preserve_host").asBoolean()).isTrue();
    }

    @Test
    void anEntityCheckIsShownOnceBesideTheGroupOfTheFieldsItNames() {
        SchemaFormModel form = routeForm();
        form.loadNew();
        // 09-routes_routes_spec.lua: {"@entity":["must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' ..."]}
        form.showError(refusal(EntityKind.ROUTES, form.createBody()));
        FormGroup match = form.groupOf(form.field("paths").orElseThrow()).orElseThrow();
        assertThat(match.errorProperty().get()).contains("must set one of");
        assertThat(form.formErrorProperty().get()).isEmpty();
        for (String field : List.of("paths", "hosts", "methods", "headers", "name")) {
            assertThat(form.field(field).orElseThrow().errorProperty().get())
                    .as(field)
                    .isEmpty();
        }
        // Adding a path answers the check: its message goes at once, before any save.
        ((ListFormField) form.field("paths").orElseThrow()).add("/now");
        assertThat(match.errorProperty().get()).isEmpty();
    }

    @Test
    void aFieldsErrorGoesAwayWhenTheFieldIsEdited() {
        SchemaFormModel form = routeForm();
        form.loadNew();
        ((ListFormField) form.field("paths").orElseThrow()).add("no-slash");
        form.showError(refusal(EntityKind.ROUTES, form.createBody()));
        ListFormField paths = (ListFormField) form.field("paths").orElseThrow();
        assertThat(paths.errorProperty().get()).isNotEmpty();
        paths.items().setAll("/fixed");
        assertThat(paths.errorProperty().get()).isEmpty();
    }

    @Test
    void nestedPluginConfigErrorsLandOnTheConfigField() {
        EntitySchema keyAuth = repository.pluginSchema("key-auth").join();
        SchemaFormModel form =
                new SchemaFormModel(keyAuth.fields(), new FormLayout(List.of("config"), FormLayout.AUTO));
        form.loadNew();
        ListFormField keyNames = (ListFormField) form.field("config.key_names").orElseThrow();
        assertThat(keyNames.items()).containsExactly("apikey");
        keyNames.items().setAll("hello\\world");
        ObjectNode body = form.createBody().put("name", "key-auth");
        try {
            repository.create(EntityKind.PLUGINS, body).join();
            throw new AssertionError("expected a schema violation");
        } catch (CompletionException e) {
            form.showError((GatewayException) e.getCause());
        }
        assertThat(keyNames.errorProperty().get()).contains("bad header name");
    }

    @Test
    void aUniqueConflictIsShownOnceBesideTheKeyItNames() {
        repository.create(EntityKind.ROUTES, routeBody("taken", "/taken")).join();
        SchemaFormModel form = routeForm();
        form.loadNew();
        ((TextFormField) form.field("name").orElseThrow()).textProperty().set("taken");
        ((ListFormField) form.field("paths").orElseThrow()).add("/other");
        form.showError(refusal(EntityKind.ROUTES, form.createBody()));
        assertThat(form.field("name").orElseThrow().errorProperty().get()).contains("UNIQUE violation");
        assertThat(form.formErrorProperty().get()).isEmpty();
    }

    @Test
    void anEmptiedListWithADefaultSaysTheDefaultWillApply() {
        EntitySchema keyAuth = repository.pluginSchema("key-auth").join();
        SchemaFormModel form =
                new SchemaFormModel(keyAuth.fields(), new FormLayout(List.of("config"), FormLayout.AUTO));
        form.loadNew();
        ListFormField keyNames = (ListFormField) form.field("config.key_names").orElseThrow();
        assertThat(keyNames.defaultAppliesBinding().get()).isFalse();
        keyNames.items().clear();
        assertThat(keyNames.defaultAppliesBinding().get()).isTrue();
        assertThat(keyNames.defaultText()).isEqualTo("apikey");
        // What the note says is what the gateway does with the emptied list.
        ObjectNode stored = repository
                .create(EntityKind.PLUGINS, form.createBody().put("name", "key-auth"))
                .join();
        assertThat(stored.path("config").path("key_names").toString()).isEqualTo("[\"apikey\"]");
        repository.delete(EntityKind.PLUGINS, stored.path("id").asText()).join();
    }

    private static ObjectNode routeBody(String name, String path) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("name", name);
        body.putArray("paths").add(path);
        return body;
    }
}
