package dev.gatehouse.app.policyeditor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.meshpolicy.PermissionTemplates;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's form and YAML follow each other; problems land at their field and line; invalid means no edit. */
class PolicyEditorModelTest {

    private static final List<MeshResourceType> TYPES =
            List.of(MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION);

    private static PolicyEditorModel allowWebToOrders() {
        return new PolicyEditorModel(PermissionTemplates.allow("default", "web", "orders", true), false, TYPES);
    }

    @Test
    void aTemplateOpensAsFormAndYaml() {
        PolicyEditorModel editor = allowWebToOrders();
        assertThat(editor.formShownProperty().get()).isTrue();
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.form().nameProperty().get()).isEqualTo("allow-web-to-orders");
        assertThat(editor.form().target().kindProperty().get()).isEqualTo("MeshSubset");
        assertThat(editor.form().target().serviceProperty().get()).isEqualTo("orders");
        assertThat(editor.form().rules()).hasSize(1);
        assertThat(editor.form().rules().get(0).client().serviceProperty().get())
                .isEqualTo("web");
        assertThat(editor.yamlProperty().get())
                .contains("kuma.io/service: orders")
                .contains("action: Allow");
        MeshEdit edit = editor.edit().orElseThrow();
        assertThat(edit.type()).isEqualTo(MeshResourceType.MESH_TRAFFIC_PERMISSION);
        assertThat(edit.name()).isEqualTo("allow-web-to-orders");
    }

    @Test
    void editingTheFormRewritesTheYaml() {
        PolicyEditorModel editor = allowWebToOrders();
        editor.form().rules().get(0).actionProperty().set("Deny");
        editor.form().target().serviceProperty().set("payments");
        editor.form().addRule();
        editor.form().rules().get(1).client().serviceProperty().set("batch");
        String yaml = editor.yamlProperty().get();
        assertThat(yaml)
                .contains("action: Deny")
                .contains("kuma.io/service: payments")
                .contains("kuma.io/service: batch");
        assertThat(editor.resourceProperty()
                        .get()
                        .at("/spec/from/1/targetRef/tags/kuma.io~1service")
                        .asText())
                .isEqualTo("batch");
    }

    @Test
    void editingTheYamlRefillsTheForm() {
        PolicyEditorModel editor = allowWebToOrders();
        editor.yamlProperty()
                .set(editor.yamlProperty().get().replace("Allow", "Deny").replace("orders", "billing"));
        assertThat(editor.form().rules().get(0).actionProperty().get()).isEqualTo("Deny");
        assertThat(editor.form().target().serviceProperty().get()).isEqualTo("billing");
    }

    @Test
    void invalidYamlIsShownAtItsLineAndGivesNoEdit() {
        PolicyEditorModel editor = allowWebToOrders();
        String broken = editor.yamlProperty().get().replace("action: Allow", "action: [Allow");
        editor.yamlProperty().set(broken);
        assertThat(editor.validProperty().get()).isFalse();
        assertThat(editor.edit()).isEmpty();
        assertThat(editor.lineErrors()).hasSize(1);
        int actionLine = List.of(broken.split("\n"))
                        .indexOf(broken.lines()
                                .filter(l -> l.contains("action:"))
                                .findFirst()
                                .orElseThrow())
                + 1;
        assertThat(editor.lineErrors().get(0).line()).isGreaterThanOrEqualTo(actionLine);
        // The form keeps the last policy that parsed.
        assertThat(editor.form().rules().get(0).actionProperty().get()).isEqualTo("Allow");
    }

    @Test
    void theServersReasonsAreShownAtTheFieldAndItsLine() {
        PolicyEditorModel editor = allowWebToOrders();
        editor.form().rules().get(0).client().kindProperty().set("Nonsense");
        editor.showServerErrors(
                "Resource is not valid", Map.of("spec.from[0].targetRef.kind", "value 'Nonsense' is not supported"));
        assertThat(editor.fieldErrors())
                .containsEntry("spec.from[0].targetRef.kind", "value 'Nonsense' is not supported");
        String[] lines = editor.yamlProperty().get().split("\n");
        assertThat(editor.lineErrors()).hasSize(1);
        assertThat(lines[editor.lineErrors().get(0).line() - 1]).contains("kind: Nonsense");
        // The next edit clears them: they were about the text the server saw.
        editor.form().rules().get(0).client().kindProperty().set("MeshSubset");
        assertThat(editor.fieldErrors()).isEmpty();
    }

    @Test
    void aPolicyWithoutANameOrOfAnUnknownTypeIsInvalid() {
        PolicyEditorModel editor = allowWebToOrders();
        editor.form().nameProperty().set("");
        assertThat(editor.validProperty().get()).isFalse();
        assertThat(editor.fieldErrors()).containsKey("name");
        editor.yamlProperty().set(editor.yamlProperty().get().replace("MeshTrafficPermission", "MeshNothing"));
        assertThat(editor.fieldErrors()).containsKey("type");
        assertThat(editor.formShownProperty().get()).isFalse();
    }

    @Test
    void otherTypesAreYamlOnly() {
        PolicyEditorModel editor =
                new PolicyEditorModel(PermissionTemplates.allow("default", "web", "orders", false), true, TYPES);
        assertThat(editor.formShownProperty().get()).isFalse();
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.edit().orElseThrow().type()).isEqualTo(MeshResourceType.TRAFFIC_PERMISSION);
        assertThat(editor.originalName()).contains("allow-web-to-orders");
    }
}
