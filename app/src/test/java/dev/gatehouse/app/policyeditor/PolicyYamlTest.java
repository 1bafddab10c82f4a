package dev.gatehouse.app.policyeditor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.meshpolicy.PermissionTemplates;
import org.junit.jupiter.api.Test;

/** YAML read with the line of each Kuma field path, and parse errors at their line. */
class PolicyYamlTest {

    @Test
    void eachFieldPathHasTheLineItIsOn() {
        String text = PolicyYaml.write(PermissionTemplates.allow("default", "web", "orders", true));
        PolicyYaml.Parsed parsed = PolicyYaml.read(text);
        String[] lines = text.split("\n");
        assertThat(parsed.error()).isEmpty();
        assertThat(lines[parsed.lineOf("name").orElseThrow() - 1]).contains("name: allow-web-to-orders");
        assertThat(lines[parsed.lineOf("spec.targetRef.kind").orElseThrow() - 1])
                .contains("kind: MeshSubset");
        assertThat(parsed.lineOf("spec.targetRef.kind")).isNotEqualTo(parsed.lineOf("spec.from[0].targetRef.kind"));
        assertThat(lines[parsed.lineOf("spec.from[0].targetRef.kind").orElseThrow() - 1])
                .contains("kind: MeshSubset");
        assertThat(lines[parsed.lineOf("spec.from[0].default.action").orElseThrow() - 1])
                .contains("action: Allow");
    }

    @Test
    void aPathNotInTheTextIsAtItsNearestParent() {
        PolicyYaml.Parsed parsed = PolicyYaml.read("type: MeshTrafficPermission\nname: x\nspec:\n  from:\n  - {}\n");
        assertThat(parsed.lineOf("spec.from[0].targetRef.kind")).contains(5);
        assertThat(parsed.lineOf("spec.targetRef")).contains(3);
    }

    @Test
    void aSyntaxErrorIsAtItsLine() {
        PolicyYaml.Parsed parsed =
                PolicyYaml.read("type: MeshTrafficPermission\nname: x\nspec:\n  from: [\n  bad: :\n");
        assertThat(parsed.resource()).isEmpty();
        assertThat(parsed.error()).isPresent();
        assertThat(parsed.error().orElseThrow().line()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aBracketNeverClosedAtTheEndIsAtTheLineItOpens() {
        PolicyYaml.Parsed parsed = PolicyYaml.read("type: MeshTrafficPermission\nname: x\nspec:\n  from: [a, b\n");
        assertThat(parsed.error().orElseThrow().line()).isEqualTo(4);
        assertThat(parsed.error().orElseThrow().message())
                .contains("flow sequence")
                .doesNotContain("\n");
    }

    @Test
    void aProblemFoundLaterIsAtItsLineAndNamesWhereTheConstructBegan() {
        PolicyYaml.Parsed parsed =
                PolicyYaml.read("type: MeshTrafficPermission\nname: x\nspec:\n  from: [a, b\n  other: 1\n");
        assertThat(parsed.error().orElseThrow().line()).isEqualTo(5);
        assertThat(parsed.error().orElseThrow().message()).contains("(line 4)");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        assertThat(PolicyYaml.read("- a\n- b\n").error()).isPresent();
    }
}
