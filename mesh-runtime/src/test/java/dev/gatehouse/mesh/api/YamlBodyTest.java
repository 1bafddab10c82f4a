package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2: YAML bodies (a Gatehouse extension; Kuma's REST API reads JSON only, resource_endpoints.go →
 * rest.JSON.Unmarshal) are read the way kumactl reads a file: sigs.k8s.io/yaml over go-yaml, which resolves anchors,
 * aliases and merge keys (gopkg.in/yaml decode.go). An alias is never stored as its anchor's name.
 */
class YamlBodyTest extends SharedControlPlaneTest {
    private static final String DP = """
            type: Dataplane
            mesh: default
            name: %s
            networking:
              address: 127.0.0.1
              inbound:
                - port: 15000
                  servicePort: 5000
                  tags:
                    kuma.io/service: %s
            """;

    @Test
    void aliasesAreResolvedToTheirValues() {
        Http.Res r = http.putYaml("/meshes/default/dataplanes/alias-1", DP.formatted("alias-1", "&svc web") + """
                  outbound:
                    - port: 10001
                      tags: &out
                        kuma.io/service: *svc
                    - port: 10002
                      tags: *out
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode dp = http.get("/meshes/default/dataplanes/alias-1").json();
        assertThat(dp.at("/networking/inbound/0/tags/kuma.io~1service").asText())
                .isEqualTo("web");
        assertThat(dp.at("/networking/outbound/0/tags/kuma.io~1service").asText())
                .isEqualTo("web");
        assertThat(dp.at("/networking/outbound/1/tags/kuma.io~1service").asText())
                .isEqualTo("web");
    }

    @Test
    void mergeKeysMergeWithExplicitKeysWinning() {
        Http.Res r = http.putYaml("/meshes/default/traffic-permissions/merged", """
                type: TrafficPermission
                mesh: default
                name: merged
                sources:
                  - match: &web
                      kuma.io/service: web
                      version: v1
                destinations:
                  - match:
                      <<: *web
                      kuma.io/service: backend
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode match =
                http.get("/meshes/default/traffic-permissions/merged").json().at("/destinations/0/match");
        assertThat(match.path("kuma.io/service").asText()).isEqualTo("backend");
        assertThat(match.path("version").asText()).isEqualTo("v1");
        assertThat(match.has("<<")).isFalse();
    }

    @Test
    void anUnknownAliasIsAKumaBadRequestAndNothingIsStored() {
        Http.Res r = http.putYaml("/meshes/default/dataplanes/alias-2", DP.formatted("alias-2", "*svc"));
        assertThat(r.status()).isEqualTo(400);
        JsonNode b = r.json();
        assertThat(b.path("type").asText()).isEqualTo("/std-errors");
        assertThat(b.path("title").asText()).isEqualTo("Bad Request");
        assertThat(b.path("detail").asText())
                .isEqualTo("invalid Dataplane object: \"yaml: unknown anchor 'svc' referenced\"");
        assertThat(http.get("/meshes/default/dataplanes/alias-2").status()).isEqualTo(404);
    }

    @Test
    void billionLaughsIsRefusedQuicklyWithA400() {
        StringBuilder doc =
                new StringBuilder("type: Mesh\nname: laughs\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            doc.append("l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        long started = System.nanoTime();
        Http.Res r = http.putYaml("/meshes/laughs", doc.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("detail").asText())
                .isEqualTo("invalid Mesh object: \"yaml: document contains excessive aliasing\"");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(http.get("/meshes/laughs").status()).isEqualTo(404);
    }

    @Test
    void aliasOfAnAnchorStillBeingDefinedIsRefused() {
        Http.Res r = http.putYaml("/meshes/loop", "type: Mesh\nname: loop\nlabels: &l {a: b, c: *l}\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("detail").asText())
                .isEqualTo("invalid Mesh object: \"yaml: anchor 'l' value contains itself\"");
    }

    @Test
    void tagsOutsideYamlsCoreSchemaAreRefused() {
        Http.Res r = http.putYaml("/meshes/tagged", "type: Mesh\nname: !!java.lang.Runtime tagged\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("detail").asText())
                .isEqualTo("invalid Mesh object: \"yaml: unsupported tag !!java.lang.Runtime\"");
        Http.Res core = http.putYaml("/meshes/tagged", "type: Mesh\nname: !!str tagged\nlabels: {n: !!str 1}\n");
        assertThat(core.status()).as(core.body()).isEqualTo(201);
        assertThat(http.get("/meshes/tagged").json().at("/labels/n").asText()).isEqualTo("1");
    }

    @Test
    void aSecondDocumentIsRefusedRatherThanIgnored() {
        Http.Res r = http.putYaml("/meshes/first", "type: Mesh\nname: first\n---\ntype: Mesh\nname: second\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("detail").asText())
                .isEqualTo("invalid Mesh object: \"yaml: expected a single document in the body, found another one\"");
        assertThat(http.get("/meshes/first").status()).isEqualTo(404);
    }
}
